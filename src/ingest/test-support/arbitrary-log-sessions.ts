/**
 * Session scripts for the property suite (nothing-lost.property.test.ts): what one connection of
 * each service writes, as steps that say what they mean (a peer, a HELO name, a login that
 * succeeded, a refusal…), and the session the app should make of the steps a file keeps.
 *
 * The meaning of each reply and note is the README's "Outcomes" and log-format.md's decisions,
 * stated here per step by the script that writes it; the only rule taken from the engine's own
 * documentation rather than intent is which bytes a note word is (model/note-words.ts: looked for
 * in the encoded bytes, so an accidental match across two CP932 characters counts, as documented).
 */
import { COMMAND_VERBS } from '../../model/command-verbs';
import { ConnectDetail, LineKind, NoteDetail, ReplyCode } from '../../model/line-kind';
import { Outcome, SessionFlag } from '../../model/log-index';
import { NOTE_WORDS, NoteWord } from '../../model/note-words';

/** A source of small choices (fast-check shrinks the numbers toward 0, the simplest script). */
export class Choices {
  private at = 0;
  constructor(private readonly values: readonly number[]) {}
  /** An integer in [0, n). */
  int(n: number): number {
    const v = this.at < this.values.length ? this.values[this.at++] : 0;
    return v % n;
  }
  chance(outOf: number): boolean {
    return this.int(outOf) === 0;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
}

export type Verdict = 'success' | Outcome;

export interface Step {
  text: string;
  kind: LineKind;
  detail: number;
  /** A line that may start a session: a Connect, or the MTA's delivery start. */
  starter?: boolean;
  connect?: { host: string; ip: string; mode: 'ok' | 'failed' | 'disconnect' };
  helo?: string;
  user?: string;
  mailFrom?: string;
  rcpt?: string;
  /** For a command: what the reply right after it answers (a POP3/IMAP login or not). */
  login?: 'auth' | 'completes' | 'none';
  verdict?: Verdict;
  /** A note: its verdict comes from its words, found in its encoded bytes. */
  note?: boolean;
}

const OUR_HOST = 'mail.example.jp';
const USERS = ['taro', 'hanako', 'jiro', 'info', 'soumu'];
const DOMAINS = ['example.com', 'example.net', 'example.jp', 'example.co.jp'];
// Japanese that tests the encodings: ソ and 表 end in 0x5C, ー in 0x5B (`[`), ① is an NEC special,
// 髙 an IBM extension, ｱｲｳ half-width katakana (one byte each in CP932).
const JAPANESE = [
  '受信しました',
  'ソフト表示',
  '能予ー',
  '～①髙',
  'ｱｲｳｴｵ',
  '無条件接続許可ホスト(IP)',
  '中継許可IPされたアドレス',
];
/** Notes that state a failure: of a login, of a relay, of anything (their words decide). */
const FAILURE_NOTES = ['パスワードが違います。', '中継は拒否されました。', 'タイムアウトが発生しました。'];

const verbDetail = (verb: string) => COMMAND_VERBS.indexOf(verb as (typeof COMMAND_VERBS)[number]) + 1;
const smtpCode = (text: string) => Number(text.slice(0, 3));

function command(c: Choices, verb: string, rest: string, extra: Partial<Step> = {}): Step {
  const written = c.chance(4) ? verb.toLowerCase() : verb;
  return {
    text: rest ? `${written}${rest}` : written,
    kind: LineKind.Command,
    detail: verbDetail(verb),
    ...extra,
  };
}
const reply = (text: string, detail: number, verdict?: Verdict): Step => ({
  text,
  kind: LineKind.Reply,
  detail,
  verdict,
});
const smtpReply = (text: string, verdict?: Verdict) => reply(text, smtpCode(text), verdict);
const noteStep = (text: string): Step => ({ text, kind: LineKind.Note, detail: 0, note: true });

function address(c: Choices): string {
  return `${c.pick(USERS)}${c.int(3)}@${c.pick(DOMAINS)}`;
}
function peer(c: Choices): { host: string; ip: string } {
  const ip = `192.0.2.${c.int(250)}`;
  return { host: c.chance(2) ? ip : `pc${c.int(40)}.example.jp`, ip };
}

function notes(c: Choices, steps: Step[]): void {
  for (let n = c.int(3); n > 0; n--) {
    if (c.chance(3)) {
      steps.push(noteStep(c.pick(FAILURE_NOTES)));
    } else {
      steps.push(noteStep(`${c.pick(JAPANESE)} ${c.pick(JAPANESE)}`));
    }
  }
}

/** An inbound SMTP session (also used for an unknown service tag, which the app treats alike). */
function smtpSteps(c: Choices): Step[] {
  const p = peer(c);
  const steps: Step[] = [
    {
      text: `Connect from ${p.host}(${p.ip})`,
      kind: LineKind.Connect,
      detail: 0,
      starter: true,
      connect: { ...p, mode: 'ok' },
    },
  ];
  notes(c, steps);
  if (c.chance(2))
    steps.push(
      smtpReply(`220 ${OUR_HOST} ESMTP PMailServer 1.27; Date: Wed,18 May 2005 03:10:41 +0900(JST)`),
    );
  if (!c.chance(4)) {
    const name = `pc${c.int(9)}`;
    const helo = c.pick(['HELO', 'EHLO']);
    steps.push(command(c, helo, ` ${name}`, { helo: name }));
    steps.push(
      smtpReply(`250${c.chance(2) ? '-' : ' '}${OUR_HOST} Hello ${name} [${p.ip}], pleased to meet you.`),
    );
  }
  if (c.chance(3)) {
    steps.push(command(c, 'AUTH', ' LOGIN'), smtpReply('334 VXNlcm5hbWU6'));
    steps.push(
      c.chance(2)
        ? smtpReply('235 Authentication successful', 'success')
        : smtpReply('535 Authentication failed', Outcome.AuthFailed),
    );
  }
  if (!c.chance(3)) {
    const from = address(c);
    steps.push(
      command(c, 'MAIL', ` FROM:<${from}>${c.chance(2) ? ' SIZE=1024' : ''}`, { mailFrom: from }),
      smtpReply('250 ok'),
    );
    for (let n = c.int(3); n > 0; n--) {
      const to = address(c);
      if (steps.some((s) => s.rcpt === to)) continue;
      steps.push(command(c, 'RCPT', ` TO:<${to}>`, { rcpt: to }));
      steps.push(
        c.pick([
          smtpReply('250 ok'),
          smtpReply('550 5.7.1 Relaying denied', Outcome.RelayDenied),
          smtpReply('550 5.1.1 User unknown', Outcome.Rejected),
          smtpReply('450 4.2.0 Mailbox busy', Outcome.Error),
        ]),
      );
    }
    if (c.chance(2)) {
      steps.push(command(c, 'DATA', ''), smtpReply('354 Enter mail, end with "." on a line by itself'));
      steps.push(
        c.chance(3)
          ? smtpReply('552 Message size exceeds limit', Outcome.Rejected)
          : smtpReply('250 2.0.0 Ok: queued', 'success'),
      );
    }
  }
  notes(c, steps);
  if (c.chance(2)) steps.push(command(c, 'QUIT', ''), smtpReply('221 Bye'));
  return steps;
}

function popSteps(c: Choices): Step[] {
  const p = peer(c);
  const steps: Step[] = [
    {
      text: `Connect from ${p.host}(${p.ip})`,
      kind: LineKind.Connect,
      detail: 0,
      starter: true,
      connect: { ...p, mode: 'ok' },
    },
  ];
  if (c.chance(2)) steps.push(reply('+OK POP3 server ready', ReplyCode.PopOk));
  const user = c.pick(USERS);
  const ok = (text = '+OK') => reply(text, ReplyCode.PopOk);
  const err = (verdict: Verdict) => reply('-ERR authorization failed', ReplyCode.PopErr, verdict);
  if (c.chance(3)) {
    steps.push(command(c, 'APOP', ` ${user} c4c9334bac560ecc979e58001b3e22fb`, { user }));
    steps.push(c.chance(2) ? ok() : err(Outcome.AuthFailed));
    if (steps[steps.length - 1].detail === ReplyCode.PopOk) steps[steps.length - 1].verdict = 'success';
  } else if (!c.chance(4)) {
    steps.push(command(c, 'USER', ` ${user}`, { user }), c.chance(4) ? err(Outcome.AuthFailed) : ok());
    steps.push(
      command(c, 'PASS', ' ****'),
      c.chance(3) ? err(Outcome.AuthFailed) : reply('+OK logged in', ReplyCode.PopOk, 'success'),
    );
  }
  notes(c, steps);
  if (c.chance(2)) steps.push(command(c, 'STAT', ''), ok('+OK 2 320'));
  if (c.chance(2))
    steps.push(
      command(c, 'RETR', ' 1'),
      c.chance(2) ? ok('+OK 160 octets') : reply('-ERR no such message', ReplyCode.PopErr, Outcome.Rejected),
    );
  if (c.chance(2)) steps.push(command(c, 'QUIT', ''), ok('+OK bye'));
  return steps;
}

function imapSteps(c: Choices): Step[] {
  const p = peer(c);
  const steps: Step[] = [
    {
      text: `Connect from ${p.host}(${p.ip})`,
      kind: LineKind.Connect,
      detail: 0,
      starter: true,
      connect: { ...p, mode: 'ok' },
    },
  ];
  steps.push(reply('* OK IMAP4rev1 ready', ReplyCode.ImapUntagged));
  const user = c.pick(USERS);
  if (c.chance(3)) {
    steps.push({ ...command(c, 'AUTHENTICATE', ''), text: 'A001 AUTHENTICATE PLAIN' });
    steps.push(reply('+ ', ReplyCode.Continuation));
    steps.push(
      c.chance(2)
        ? reply('A001 OK AUTHENTICATE completed', ReplyCode.ImapOk, 'success')
        : reply('A001 NO AUTHENTICATE failed', ReplyCode.ImapNo, Outcome.AuthFailed),
    );
  } else if (!c.chance(4)) {
    const quoted = c.chance(2);
    steps.push({ ...command(c, 'LOGIN', ''), text: `A001 LOGIN ${quoted ? `"${user}"` : user} ****`, user });
    steps.push(
      c.chance(2)
        ? reply('A001 OK LOGIN completed', ReplyCode.ImapOk, 'success')
        : reply('A001 NO LOGIN failed', ReplyCode.ImapNo, Outcome.AuthFailed),
    );
  }
  notes(c, steps);
  if (c.chance(2)) {
    steps.push(
      { ...command(c, 'SELECT', ''), text: 'a002 select INBOX' },
      reply('* 3 EXISTS', ReplyCode.ImapUntagged),
    );
    steps.push(
      c.chance(3)
        ? reply('a002 BAD unknown mailbox', ReplyCode.ImapBad, Outcome.Rejected)
        : reply('a002 OK [READ-WRITE] SELECT completed', ReplyCode.ImapOk),
    );
  }
  if (c.chance(2))
    steps.push(
      { ...command(c, 'LOGOUT', ''), text: 'A003 LOGOUT' },
      reply('* BYE', ReplyCode.ImapUntagged),
      reply('A003 OK LOGOUT completed', ReplyCode.ImapOk),
    );
  return steps;
}

/** One delivery of the MTA: our server is the client, so the remote host's replies judge us. */
function mtaSteps(c: Choices): Step[] {
  const from = c.chance(4) ? '<>' : address(c);
  const to = address(c);
  const steps: Step[] = [
    {
      ...noteStep(`配信を開始します。(${from} -> ${to})`),
      starter: true,
      mailFrom: from === '<>' ? '' : from,
      rcpt: to,
    },
  ];
  const mx = () => ({ host: `mx${c.int(3)}.${c.pick(DOMAINS)}`, ip: `203.0.113.${c.int(250)}` });
  for (let n = c.int(3); n > 0; n--) {
    const h = mx();
    steps.push({
      text: `Connect to ${h.host}(${h.ip}) に失敗しました。`,
      kind: LineKind.Connect,
      detail: ConnectDetail.Outbound | ConnectDetail.Failed,
      starter: true,
      connect: { ...h, mode: 'failed' },
      verdict: Outcome.Error,
    });
  }
  if (!c.chance(4)) {
    const h = mx();
    steps.push({
      text: `Connect to ${h.host}(${h.ip})`,
      kind: LineKind.Connect,
      detail: ConnectDetail.Outbound,
      starter: true,
      connect: { ...h, mode: 'ok' },
    });
    steps.push(smtpReply(`220 ${h.host} ESMTP Postfix`));
    steps.push(command(c, 'EHLO', ` ${OUR_HOST}`, { helo: OUR_HOST }), smtpReply(`250 ${h.host}`));
    steps.push(
      command(c, 'MAIL', ` FROM:${from === '<>' ? '<>' : `<${from}>`}`, {
        mailFrom: from === '<>' ? '' : from,
      }),
      smtpReply('250 ok'),
    );
    steps.push(command(c, 'RCPT', ` TO:<${to}>`, { rcpt: to }));
    steps.push(
      c.pick([
        smtpReply('250 ok'),
        smtpReply('550 5.1.1 User unknown', Outcome.Rejected),
        smtpReply('451 4.3.0 Try again later', Outcome.Error),
      ]),
    );
    if (c.chance(2)) {
      steps.push(command(c, 'DATA', ''), smtpReply('354 go ahead'));
      steps.push(
        c.chance(3)
          ? smtpReply('554 5.7.1 Message rejected', Outcome.Rejected)
          : smtpReply('250 2.0.0 Ok: queued', 'success'),
      );
    }
    if (c.chance(2)) steps.push(command(c, 'QUIT', ''), smtpReply('221 Bye'));
  }
  if (c.chance(3)) steps.push(noteStep(`配信先サーバが DNS から見つかりませんでした。エラー(${to})`));
  return steps;
}

export type ServiceScript = 'SMTP' | 'POP3' | 'IMAP4' | 'MTA';

export function scriptSteps(service: ServiceScript, c: Choices): Step[] {
  switch (service) {
    case 'SMTP':
      return smtpSteps(c);
    case 'POP3':
      return popSteps(c);
    case 'IMAP4':
      return imapSteps(c);
    case 'MTA':
      return mtaSteps(c);
    default: {
      const never: never = service;
      throw new Error(`unknown script ${String(never)}`);
    }
  }
}

/** The Disconnect a session may end with: the peer it last connected to, or a fresh one. */
export function disconnectStep(steps: readonly Step[], c: Choices): Step {
  const last = [...steps].reverse().find((s) => s.connect)?.connect ?? peer(c);
  return {
    text: `Disconnect from ${last.host}(${last.ip})`,
    kind: LineKind.Disconnect,
    detail: 0,
    connect: { host: last.host, ip: last.ip, mode: 'disconnect' },
  };
}

/** The note words found in a message's encoded bytes (model/note-words.ts). */
export function noteHints(bytes: Uint8Array, encoding: 'shift_jis' | 'utf-8'): number {
  let bits = 0;
  for (const { word, bits: b, cp932 } of NOTE_WORDS) {
    const needle =
      encoding === 'utf-8'
        ? new TextEncoder().encode(word)
        : Uint8Array.from(cp932.match(/../g)!, (h) => parseInt(h, 16));
    if (indexOfBytes(bytes, needle) >= 0) bits |= b;
  }
  return bits;
}

function indexOfBytes(hay: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let k = 0; k < needle.length; k++) if (hay[i + k] !== needle[k]) continue outer;
    return i;
  }
  return -1;
}

/** What a note means for its session, from its words (README "Outcomes"; inbound vs our deliveries). */
export function noteVerdict(hints: number, outbound: boolean): Verdict | undefined {
  if ((hints & NoteWord.Failure) === 0) return undefined;
  const refusal = (hints & (NoteWord.Auth | NoteWord.Relay)) !== 0;
  if (outbound) return refusal ? Outcome.Rejected : Outcome.Error;
  if (hints & NoteWord.Auth) return Outcome.AuthFailed;
  if (hints & NoteWord.Relay) return Outcome.RelayDenied;
  return Outcome.Error;
}

export const noteDetail = (hints: number) => ((hints & NoteWord.Failure) !== 0 ? NoteDetail.Failure : 0);

/** A session as the index should hold it; strings as strings, undefined for none. */
export interface ExpectedSession {
  service: string;
  thread: number;
  jobId: number;
  firstRow: number;
  lastRow: number;
  firstTime: number;
  lastTime: number;
  peerHost: string | undefined;
  peerIp: string | undefined;
  helo: string | undefined;
  authUser: string | undefined;
  mailFrom: string | undefined;
  rcpts: string[];
  outcome: Outcome;
  flags: number;
  lineCount: number;
}

/** Builds an {@link ExpectedSession} from the steps a file keeps, in file order. */
export class SessionModel {
  readonly s: ExpectedSession;
  private connected = false;

  constructor(service: string, thread: number, jobId: number, row: number, time: number, flags: number) {
    this.s = {
      service,
      thread,
      jobId,
      firstRow: row,
      lastRow: row,
      firstTime: time,
      lastTime: time,
      peerHost: undefined,
      peerIp: undefined,
      helo: undefined,
      authUser: undefined,
      mailFrom: undefined,
      rcpts: [],
      outcome: Outcome.Ok,
      flags,
      lineCount: 0,
    };
  }

  /** Takes one of the session's lines; `verdict` is the step's, or its note words'. */
  add(
    step: Step,
    row: number,
    time: number,
    verdict: Verdict | undefined,
    pushRcpt: (addr: string) => boolean,
  ): void {
    const s = this.s;
    s.lastRow = row;
    s.lineCount++;
    s.firstTime = Math.min(s.firstTime, time);
    s.lastTime = Math.max(s.lastTime, time);
    const c = step.connect;
    if (c && (c.mode === 'ok' ? !this.connected : s.peerHost === undefined)) {
      s.peerHost = c.host;
      s.peerIp = c.ip;
    }
    if (c?.mode === 'ok') this.connected = true;
    if (c?.mode === 'failed') s.flags |= SessionFlag.FailedConnect;
    if (step.kind === LineKind.Disconnect) s.flags |= SessionFlag.Closed;
    if (step.helo !== undefined) s.helo = step.helo;
    if (step.user !== undefined && s.authUser === undefined) s.authUser = step.user;
    // The delivery note names the sender only when MAIL FROM has not; MAIL FROM always does.
    if (step.mailFrom !== undefined && (step.kind === LineKind.Command || s.mailFrom === undefined)) {
      s.mailFrom = step.mailFrom;
    }
    if (step.rcpt !== undefined && pushRcpt(step.rcpt)) s.rcpts.push(step.rcpt);
    if (verdict === 'success') {
      if (s.outcome !== Outcome.Ok) s.flags |= SessionFlag.Warnings;
      s.outcome = Outcome.Ok;
    } else if (verdict !== undefined) {
      s.outcome = Math.max(s.outcome, verdict) as Outcome;
    }
  }
}
