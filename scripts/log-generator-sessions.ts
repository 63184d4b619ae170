/**
 * Session scripts for the log generator: what one connection of each service writes, line by line.
 *
 * The vendor documents only the envelope, the level rules and one SMTP sample
 * (shared/reference/log-format.md); every reply text, Japanese note and dialogue shape beyond that
 * sample is assumed, modelled on ordinary SMTP/POP3/IMAP4 servers. Each line carries the set of
 * debug levels that write it, so one script serves every level.
 */
import type { Rng } from './log-generator';

export type Service = 'SMTP' | 'POP3' | 'IMAP4' | 'MTA';
export type FormatGeneration = '1.26' | '1.27' | '1.88a';
export type Level = 0 | 1 | 2 | 3;

/** Which debug levels write a line, as a bit set (bit n = level n). */
export const Levels = {
  /** Connect/Disconnect and errors: every level (assumed for Connect/Disconnect). */
  All: 0b1111,
  /**
   * Level 0's "processing" messages (log-format.md, "Levels"). Level 1 leaves them out; levels 2–3 are
   * assumed to keep them, being the detailed ones.
   */
  Processing: 0b1101,
  /** Level 2: detailed explanations and the peer's commands. */
  Detail: 0b1100,
  /** Level 3: what the server sends back. */
  Reply: 0b1000,
} as const;

/** How a session ended, in the app's words (model/log-index.ts OUTCOME_NAMES). */
export type OutcomeName = 'ok' | 'error' | 'rejected' | 'relay denied' | 'auth failed';
const SEVERITY: readonly OutcomeName[] = ['ok', 'error', 'rejected', 'relay denied', 'auth failed'];

/**
 * What a line means for its session's outcome, as the scenario intends it: a failure of some
 * kind, or `success` (a message accepted, a login done), after which earlier failures are only
 * warnings (README, "Outcomes").
 */
export type Verdict = Exclude<OutcomeName, 'ok'> | 'success';

export interface Step {
  text: string;
  levels: number;
  /** Seconds the clock moves forward before this line. */
  dt: number;
  verdict?: Verdict;
}

/** The outcome of the steps a level keeps: the worst failure since the last success. */
export function outcomeOf(steps: readonly Step[]): OutcomeName {
  let worst = 0;
  for (const { verdict } of steps) {
    if (verdict === 'success') worst = 0;
    else if (verdict) worst = Math.max(worst, SEVERITY.indexOf(verdict));
  }
  return SEVERITY[worst];
}

/** A delivery the MTA makes: the report log gets an entry for it when it ends. */
export interface Delivery {
  from: string;
  to: string;
  code: number;
}

/** One session's script, and what the app should make of it. */
export interface SessionScript {
  steps: Step[];
  /** The peer as the summary labels it (`host (ip)`, or the IP alone), null when none is logged. */
  peer: string | null;
  delivery?: Delivery;
}

/** What a script needs from its writer. */
export interface SessionContext {
  rng: Rng;
  format: FormatGeneration;
  /** Wall-clock time of the session's start, for the `Date:` in banners. */
  now: number;
  /** MTA: the report code the delivery ends with, instead of one drawn by weight. */
  code?: number;
}

/** Our own server (the documentation range of RFC 5737 and reserved example domains throughout). */
export const OUR_HOST = 'mail.example.jp';
export const LOCAL_DOMAIN = 'example.jp';
// prettier-ignore
export const USERS = [
  'taro', 'hanako', 'jiro', 'sato', 'suzuki', 'takahashi', 'tanaka', 'watanabe', 'ito', 'yamamoto',
  'nakamura', 'kobayashi', 'kato', 'yoshida', 'info', 'sales', 'support', 'soumu', 'keiri',
];
// prettier-ignore
export const FOREIGN_DOMAINS = [
  'example.com', 'example.net', 'example.org', 'example.co.jp', 'example.ne.jp', 'mail.example',
];
const EXTERNAL_SENDERS = [
  ['mail.example.com', '198.51.100.7'],
  ['smtp.example.net', '198.51.100.20'],
  ['mx2.example.org', '198.51.100.33'],
  ['out.example.co.jp', '198.51.100.54'],
  ['relay.example.ne.jp', '198.51.100.61'],
];
const REMOTE_MX = [
  ['mx.example.com', '203.0.113.5'],
  ['mx1.example.net', '203.0.113.25'],
  ['mx2.example.net', '203.0.113.26'],
  ['mx.example.org', '203.0.113.40'],
  ['mx.example.co.jp', '203.0.113.77'],
  ['mail.example.ne.jp', '203.0.113.90'],
];
const REMOTE_BANNERS = [
  'ESMTP Postfix',
  'Microsoft ESMTP MAIL Service ready',
  'ESMTP Sendmail 8.15.2',
  'ESMTP',
];

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

/** `Wed,18 May 2005 03:10:41 +0900(JST)`, as in the vendor's banner. Naive time read through UTC getters. */
export function formatBannerDate(t: number): string {
  const d = new Date(t * 1000);
  return (
    `${WEEKDAYS[d.getUTCDay()]},${pad2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ` +
    `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} +0900(JST)`
  );
}

/** Appends lines to a script, each with the levels that write it and the time taken before it. */
class Script {
  readonly steps: Step[] = [];
  peer: string | null = null;
  delivery: Delivery | undefined;
  constructor(private readonly rng: Rng) {}
  private add(text: string, levels: number, dt: number, verdict?: Verdict): void {
    this.steps.push(verdict ? { text, levels, dt, verdict } : { text, levels, dt });
  }
  /** The first line: no pause, so the banner's `Date:` (taken at session start) matches it. */
  connect(text: string): void {
    this.add(text, Levels.All, 0);
  }
  disconnect(text: string): void {
    this.add(text, Levels.All, this.rng.chance(0.3) ? 1 : 0);
  }
  error(text: string, verdict?: Verdict): void {
    this.add(text, Levels.All, 0, verdict);
  }
  processing(text: string): void {
    this.add(text, Levels.Processing, 0);
  }
  detail(text: string): void {
    this.add(text, Levels.Detail, 0);
  }
  command(text: string, slow = false): void {
    this.add(text, Levels.Detail, slow ? this.rng.int(1, 4) : this.rng.chance(0.35) ? 1 : 0);
  }
  reply(text: string, verdict?: Verdict): void {
    this.add(text, Levels.Reply, 0, verdict);
  }
  done(): SessionScript {
    return { steps: this.steps, peer: this.peer, delivery: this.delivery };
  }
}

/** `Connect from NAME(IP)` as the summary labels its peer. */
function peerLabel(name: string, ip: string): string {
  return name === ip ? ip : `${name} (${ip})`;
}

function localAddress(rng: Rng): string {
  return `${rng.pick(USERS)}@${LOCAL_DOMAIN}`;
}

export function foreignAddress(rng: Rng): string {
  return `${rng.pick(USERS)}${rng.int(1, 99)}@${rng.pick(FOREIGN_DOMAINS)}`;
}

/** An office PC: [name shown in Connect, IP, name it gives in HELO/EHLO]. */
function lanClient(rng: Rng): [string, string, string] {
  const ip = `192.0.2.${rng.int(10, 60)}`;
  const pc = `pc${pad2(rng.int(1, 40))}`;
  // No reverse lookup for most office PCs: the vendor's sample then shows the IP twice.
  return [rng.chance(0.6) ? ip : `${pc}.office.${LOCAL_DOMAIN}`, ip, pc];
}

function ehloLines(s: Script, client: string, ip: string, useHelo: boolean): void {
  if (useHelo) {
    s.command(`HELO ${client}`);
    s.reply(`250 ${OUR_HOST} Hello ${client} [${ip}], pleased to meet you.`);
    return;
  }
  s.command(`EHLO ${client}`);
  s.reply(`250-${OUR_HOST} Hello ${client} [${ip}], pleased to meet you.`);
  s.reply('250-AUTH LOGIN PLAIN CRAM-MD5');
  s.reply('250-SIZE 20971520');
  s.reply('250 HELP');
}

function smtpQuit(s: Script, rng: Rng): void {
  if (rng.chance(0.05)) {
    s.error('クライアントから切断されました。');
    return;
  }
  s.command('QUIT');
  s.reply(`221 2.0.0 ${OUR_HOST} closing connection`);
}

/** A queue id as the reply after DATA gives it (assumed, Postfix-like). */
function queueId(rng: Rng): string {
  return rng.int(0x10000000, 0x7fffffff).toString(16).toUpperCase();
}

function smtpMessage(s: Script, rng: Rng, from: string, rcpts: string[]): void {
  const size = rng.int(900, 60000);
  s.command(`MAIL FROM:<${from}>${rng.chance(0.5) ? ` SIZE=${size}` : ''}`);
  s.reply(`250 2.1.0 <${from}>... Sender ok`);
  for (const r of rcpts) {
    s.command(`RCPT TO:<${r}>`);
    s.reply(`250 2.1.5 <${r}>... Recipient ok`);
  }
  s.command('DATA');
  s.reply('354 Enter mail, end with "." on a line by itself');
  s.processing(`メールを受信しました。(${size} bytes)`);
  s.reply(`250 2.0.0 Ok: queued as ${queueId(rng)}`, 'success');
}

/** SMTP AUTH LOGIN: the name and password go encoded, so the server masks both. */
function smtpAuth(s: Script, user: string, fails: boolean): void {
  s.command('AUTH LOGIN');
  s.reply('334 VXNlcm5hbWU6');
  s.command('********');
  s.reply('334 UGFzc3dvcmQ6');
  s.command('********');
  if (fails) {
    s.reply('535 Authentication failed', 'auth failed');
    s.error(`SMTP 認証に失敗しました。(${user})`, 'auth failed');
    return;
  }
  s.reply('235 2.7.0 Authentication successful', 'success');
  s.detail(`SMTP 認証に成功しました。(${user})`);
}

/** Who connects to our SMTP service, weighted 45/20/25/10. */
const Office = 0;
const Roaming = 1;
const Inbound = 2;
const RelayProbe = 3;

/** SMTP: office PCs relaying, authenticated roaming users, inbound mail, and relay attempts. */
function smtpSession(ctx: SessionContext): SessionScript {
  const { rng } = ctx;
  const s = new Script(rng);
  const kind = rng.weighted([45, 20, 25, 10]);
  let client: string, addr: string, helo: string;
  if (kind === Office) [client, addr, helo] = lanClient(rng);
  else if (kind === RelayProbe) client = addr = helo = `203.0.113.${rng.int(100, 250)}`;
  else {
    [client, addr] = rng.pick(EXTERNAL_SENDERS);
    helo = client;
  }
  s.connect(`Connect from ${client}(${addr})`);
  s.peer = peerLabel(client, addr);
  if (kind === Office) {
    s.detail('無条件接続許可ホスト(IP)');
    s.detail('中継許可IPされたアドレス');
  }
  s.reply(`220 ${OUR_HOST} ESMTP PMailServer ${ctx.format}; Date: ${formatBannerDate(ctx.now)}`);
  ehloLines(s, helo, addr, kind === RelayProbe || rng.chance(0.15));
  if (kind === Roaming) {
    const fails = rng.chance(0.15);
    smtpAuth(s, rng.pick(USERS), fails);
    if (fails) {
      smtpQuit(s, rng);
      s.disconnect(`Disconnect from ${client}(${addr})`);
      return s.done();
    }
  }
  const messages = rng.chance(0.1) ? 2 : 1;
  for (let m = 0; m < messages; m++) {
    if (kind === RelayProbe) {
      const from = foreignAddress(rng);
      const to = foreignAddress(rng);
      s.command(`MAIL FROM:<${from}>`);
      s.reply(`250 2.1.0 <${from}>... Sender ok`);
      s.command(`RCPT TO:<${to}>`);
      s.reply(`550 5.7.1 <${to}>... Relaying denied`, 'relay denied');
      s.error(`中継を拒否しました。(${to})`, 'relay denied');
      break;
    }
    if (kind === Inbound && rng.chance(0.12)) {
      const from = foreignAddress(rng);
      const to = `nobody${rng.int(1, 9)}@${LOCAL_DOMAIN}`;
      s.command(`MAIL FROM:<${from}>`);
      s.reply(`250 2.1.0 <${from}>... Sender ok`);
      s.command(`RCPT TO:<${to}>`);
      // The note states no failure in the words the app reads: below level 3 this session is ok.
      s.reply(`550 5.1.1 <${to}>... User unknown`, 'rejected');
      s.error(`宛先のユーザが存在しません。(${to})`);
      break;
    }
    const from = kind === Inbound ? foreignAddress(rng) : localAddress(rng);
    const n = rng.weighted([70, 20, 10]) + 1;
    const rcpts: string[] = [];
    for (let i = 0; i < n; i++)
      rcpts.push(kind === Inbound || rng.chance(0.3) ? localAddress(rng) : foreignAddress(rng));
    smtpMessage(s, rng, from, rcpts);
  }
  smtpQuit(s, rng);
  s.disconnect(`Disconnect from ${client}(${addr})`);
  return s.done();
}

/**
 * A local user's mail client handing our server a message for a remote recipient, which the MTA
 * then delivers: an office PC (relay-permitted by IP, its client set up to log in all the same)
 * sends `from` to `to`, sometimes copying a colleague, whose copy stays here.
 */
export function buildSubmission(ctx: SessionContext, from: string, to: string): SessionScript {
  const { rng } = ctx;
  const s = new Script(rng);
  const [client, addr, helo] = lanClient(rng);
  s.connect(`Connect from ${client}(${addr})`);
  s.peer = peerLabel(client, addr);
  s.detail('無条件接続許可ホスト(IP)');
  s.detail('中継許可IPされたアドレス');
  s.reply(`220 ${OUR_HOST} ESMTP PMailServer ${ctx.format}; Date: ${formatBannerDate(ctx.now)}`);
  ehloLines(s, helo, addr, false);
  smtpAuth(s, from.slice(0, from.indexOf('@')), false);
  smtpMessage(s, rng, from, rng.chance(0.2) ? [to, localAddress(rng)] : [to]);
  smtpQuit(s, rng);
  s.disconnect(`Disconnect from ${client}(${addr})`);
  return s.done();
}

/** POP3: a mail client polling its mailbox; some logins fail. */
function pop3Session(ctx: SessionContext): SessionScript {
  const { rng } = ctx;
  const s = new Script(rng);
  const [client, ip] = lanClient(rng);
  const user = rng.pick(USERS);
  s.connect(`Connect from ${client}(${ip})`);
  s.peer = peerLabel(client, ip);
  s.reply(`+OK PMailServer POP3 server ready <${rng.int(1000, 99999)}.${ctx.now}@${OUR_HOST}>`);
  if (rng.chance(0.08)) {
    s.command(`APOP ${user} ********************************`);
  } else {
    s.command(`USER ${user}`);
    s.reply('+OK');
    s.command('PASS ****');
  }
  if (rng.chance(0.12)) {
    s.reply('-ERR Authentication failed', 'auth failed');
    s.error(`POP3 認証に失敗しました。(${user})`, 'auth failed');
  } else {
    const count = rng.weighted([35, 25, 20, 12, 8]);
    const sizes: number[] = [];
    for (let i = 0; i < count; i++) sizes.push(rng.int(800, 80000));
    const total = sizes.reduce((a, b) => a + b, 0);
    s.reply(`+OK ${user}'s maildrop has ${count} messages (${total} octets)`, 'success');
    s.detail(`メールボックスをロックしました。(${user})`);
    s.command('STAT');
    s.reply(`+OK ${count} ${total}`);
    s.command('LIST');
    s.reply(`+OK ${count} messages (${total} octets)`);
    const keep = rng.chance(0.3);
    for (let i = 0; i < count; i++) {
      s.command(`RETR ${i + 1}`, true);
      s.reply(`+OK ${sizes[i]} octets`);
      if (!keep) {
        s.command(`DELE ${i + 1}`);
        s.reply(`+OK message ${i + 1} deleted`);
      }
    }
    if (count > 0) s.processing(`${count} 通のメールを送信しました。(${user})`);
  }
  s.command('QUIT');
  s.reply('+OK PMailServer POP3 server signing off');
  s.disconnect(`Disconnect from ${client}(${ip})`);
  return s.done();
}

/** IMAP4: a client logging in, opening INBOX, fetching headers, logging out. */
function imap4Session(ctx: SessionContext): SessionScript {
  const { rng } = ctx;
  const s = new Script(rng);
  const [client, ip] = lanClient(rng);
  const user = rng.pick(USERS);
  let tagNo = 0;
  const tag = () => `A${String(++tagNo).padStart(3, '0')}`;
  s.connect(`Connect from ${client}(${ip})`);
  s.peer = peerLabel(client, ip);
  s.reply('* OK PMailServer IMAP4rev1 server ready');
  if (rng.chance(0.4)) {
    const t = tag();
    s.command(`${t} CAPABILITY`);
    s.reply('* CAPABILITY IMAP4rev1 AUTH=LOGIN IDLE');
    s.reply(`${t} OK CAPABILITY completed`);
  }
  const login = tag();
  s.command(`${login} LOGIN ${user} ****`);
  if (rng.chance(0.1)) {
    s.reply(`${login} NO LOGIN failed`, 'auth failed');
    s.error(`IMAP4 認証に失敗しました。(${user})`, 'auth failed');
  } else {
    s.reply(`${login} OK LOGIN completed`, 'success');
    s.detail(`メールボックスを開きました。(${user})`);
    const exists = rng.int(0, 40);
    const sel = tag();
    s.command(`${sel} SELECT INBOX`);
    s.reply(`* ${exists} EXISTS`);
    s.reply(`* ${rng.int(0, Math.min(exists, 3))} RECENT`);
    s.reply('* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)');
    s.reply(`${sel} OK [READ-WRITE] SELECT completed`);
    if (exists > 0) {
      const fetch = tag();
      const from = Math.max(1, exists - rng.int(0, 2));
      s.command(`${fetch} FETCH ${from}:${exists} (FLAGS RFC822.SIZE)`, true);
      for (let i = from; i <= exists; i++) {
        s.reply(
          `* ${i} FETCH (FLAGS (${rng.chance(0.5) ? '\\Seen' : ''}) RFC822.SIZE ${rng.int(800, 90000)})`,
        );
      }
      s.reply(`${fetch} OK FETCH completed`);
    }
    if (rng.chance(0.3)) {
      const noop = tag();
      s.command(`${noop} NOOP`, true);
      s.reply(`${noop} OK NOOP completed`);
    }
  }
  const logout = tag();
  s.command(`${logout} LOGOUT`);
  s.reply('* BYE PMailServer IMAP4 server logging out');
  s.reply(`${logout} OK LOGOUT completed`);
  s.disconnect(`Disconnect from ${client}(${ip})`);
  return s.done();
}

/**
 * Outcomes of one outbound delivery, as report codes (log-format.md, "MTA report log"): those that
 * happen inside an SMTP conversation, a failed connect (-1) and a DNS error before any (-10).
 * Internal failures and filters (-13 … -15, -17) appear only in the report log's own entries.
 */
const MTA_OUTCOMES = [0, -1, -2, -3, -4, -5, -6, -7, -8, -9, -10, -11, -12, -16];
const MTA_WEIGHTS = [830, 10, 5, 5, 40, 5, 5, 40, 5, 10, 10, 5, 20, 5];

/**
 * MTA: our server delivers to a remote MX; roles swap, so commands are ours and replies theirs.
 * The MTA notes the delivery before it connects (assumed wording, as every MTA note), may fail to
 * connect to a first host and reach another, and fails without any reply on a timeout, a network
 * or a DNS error. Every delivery gets its report entry (`delivery`).
 */
function mtaSession(ctx: SessionContext): SessionScript {
  const { rng } = ctx;
  const s = new Script(rng);
  const [mx, ip] = rng.pick(REMOTE_MX);
  const code = ctx.code ?? MTA_OUTCOMES[rng.weighted(MTA_WEIGHTS)];
  if (!MTA_OUTCOMES.includes(code)) throw new Error(`no MTA conversation ends with code ${code}`);
  const from = rng.chance(0.05) ? '' : localAddress(rng);
  const to = foreignAddress(rng);
  s.delivery = { from, to, code };
  s.processing(`配信を開始します。(${from || '<>'} -> ${to})`);
  if (code === -10) {
    s.error(`DNS エラーが発生しました。(${to})`, 'error');
    return s.done();
  }
  if (code === -1 || rng.chance(0.1)) {
    // The first host tried does not answer; a delivery that has no other host ends there.
    const [downMx, downIp] = code === -1 ? [mx, ip] : rng.pick(REMOTE_MX.filter(([h]) => h !== mx));
    s.error(`Connect to ${downMx}(${downIp}) に失敗しました。`, 'error');
    s.peer = peerLabel(downMx, downIp);
    if (code === -1) {
      s.error('配信先サーバに接続ができませんでした。', 'error');
      return s.done();
    }
  }
  s.connect(`Connect to ${mx}(${ip})`);
  s.peer = peerLabel(mx, ip);
  const fail = (text: string, verdict: Verdict) => {
    s.error(text, verdict);
    s.disconnect(`Disconnect from ${mx}(${ip})`);
    return s.done();
  };
  if (code === -12) return fail('配信先サーバに接続に失敗しました。(応答なし)', 'error');
  s.reply(`220 ${mx} ${rng.pick(REMOTE_BANNERS)}`);
  s.command(`EHLO ${OUR_HOST}`);
  if (code === -2) {
    s.reply('554 5.7.1 Access denied', 'rejected');
    return fail('配信先サーバが EHLO にエラー応答しました。', 'error');
  }
  s.reply(`250-${mx}`);
  s.reply('250-PIPELINING');
  s.reply('250-AUTH LOGIN PLAIN');
  s.reply('250 8BITMIME');
  if (code === -11 || rng.chance(0.05)) {
    s.command('AUTH LOGIN');
    s.reply('334 VXNlcm5hbWU6');
    s.command('********');
    s.reply('334 UGFzc3dvcmQ6');
    s.command('********');
    if (code === -11) {
      s.reply('535 5.7.8 Error: authentication failed', 'rejected');
      return fail('配信先サーバで SMTP 認証に失敗しました。', 'rejected');
    }
    s.reply('235 2.7.0 Authentication successful', 'success');
  }
  s.command(`MAIL FROM:<${from}>`);
  if (code === -3 || code === -9) {
    s.reply(
      code === -3 ? '553 5.1.8 Sender address rejected' : '451 4.3.0 Try again later',
      code === -3 ? 'rejected' : 'error',
    );
    return fail(`配信先サーバが MAIL FROM に${code === -9 ? '一時的' : ''}エラー応答しました。`, 'error');
  }
  s.reply('250 2.1.0 Ok');
  s.command(`RCPT TO:<${to}>`);
  if (code === -4 || code === -7) {
    if (code === -4) s.reply(`550 5.1.1 <${to}>: Recipient address rejected: User unknown`, 'rejected');
    else s.reply('450 4.2.0 Mailbox busy', 'error');
    s.error(`配信先サーバが RCPT TO に${code === -7 ? '一時的' : ''}エラー応答しました。(${to})`, 'error');
    s.command('QUIT');
    s.reply('221 2.0.0 Bye');
    s.disconnect(`Disconnect from ${mx}(${ip})`);
    return s.done();
  }
  s.reply('250 2.1.5 Ok');
  s.command('DATA');
  if (code === -5) {
    s.reply('554 5.5.1 Error: no valid recipients', 'rejected');
    return fail('配信先サーバが DATA にエラー応答しました。', 'error');
  }
  s.reply('354 End data with <CR><LF>.<CR><LF>');
  if (code === -8) return fail('データの送信中にネットワークエラーが発生しました。', 'error');
  if (code === -16) return fail('データ本文送信中にタイムアウトが発生しました。', 'error');
  if (code === -6) {
    s.reply('552 5.3.4 Message size exceeds fixed limit', 'rejected');
    return fail('配信先サーバが End of Data にエラー応答しました。', 'error');
  }
  s.reply(`250 2.0.0 Ok: queued as ${rng.int(0x10000000, 0x7fffffff).toString(16).toUpperCase()}`, 'success');
  s.processing(`配信が完了しました。(${to})`);
  s.command('QUIT');
  s.reply('221 2.0.0 Bye');
  s.disconnect(`Disconnect from ${mx}(${ip})`);
  return s.done();
}

const BUILDERS: Record<Service, (ctx: SessionContext) => SessionScript> = {
  SMTP: smtpSession,
  POP3: pop3Session,
  IMAP4: imap4Session,
  MTA: mtaSession,
};

/** The whole script of one session, every level's lines, and what the app should make of it. */
export function buildSession(service: Service, ctx: SessionContext): SessionScript {
  return BUILDERS[service](ctx);
}
