import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { Cp932Chunker, generateCorpus } from './generate-corpus';
import { buildSampleSet, DEFAULT_SAMPLE_DIR, writeSampleSet } from './generate-sample';
import type { SampleFile, SampleManifest } from './generate-sample';
import {
  CollectingSink,
  epochOf,
  insertGarbage,
  planSubmissions,
  Rng,
  ServiceLogWriter,
} from './log-generator';
import type { Service } from './log-generator';
import { buildFixtures, DEFAULT_FIXTURE_DIR } from './make-fixtures';

const temps: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'loggen-'));
  temps.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/** A deliberately independent, slow re-reading of the generator's output, for tests only. */
const ENVELOPE =
  /^\[([A-Z0-9]+)\] (\d{4})\/(\d\d)\/(\d\d) (\d\d):(\d\d):(\d\d)(?: \[(\d{3})(?:-(\d{5}))?\])? (.*)$/;
const REPORT =
  /^(\d{4})\/(\d\d)\/(\d\d) (\d\d):(\d\d):(\d\d)\t(<>|[^\t<>]+@[^\t<>]+)\t([^\t]+@[^\t]+)\t(-?\d+)$/;

interface Parsed {
  service: Service;
  time: number;
  thread?: string;
  job?: string;
  msg: string;
}

function parseLine(line: string): Parsed | undefined {
  const m = ENVELOPE.exec(line);
  if (!m) return undefined;
  const [, svc, y, mo, d, h, mi, s, thread, job, msg] = m;
  const time = epochOf(+y, +mo, +d, +h, +mi, +s);
  return { service: svc as Service, time, thread, job, msg };
}

function linesOf(bytes: Buffer): string[] {
  const text = iconv.decode(bytes, 'cp932');
  const lines = text.split('\r\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

const isStartOrStop = (msg: string) => /サービスを(開始|停止)しました。/.test(msg);
const isConnect = (msg: string) => msg.startsWith('Connect from ') || msg.startsWith('Connect to ');
const isDisconnect = (msg: string) => msg.startsWith('Disconnect from ');

const isDelivery = (msg: string) => msg.startsWith('配信を開始します');
const isFailedConnect = (msg: string) => msg.startsWith('Connect to ') && msg.endsWith('に失敗しました。');

/**
 * Sessions as the format reference and the README's decisions define them, per file: a JobID pair
 * is one session; a thread's session starts at a Connect from a client, at the MTA's delivery note,
 * or at a `Connect to` once the thread's delivery has connected (failed connects and the lines
 * before a delivery's Connect belong to it); a run of thread lines before any of those is one
 * (partial) session.
 */
function countSessions(lines: string[]): Record<Service, number> {
  const counts: Record<Service, number> = { SMTP: 0, POP3: 0, IMAP4: 0, MTA: 0 };
  const pairs = new Set<string>();
  /** Per thread: whether its session has connected. */
  const threads = new Map<string, boolean>();
  for (const line of lines) {
    const p = parseLine(line);
    if (!p || isStartOrStop(p.msg)) continue;
    if (p.job !== undefined) {
      const key = `${p.service} ${p.thread}-${p.job}`;
      if (!pairs.has(key)) counts[p.service]++;
      pairs.add(key);
      if (isDisconnect(p.msg)) pairs.delete(key);
    } else if (p.thread !== undefined) {
      const key = `${p.service} ${p.thread}`;
      const connected = threads.get(key);
      const starts =
        connected === undefined ||
        isDelivery(p.msg) ||
        p.msg.startsWith('Connect from ') ||
        (p.msg.startsWith('Connect to ') && !isFailedConnect(p.msg) && connected);
      if (starts) counts[p.service]++;
      const nowConnected = isConnect(p.msg) && !isFailedConnect(p.msg);
      threads.set(key, starts ? nowConnected : connected || nowConnected);
    } else if (isConnect(p.msg)) counts[p.service]++;
  }
  return counts;
}

/** One connection as the lines tell it: its times, and the message it sent or delivered. */
interface Conversation {
  first: number;
  last: number;
  from?: string;
  rcpts: string[];
  /** SMTP AUTH succeeded. */
  authed: boolean;
}

/**
 * The conversations of 1.27+ lines, by JobID pair or else by thread: a `Connect from` or a
 * delivery note opens one on its thread. MAIL FROM and RCPT TO are read from the commands, or
 * from the delivery note where a level writes no commands.
 */
function conversationsOf(lines: string[]): Conversation[] {
  const all: Conversation[] = [];
  const open = new Map<string, Conversation>();
  for (const p of lines.map(parseLine)) {
    if (!p?.thread) continue;
    const key = `${p.thread}-${p.job ?? ''}`;
    let c = open.get(key);
    if (!c || p.msg.startsWith('Connect from ') || isDelivery(p.msg)) {
      c = { first: p.time, last: p.time, rcpts: [], authed: false };
      all.push(c);
      open.set(key, c);
    }
    c.first = Math.min(c.first, p.time);
    c.last = Math.max(c.last, p.time);
    const note = /^配信を開始します。\((\S+) -> (\S+)\)$/.exec(p.msg);
    const mail = /^MAIL FROM:<([^>]*)>/.exec(p.msg) ?? note;
    const rcpt = /^RCPT TO:<([^>]*)>/.exec(p.msg)?.[1] ?? note?.[2];
    if (mail) c.from = mail[1] === '<>' ? '' : mail[1];
    if (rcpt && !c.rcpts.includes(rcpt)) c.rcpts.push(rcpt);
    if (p.msg.startsWith('235 ') || p.msg.startsWith('SMTP 認証に成功しました')) c.authed = true;
  }
  return all;
}

/** Each delivery with a sender, and the SMTP conversations that sent its sender's mail to its recipient. */
function submissionsOf(smtp: string[], mta: string[]) {
  const sent = conversationsOf(smtp).filter((c) => c.from !== undefined);
  return conversationsOf(mta)
    .filter((d) => d.from)
    .map((delivery) => ({
      delivery,
      accepted: sent.filter((c) => c.from === delivery.from && c.rcpts.includes(delivery.rcpts[0])),
    }));
}

/** How long before its delivery a submission may connect: seconds to a few minutes. */
const SUBMISSION_LEAD_SEC = 240;

const sample = buildSampleSet();
const sampleFile = (name: string): SampleFile => sample.files.find((f) => f.name === name)!;
const sampleLines = (name: string) => linesOf(sampleFile(name).bytes);

describe('sample set', () => {
  it('is deterministic: the same seed gives the same bytes, another seed others', () => {
    const again = buildSampleSet();
    expect(again.manifest).toEqual(sample.manifest);
    for (const [i, f] of sample.files.entries()) expect(again.files[i].bytes.equals(f.bytes)).toBe(true);
    const other = buildSampleSet(7);
    expect(other.files[0].bytes.equals(sample.files[0].bytes)).toBe(false);
  });

  it('matches the committed copy in public/sample byte for byte', () => {
    const committed = join(DEFAULT_SAMPLE_DIR, 'manifest.json');
    expect(existsSync(committed), 'public/sample is missing: run `npx tsx scripts/generate-sample.ts`').toBe(
      true,
    );
    const fresh = tempDir();
    writeSampleSet(fresh);
    const names = [...(JSON.parse(readFileSync(committed, 'utf8')) as SampleManifest).files, 'manifest.json'];
    expect(names).toEqual([...sample.manifest.files, 'manifest.json']);
    for (const name of names) {
      const same = readFileSync(join(fresh, name)).equals(readFileSync(join(DEFAULT_SAMPLE_DIR, name)));
      expect(same, `${name} differs from a fresh generation: rerun generate-sample.ts`).toBe(true);
    }
  });

  it('has tallies that agree with the lines written', () => {
    const { expected } = sample.manifest;
    const sessions: Record<Service, number> = { SMTP: 0, POP3: 0, IMAP4: 0, MTA: 0 };
    const byCode: Record<string, number> = {};
    let total = 0;
    for (const info of expected.files) {
      const lines = sampleLines(info.name);
      expect(lines.length, info.name).toBe(info.lines);
      total += lines.length;
      if (info.kind === 'report') {
        const entries = lines.map((l) => REPORT.exec(l)).filter((m) => m !== null);
        expect(lines.length - entries.length, info.name).toBe(info.unparsed);
        for (const m of entries) byCode[m[9]] = (byCode[m[9]] ?? 0) + 1;
      } else {
        expect(lines.filter((l) => !parseLine(l)).length, info.name).toBe(info.unparsed);
        const counted = countSessions(lines);
        for (const s of Object.keys(sessions) as Service[]) sessions[s] += counted[s];
      }
    }
    expect(total).toBe(expected.lines);
    expect(sessions).toEqual(expected.sessions);
    expect(byCode).toEqual(expected.report.byCode);
    const entries = Object.values(byCode).reduce((a, b) => a + b, 0);
    expect(expected.report.entries).toBe(entries);
    expect(expected.report.failed).toBe(entries - (byCode['0'] ?? 0));
  });

  it('covers what the app must handle', () => {
    const { expected } = sample.manifest;
    const services = new Set(
      expected.files.flatMap((f) => sampleLines(f.name).map((l) => parseLine(l)?.service)),
    );
    for (const s of ['SMTP', 'POP3', 'IMAP4', 'MTA']) expect(services.has(s as Service)).toBe(true);
    expect(new Set(expected.files.map((f) => f.format))).toEqual(new Set(['1.26', '1.27', '1.88a', null]));
    const levels = new Set(
      expected.files.flatMap((f) => sampleLines(f.name).map((l) => /\(Debug Level(\d)\)$/.exec(l)?.[1])),
    );
    for (const level of ['1', '2', '3']) expect(levels.has(level)).toBe(true);
    for (let code = 0; code >= -17; code--) expect(expected.report.byCode[String(code)]).toBeGreaterThan(0);
    expect(Object.keys(expected.report.byCode).some((c) => Number(c) > 0 || Number(c) < -17)).toBe(true);
    expect(expected.files.reduce((n, f) => n + f.unparsed, 0)).toBeGreaterThan(0);
    const sizes = sample.files.reduce((n, f) => n + f.bytes.length, 0);
    expect(sizes).toBeLessThan(400 * 1024);
    expect(expected.lines).toBeGreaterThan(2000);
    expect(expected.lines).toBeLessThan(5000);
  });

  it('writes MTA deliveries in every shape the app must read', () => {
    const lines = sampleLines('mta.log')
      .map((l) => parseLine(l)!)
      .filter(Boolean);
    expect(lines.some((l) => l.thread !== undefined && l.job === undefined)).toBe(true);
    expect(lines.some((l) => l.job !== undefined)).toBe(true);
    // A delivery's note comes before its Connect: it is the first line of every JobID pair.
    const firstOfPair = new Map<string, string>();
    for (const l of lines) {
      const key = `${l.thread}-${l.job}`;
      if (l.job !== undefined && !firstOfPair.has(key)) firstOfPair.set(key, l.msg);
    }
    expect([...firstOfPair.values()].every(isDelivery)).toBe(true);
    const msgs = lines.map((l) => l.msg);
    expect(msgs.some((m) => /^Connect to \S+\(\S+\) に失敗しました。$/.test(m))).toBe(true);
    // Failures with no reply code: a network error, a DNS error, no answer.
    for (const words of ['ネットワークエラー', 'DNS エラー', '応答なし']) {
      expect(
        msgs.some((m) => m.includes(words)),
        words,
      ).toBe(true);
    }
    // Each delivery has its report entry.
    const report = sampleLines('mta-report.log').join('\n');
    const delivery = /配信を開始します。\((\S+) -> (\S+)\)/;
    for (const m of msgs.map((msg) => delivery.exec(msg)).filter((x) => x !== null)) {
      expect(report).toContain(`\t${m[1]}\t${m[2]}\t`);
    }
  });

  it('submits most deliveries over SMTP shortly before, with their sender and recipient', () => {
    const matched = submissionsOf(sampleLines('smtp-2025-04-01.log'), sampleLines('mta.log'));
    const submitted = matched.filter((m) => m.accepted.length > 0);
    for (const { delivery, accepted } of submitted) {
      const what = `${delivery.from} -> ${delivery.rcpts[0]}`;
      expect(accepted, what).toHaveLength(1);
      const [smtp] = accepted;
      expect(smtp.authed, what).toBe(true);
      expect(smtp.last, what).toBeLessThanOrEqual(delivery.first);
      expect(delivery.first - smtp.first, what).toBeLessThanOrEqual(SUBMISSION_LEAD_SEC);
    }
    // Most, not all: some mail was taken in before the log begins or during the upgrade's pause.
    expect(submitted.length / matched.length).toBeGreaterThan(0.6);
    expect(submitted.length).toBeLessThan(matched.length);
  });

  it('ends every file with CRLF except one', () => {
    const open = sample.files.filter((f) => !f.bytes.subarray(-2).equals(Buffer.from('\r\n')));
    expect(open.map((f) => f.name)).toEqual(['smtp-2025-04-02.log']);
    for (const f of sample.files) expect(f.bytes.includes(Buffer.from('\n\n'))).toBe(false);
  });

  it('opens one file inside a session: thread lines before any Connect or start line', () => {
    const lines = sampleLines('smtp-2025-04-02.log');
    const first = parseLine(lines[0])!;
    expect(first.thread).toBeDefined();
    expect(isConnect(first.msg) || isStartOrStop(first.msg)).toBe(false);
  });

  it('writes Japanese notes that survive CP932', () => {
    const text = sampleLines('smtp-2025-04-01.log').join('\n');
    expect(text).toContain('無条件接続許可ホスト(IP)');
    expect(text).toContain('中継許可IPされたアドレス');
    expect(text).not.toContain('\ufffd');
  });
});

describe('sessions', () => {
  it('reuse thread ids and interleave in 1.27', () => {
    const lines = sampleLines('pop3.log').map(parseLine);
    const connects = new Map<string, number>();
    let interleaved = false;
    const open = new Set<string>();
    for (const p of lines) {
      if (!p?.thread) continue;
      if (isConnect(p.msg)) connects.set(p.thread, (connects.get(p.thread) ?? 0) + 1);
      if (open.size > 0 && !open.has(p.thread)) interleaved = true;
      if (isConnect(p.msg)) open.add(p.thread);
      if (isDisconnect(p.msg)) open.delete(p.thread);
    }
    expect(Math.max(...connects.values())).toBeGreaterThan(1);
    expect(interleaved).toBe(true);
  });

  it('give every 1.88a session its own JobID, on one thread, and reuse threads', () => {
    const jobsByThread = new Map<string, Set<string>>();
    const threadOfJob = new Map<string, string>();
    for (const p of sampleLines('imap4.log').map(parseLine)) {
      if (!p?.job) continue;
      expect(threadOfJob.get(p.job) ?? p.thread).toBe(p.thread);
      threadOfJob.set(p.job, p.thread!);
      jobsByThread.set(p.thread!, (jobsByThread.get(p.thread!) ?? new Set()).add(p.job));
    }
    expect(Math.max(...[...jobsByThread.values()].map((s) => s.size))).toBeGreaterThan(1);
  });

  it('never overlap in 1.26, and nothing but start/stop lines sits between them', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const sink = new CollectingSink();
      const rng = new Rng(seed);
      const w = new ServiceLogWriter('SMTP', rng, epochOf(2005, 5, 18), sink);
      w.run({ format: '1.26', level: 3, sessions: 15 });
      w.run({ format: '1.26', level: 1, sessions: 5 });
      insertGarbage(sink, 4, rng, w.tally);
      const files = [sink.lines, sampleLines('smtp-old-1.26.log')];
      for (const lines of files) {
        let inSession = false;
        for (const line of lines) {
          const p = parseLine(line);
          expect(p?.thread).toBeUndefined();
          if (p && isConnect(p.msg)) {
            expect(inSession, line).toBe(false);
            inSession = true;
          } else if (p && isDisconnect(p.msg)) {
            expect(inSession, line).toBe(true);
            inSession = false;
          } else if (!inSession) expect(p && isStartOrStop(p.msg), line).toBe(true);
        }
        expect(inSession).toBe(false);
      }
    }
  });

  it('hand in each submission before its delivery, on any seed, and serve no submission twice', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const rng = new Rng(seed);
      const mtaSink = new CollectingSink();
      const mta = new ServiceLogWriter('MTA', rng, epochOf(2025, 4, 1, 8), mtaSink);
      mta.run({ format: seed % 2 ? '1.27' : '1.88a', level: 3, sessions: 40, concurrency: 3 });
      const smtpSink = new CollectingSink();
      const smtp = new ServiceLogWriter('SMTP', rng, epochOf(2025, 4, 1, 8), smtpSink);
      smtp.queueSubmissions(planSubmissions(rng, mta.deliveries, 0.9));
      smtp.run({
        format: '1.27',
        level: 3,
        sessions: 10,
        concurrency: 4,
        submissionsUntil: epochOf(2025, 4, 1, 9),
      });
      smtp.advance(300);
      smtp.run({ format: '1.88a', level: 2, sessions: 10, concurrency: 2 });
      const matched = submissionsOf(smtpSink.lines, mtaSink.lines);
      const accepted = matched.flatMap((m) => m.accepted.map((c) => ({ ...m, smtp: c })));
      expect(smtp.submitted.length, `seed ${seed}`).toBeGreaterThan(0);
      expect(accepted.length, `seed ${seed}`).toBe(smtp.submitted.length);
      for (const { delivery, smtp: c } of accepted) {
        expect(c.last, `seed ${seed}`).toBeLessThanOrEqual(delivery.first);
        expect(delivery.first - c.first, `seed ${seed}`).toBeLessThanOrEqual(SUBMISSION_LEAD_SEC);
      }
    }
  });

  it('keep mostly increasing time, going back 1 s at most, sometimes', () => {
    let backSteps = 0;
    for (const f of sample.manifest.expected.files.filter((f) => f.kind === 'service')) {
      let prev = -Infinity;
      for (const p of sampleLines(f.name).map(parseLine)) {
        if (!p) continue;
        expect(p.time, f.name).toBeGreaterThanOrEqual(prev - 1);
        if (p.time < prev) backSteps++;
        prev = p.time;
      }
    }
    expect(backSteps).toBeGreaterThan(0);
  });

  it('log commands from level 2 and server replies from level 3 only', () => {
    const reply = /^(\d{3}[ -]|\+OK|-ERR|\* |A\d{3} (OK|NO|BAD) )/;
    const command =
      /^(HELO |EHLO |AUTH |MAIL FROM:|RCPT TO:|DATA$|QUIT$|USER |PASS |APOP |STAT$|LIST$|RETR |DELE |A\d{3} [A-Z]+)/;
    for (const f of sample.manifest.expected.files.filter((f) => f.kind === 'service')) {
      let level = 3; // a file that opens mid-run: the sample's rotated file continues a level-3 run
      for (const p of sampleLines(f.name).map(parseLine)) {
        if (!p) continue;
        const stated = /\(Debug Level(\d)\)$/.exec(p.msg);
        if (stated) level = Number(stated[1]);
        if (level < 3) expect(reply.test(p.msg), `${f.name}: ${p.msg}`).toBe(false);
        if (level < 2) expect(command.test(p.msg), `${f.name}: ${p.msg}`).toBe(false);
      }
    }
  });
});

describe('corpus', () => {
  it('writes about the asked size, deterministically, and reports what it wrote', () => {
    const a = tempDir();
    const b = tempDir();
    const ra = generateCorpus({ sizeMB: 2, outDir: a, seed: 3 });
    const rb = generateCorpus({ sizeMB: 2, outDir: b, seed: 3 });
    expect(ra.bytes).toBeGreaterThanOrEqual(2 * 1024 * 1024);
    expect(ra.bytes).toBeLessThan(2.2 * 1024 * 1024);
    expect(readdirSync(a).sort()).toEqual(['imap4.log', 'mta-report.log', 'mta.log', 'pop3.log', 'smtp.log']);
    let lines = 0;
    let bytes = 0;
    for (const name of readdirSync(a)) {
      const buf = readFileSync(join(a, name));
      expect(buf.equals(readFileSync(join(b, name))), name).toBe(true);
      bytes += statSync(join(a, name)).size;
      lines += linesOf(buf).length;
      expect(buf.subarray(-2).equals(Buffer.from('\r\n'))).toBe(true);
    }
    expect(bytes).toBe(ra.bytes);
    expect(lines).toBe(ra.lines);
    expect(rb.lines).toBe(ra.lines);
    const smtp = ra.perFile.find((f) => f.name.endsWith('smtp.log'))!;
    for (const f of ra.perFile) expect(smtp.bytes).toBeGreaterThanOrEqual(f.bytes);
  });

  it('encodes exactly as iconv-lite does on the whole text', () => {
    const lines = sample.files.flatMap((f) => linesOf(f.bytes));
    const chunks: Buffer[] = [];
    const chunker = new Cp932Chunker((b) => chunks.push(Buffer.from(b)));
    for (const l of lines) chunker.line(l);
    chunker.flush();
    expect(Buffer.concat(chunks).equals(iconv.encode(lines.join('\r\n') + '\r\n', 'cp932'))).toBe(true);
  });
});

describe('fixtures', () => {
  it('match the committed copies in src/ingest/fixtures byte for byte', () => {
    for (const f of buildFixtures()) {
      const path = join(DEFAULT_FIXTURE_DIR, f.name);
      expect(existsSync(path), `${f.name} is missing: run \`npx tsx scripts/make-fixtures.ts\``).toBe(true);
      expect(readFileSync(path).equals(f.bytes), `${f.name} differs: rerun make-fixtures.ts`).toBe(true);
    }
  });
});
