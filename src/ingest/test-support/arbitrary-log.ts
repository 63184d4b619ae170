/**
 * Random PMailServer logs for the property suite (nothing-lost.property.test.ts), with what the
 * index should hold for them. A {@link LogRecipe} is plain data fast-check generates and shrinks;
 * {@link renderLoad} turns it into file bytes and the expected rows, sessions and report entries.
 *
 * What it mixes (shared/reference/log-format.md): the four services and an unknown tag, the three
 * line layouts (≤1.26 without thread, 1.27 `[thread]`, 1.88a `[thread-JobId]`), in one file;
 * sessions interleaved on their threads, whole, cut at the start (partial) or left open; service
 * start and stop lines; CP932 and UTF-8 with and without BOM, with Japanese text; CRLF, LF, mixed,
 * and no newline at the end; blank lines, lines that almost have the layout, and random bytes; an
 * MTA report log beside the service log; and the slice size the files are read in.
 */
import fc from 'fast-check';
import { LineKind } from '../../model/line-kind';
import { SessionFlag } from '../../model/log-index';
import { NO_TIME } from '../../model/units';
import {
  Choices,
  disconnectStep,
  noteDetail,
  noteHints,
  noteVerdict,
  scriptSteps,
  SessionModel,
  type ExpectedSession,
  type ServiceScript,
  type Step,
} from './arbitrary-log-sessions';
import { sjis, utf8 } from './build';

export type FileEncoding = 'shift_jis' | 'utf-8' | 'utf-8-bom';
type Format = '1.26' | '1.27' | '1.88a';
type Eols = { style: 'crlf' | 'lf' | 'mixed'; bits: boolean[]; finalNewline: boolean };

export interface SessionRecipe {
  /** SCRIPTS index: the four services, then the unknown tag (an inbound SMTP-like script). */
  script: number;
  format: Format;
  /** Starts before the file does: its Connect (a delivery's start and connects) is not in it. */
  partial: boolean;
  disconnect: boolean;
  choices: number[];
}

export type ExtraKind = 'junk' | 'near-miss' | 'blank' | 'japanese' | 'start' | 'stop';

export interface ExtraRecipe {
  at: number;
  kind: ExtraKind;
  pick: number;
  bytes: Uint8Array;
}

export interface ReportRecipe {
  entries: Array<{ sep: number; sender: number; user: number; code: number }>;
  junk: Array<{ at: number; bytes: Uint8Array }>;
  eols: Eols;
}

export interface LogRecipe {
  encoding: FileEncoding;
  eols: Eols;
  customTag: string;
  sessions: SessionRecipe[];
  schedule: number[];
  extras: ExtraRecipe[];
  /** A run of blank lines: past 200 lines the parser streams slices instead of piling them up. */
  filler: { at: number; count: number } | null;
  startTime: number;
  /** Seconds between lines: negative ones too (log-format.md: timestamps are not monotonic). */
  steps: number[];
  report: ReportRecipe | null;
  /** Undefined: the engine's own slice size. */
  sliceSize: number | undefined;
}

const SCRIPTS: readonly ServiceScript[] = ['SMTP', 'POP3', 'IMAP4', 'MTA', 'SMTP'];
const REPORT_CODES = ['0', '-1', '-2', '-4', '-7', '-9', '-13', '-17', '-99', '+0', '5'];
/** Lines that nearly have the layout, and must stay unparsed (each breaks one rule). */
const NEAR_MISSES = [
  '[smtp] 2025/04/01 08:00:00 [000] HELO x',
  '[SMTP]2025/04/01 08:00:00 HELO x',
  '[SMTP] 2025-04-01 08:00:00 HELO x',
  '[SMTP] 2025/04/01 8:00:00 HELO x',
  '[SMTP] 2025/04/01 08:00:00HELO x',
  '[SMTP] 2025/04/01',
  // Over 16 characters.
  '[ABCDEFGHIJKLMNOPQ] 2025/04/01 08:00:00 x',
  '[ABCDEFGHIJKLMNOPQR] 2025/04/01 08:00:00 x',
  '[] 2025/04/01 08:00:00 x',
  ' [SMTP] 2025/04/01 08:00:00 x',
  '[POP3] 2025/04/01 08:0O:00 [001] USER x',
];
const JAPANESE_LINES = ['受信しました。ソ表能', 'ｱｲｳ～①髙 [001] ー', '中継許可IPされたアドレス'];

const eolsArb = fc.record({
  style: fc.constantFrom('crlf' as const, 'lf' as const, 'mixed' as const),
  bits: fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
  finalNewline: fc.boolean(),
});
const junkBytes = fc.uint8Array({ minLength: 0, maxLength: 40 });

export const logRecipe: fc.Arbitrary<LogRecipe> = fc.record({
  encoding: fc.constantFrom('shift_jis' as const, 'utf-8' as const, 'utf-8-bom' as const),
  eols: eolsArb,
  // Starts with a letter: the scanner reads `0A サービスを開始しました` as a note, not a start
  // (line-scan.ts serviceStatement is reached only for an upper-case first byte; reported).
  customTag: fc
    .stringMatching(/^[A-Z][A-Z0-9]{0,15}$/)
    .filter((t) => !['SMTP', 'POP3', 'IMAP4', 'MTA', 'REPORT'].includes(t)),
  sessions: fc.array(
    fc.record({
      script: fc.nat(SCRIPTS.length - 1),
      format: fc.constantFrom('1.26' as const, '1.27' as const, '1.88a' as const),
      partial: fc.boolean(),
      disconnect: fc.boolean(),
      choices: fc.array(fc.nat(), { maxLength: 40 }),
    }),
    { maxLength: 12 },
  ),
  schedule: fc.array(fc.nat(), { maxLength: 60 }),
  extras: fc.array(
    fc.record({
      at: fc.nat(),
      kind: fc.constantFrom<ExtraKind>('junk', 'near-miss', 'blank', 'japanese', 'start', 'stop'),
      pick: fc.nat(),
      bytes: junkBytes,
    }),
    { maxLength: 12 },
  ),
  filler: fc.option(fc.record({ at: fc.nat(), count: fc.integer({ min: 195, max: 230 }) }), { freq: 4 }),
  startTime: fc.integer({ min: Date.UTC(1998, 0, 1) / 1000, max: Date.UTC(2035, 11, 31) / 1000 }),
  steps: fc.array(fc.integer({ min: -2, max: 40 }), { minLength: 1, maxLength: 10 }),
  report: fc.option(
    fc.record({
      entries: fc.array(
        fc.record({
          sep: fc.nat(2),
          sender: fc.nat(3),
          user: fc.nat(5),
          code: fc.nat(REPORT_CODES.length - 1),
        }),
        { minLength: 1, maxLength: 15 },
      ),
      junk: fc.array(fc.record({ at: fc.nat(), bytes: junkBytes }), { maxLength: 3 }),
      eols: eolsArb,
    }),
    { freq: 3 },
  ),
  sliceSize: fc.oneof(
    fc.constantFrom(1, 2, 3, 100),
    fc.integer({ min: 1, max: 64 }),
    fc.integer({ min: 65, max: 70_000 }),
    fc.constant(undefined),
  ),
});

/** A row as the index should hold it. */
export interface ExpectedRow {
  kind: LineKind;
  detail: number;
  /** The service tag; '' for none. */
  service: string;
  time: number;
  /** Index into the expected sessions, -1 for none. */
  session: number;
  /** Enveloped lines: the thread as the table shows it, and the message. */
  thread?: string;
  message?: string;
}

export interface ExpectedEntry {
  row: number;
  time: number;
  sender: string | undefined;
  recipient: string;
  domain: string;
  code: number;
}

export interface RenderedFile {
  name: string;
  bytes: Uint8Array;
  /** Each line's bytes without its terminator, and the terminator. */
  lines: Uint8Array[];
  eols: string[];
  rows: ExpectedRow[];
  bomLength: number;
  /** What the engine must detect, when it is determined (random high bytes can sway detection). */
  encoding: { encoding: 'shift_jis' | 'utf-8'; source: string } | undefined;
}

export interface RenderedLoad {
  files: RenderedFile[];
  sessions: ExpectedSession[];
  entries: ExpectedEntry[];
  sliceSize: number | undefined;
}

interface Planned {
  session: number;
  step: Step;
}
type Entry = Planned | { extra: ExtraRecipe } | { blank: true };

const pad = (n: number, w: number) => String(n).padStart(w, '0');
function stamp(t: number): string {
  const d = new Date(t * 1000);
  return `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1, 2)}/${pad(d.getUTCDate(), 2)} ${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}`;
}

/** Random bytes that stay a line of text: no NUL (binary), no LF, no CR before the terminator, no envelope or BOM. */
function junk(bytes: Uint8Array): Uint8Array {
  const out = bytes.map((b) => (b === 0 ? 0x20 : b === 0x0a ? 0x0b : b));
  if (out.length > 0 && out[out.length - 1] === 0x0d) out[out.length - 1] = 0x0e;
  if (out.length > 0 && [0x5b, 0xef, 0xfe, 0xff].includes(out[0])) return Uint8Array.of(0x23, ...out);
  return out;
}

const hasHighByte = (b: Uint8Array) => b.some((c) => c >= 0x80);

/** Interleaves the sessions' lines as a server's threads would write them. */
function schedule(recipe: LogRecipe, tags: string[], plans: Step[][]) {
  const c = new Choices(recipe.schedule);
  const keys: Array<{ thread: number; job: number }> = [];
  const order: Planned[] = [];
  const active: Array<{ session: number; next: number }> = [];
  const busy = new Set<string>();
  let pending = 0;
  let jobs = 0;
  let partials = 0;
  const keyOf = (i: number, thread: number) => `${tags[i]}:${recipe.sessions[i].format}:${thread}`;
  const canStart = (i: number) => recipe.sessions[i].format !== '1.26' || !busy.has(keyOf(i, -1));
  while (pending < plans.length || active.length > 0) {
    if (
      pending < plans.length &&
      canStart(pending) &&
      (active.length === 0 || (active.length < 4 && c.chance(3)))
    ) {
      const i = pending++;
      const r = recipe.sessions[i];
      let thread = -1;
      let job = -1;
      if (r.format === '1.27' && r.partial) {
        // A thread no session of this file used: the lines must not join one left open on it.
        thread = 100 + partials++;
      } else if (r.format === '1.27') {
        const free = [0, 1, 2, 3, 4, 5].filter((t) => !busy.has(keyOf(i, t)));
        thread = c.pick(free);
      } else if (r.format === '1.88a') {
        thread = c.int(6);
        job = 10007 + 37 * jobs++;
      }
      keys[i] = { thread, job };
      if (r.format !== '1.88a') busy.add(keyOf(i, thread));
      active.push({ session: i, next: 0 });
      continue;
    }
    const k = c.int(active.length);
    const a = active[k];
    order.push({ session: a.session, step: plans[a.session][a.next++] });
    if (a.next === plans[a.session].length) {
      active.splice(k, 1);
      busy.delete(keyOf(a.session, keys[a.session].thread));
    }
  }
  return { order, keys };
}

function eolOf(e: Eols, i: number): string {
  if (e.style === 'crlf') return '\r\n';
  if (e.style === 'lf') return '\n';
  return e.bits[i % e.bits.length] ? '\r\n' : '\n';
}

/** Joins lines with their terminators; an empty last line without one is no line at all. */
function finishFile(
  name: string,
  lines: Uint8Array[],
  rows: ExpectedRow[],
  e: Eols,
  bom: boolean,
): RenderedFile {
  const eols = lines.map((_, i) => (i === lines.length - 1 && !e.finalNewline ? '' : eolOf(e, i)));
  if (lines.length > 0 && eols[eols.length - 1] === '' && lines[lines.length - 1].length === 0) {
    lines = lines.slice(0, -1);
    rows = rows.slice(0, -1);
    eols.pop();
  }
  const parts: Uint8Array[] = [bom ? Uint8Array.of(0xef, 0xbb, 0xbf) : new Uint8Array(0)];
  lines.forEach((l, i) => parts.push(l, utf8(eols[i])));
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
  }
  return { name, bytes, lines, eols, rows, bomLength: bom ? 3 : 0, encoding: undefined };
}

const unparsed = (): ExpectedRow => ({
  kind: LineKind.Unparsed,
  detail: 0,
  service: '',
  time: NO_TIME,
  session: -1,
});

export function renderLoad(recipe: LogRecipe): RenderedLoad {
  const enc = recipe.encoding === 'shift_jis' ? 'shift_jis' : 'utf-8';
  const encode = (s: string) => (enc === 'shift_jis' ? sjis(s) : utf8(s));
  const tagOf = (script: number) => (script === 4 ? recipe.customTag : SCRIPTS[script]);
  const tags = recipe.sessions.map((s) => tagOf(s.script));
  const plans = recipe.sessions.map((r) => {
    const c = new Choices(r.choices);
    let steps = scriptSteps(SCRIPTS[r.script], c);
    if (r.partial && r.format !== '1.26') steps = steps.filter((s) => !s.starter);
    if (r.disconnect || steps.length === 0) steps.push(disconnectStep(steps, c));
    return steps;
  });
  const { order, keys } = schedule(recipe, tags, plans);

  // Extras and the filler go between the session lines; a service start or stop only where no
  // session of its service is under way (it closes every open session of its service).
  const entries: Entry[] = [...order];
  const extras = [...recipe.extras].sort((a, b) => (a.at % (order.length + 1)) - (b.at % (order.length + 1)));
  for (let k = extras.length - 1; k >= 0; k--)
    entries.splice(extras[k].at % (order.length + 1), 0, { extra: extras[k] });
  if (recipe.filler) {
    const blanks: Entry[] = Array.from({ length: recipe.filler.count }, () => ({ blank: true }));
    entries.splice(recipe.filler.at % (entries.length + 1), 0, ...blanks);
  }
  const remaining = plans.map((p) => p.length);
  const started = plans.map(() => false);
  const underWay = (tag: string) => tags.some((t, i) => t === tag && started[i] && remaining[i] > 0);
  const allTags = [...new Set([...tags, 'SMTP', 'POP3', 'IMAP4', 'MTA', recipe.customTag])];

  const lines: Uint8Array[] = [];
  const rows: ExpectedRow[] = [];
  const models: SessionModel[] = [];
  const sessionOf = new Map<number, number>();
  const rcptPushes: Array<[number, string]> = [];
  let junkHigh = false;
  let time = recipe.startTime;
  let starters = 0;
  let sawJob = false;
  for (const entry of entries) {
    const row = lines.length;
    if ('blank' in entry) {
      lines.push(new Uint8Array(0));
      rows.push(unparsed());
      continue;
    }
    if ('extra' in entry) {
      const x = entry.extra;
      if (x.kind === 'start' || x.kind === 'stop') {
        const tag = allTags[x.pick % allTags.length];
        if (underWay(tag)) continue;
        time += recipe.steps[row % recipe.steps.length];
        const level = x.pick % 5;
        const words =
          x.kind === 'start'
            ? `サービスを開始しました。${level < 4 ? `(Debug Level${level})` : ''}`
            : 'サービスを停止しました。';
        const message = `${tag} ${words}`;
        lines.push(encode(`[${tag}] ${stamp(time)} ${message}`));
        rows.push({
          kind: x.kind === 'start' ? LineKind.ServiceStart : LineKind.ServiceStop,
          detail: x.kind === 'stop' ? 0 : level < 4 ? level : 0xffff,
          service: tag,
          time,
          session: -1,
          thread: '',
          message,
        });
        continue;
      }
      const bytes =
        x.kind === 'junk'
          ? junk(x.bytes)
          : x.kind === 'near-miss'
            ? encode(NEAR_MISSES[x.pick % NEAR_MISSES.length])
            : x.kind === 'japanese'
              ? encode(JAPANESE_LINES[x.pick % JAPANESE_LINES.length])
              : new Uint8Array(0);
      if (x.kind === 'junk' && hasHighByte(bytes)) junkHigh = true;
      lines.push(bytes);
      rows.push(unparsed());
      continue;
    }
    const { session: i, step } = entry;
    const r = recipe.sessions[i];
    const tag = tags[i];
    started[i] = true;
    remaining[i]--;
    time += recipe.steps[row % recipe.steps.length];
    const { thread, job } = keys[i];
    const threadText =
      r.format === '1.26' ? '' : r.format === '1.27' ? pad(thread, 3) : `${pad(thread, 3)}-${pad(job, 5)}`;
    const message = encode(step.text);
    const prefix = encode(`[${tag}] ${stamp(time)} ${threadText ? `[${threadText}] ` : ''}`);
    lines.push(Uint8Array.of(...prefix, ...message));
    const hints = step.note ? noteHints(message, enc) : 0;
    if (step.starter) starters++;
    if (r.format === '1.88a') sawJob = true;
    let s = sessionOf.get(i);
    if (s === undefined) {
      s = models.length;
      sessionOf.set(i, s);
      const flags = r.format === '1.26' ? SessionFlag.BestEffort : step.starter ? 0 : SessionFlag.Partial;
      models.push(new SessionModel(tag, r.format === '1.26' ? -1 : thread, job, row, time, flags));
    }
    const sid = s;
    const verdict = step.note ? noteVerdict(hints, tag === 'MTA') : step.verdict;
    // sessions.ts keeps a recipient once per session, looking back over the last 16 recipients.
    const pushRcpt = (addr: string) => {
      if (rcptPushes.slice(-16).some(([o, a]) => o === sid && a === addr)) return false;
      rcptPushes.push([sid, addr]);
      return true;
    };
    models[sid].add(step, row, time, verdict, pushRcpt);
    rows.push({
      kind: step.kind,
      detail: step.note ? noteDetail(hints) : step.detail,
      service: tag,
      time,
      session: sid,
      thread: threadText,
      message: step.text,
    });
  }
  // A file whose lines have threads but nothing that starts a session forms none (index-builder.ts,
  // formsNoSessions: levels 0–1 may log no Connect, and a thread's lines would glue together).
  const noSessions = starters === 0 && !sawJob;
  if (noSessions) for (const row of rows) row.session = -1;

  const service = finishFile('service.log', lines, rows, recipe.eols, recipe.encoding === 'utf-8-bom');
  const anyHigh = service.lines.some(hasHighByte);
  service.encoding =
    recipe.encoding === 'utf-8-bom'
      ? { encoding: 'utf-8', source: 'bom' }
      : !anyHigh
        ? { encoding: 'shift_jis', source: 'default' }
        : junkHigh
          ? undefined
          : { encoding: enc, source: 'detected' };
  const files = [service];
  const expectedEntries: ExpectedEntry[] = [];
  if (recipe.report) files.push(renderReport(recipe, recipe.report, service.rows.length, expectedEntries));
  return {
    files,
    sessions: noSessions ? [] : models.map((m) => m.s),
    entries: expectedEntries,
    sliceSize: recipe.sliceSize,
  };
}

/**
 * The MTA report log (log-format.md; its layout is our decision): a date-time, the sender, the
 * recipient and the code, separated by tabs, commas or spaces. Recipients are of a domain no
 * delivery in the service log names, so no session takes an entry's outcome.
 */
function renderReport(
  recipe: LogRecipe,
  rep: ReportRecipe,
  firstRow: number,
  out: ExpectedEntry[],
): RenderedFile {
  const lines: Uint8Array[] = [];
  const rows: ExpectedRow[] = [];
  let time = recipe.startTime;
  // Fewer junk lines than entries: a report log is one whose entries are most of its lines.
  const junkLines = rep.junk.slice(0, Math.max(0, rep.entries.length - 1));
  const entryLines: Array<Uint8Array | ExpectedEntry> = [];
  rep.entries.forEach((e, k) => {
    time += recipe.steps[k % recipe.steps.length];
    const sep = ['\t', ',', '  '][e.sep];
    const user = `user${e.user}`;
    const recipient = `${user}@report${e.user % 2}.example`;
    const senders = [`<sender${e.user}@example.jp>`, `sender${e.user}@example.jp`, '<>', ''];
    // An empty sender field stands only between tab or comma separators.
    const senderField = e.sender === 3 && sep === '  ' ? '<>' : senders[e.sender];
    const code = REPORT_CODES[e.code];
    const sender = senderField.includes('@') ? senderField.replace(/[<>]/g, '') : undefined;
    const text = [stamp(time), senderField, e.user % 2 ? `<${recipient}>` : recipient, code].join(sep);
    entryLines.push(utf8(text));
    entryLines.push({
      row: -1,
      time,
      sender,
      recipient,
      domain: recipient.split('@')[1],
      code: Number(code),
    });
  });
  const kinds: Array<'entry' | Uint8Array> = rep.entries.map(() => 'entry');
  for (const j of junkLines) kinds.splice(j.at % (kinds.length + 1), 0, junk(j.bytes));
  let e = 0;
  for (const k of kinds) {
    if (k === 'entry') {
      const bytes = entryLines[2 * e] as Uint8Array;
      const entry = entryLines[2 * e + 1] as ExpectedEntry;
      e++;
      entry.row = firstRow + lines.length;
      out.push(entry);
      lines.push(bytes);
      rows.push({ kind: LineKind.Report, detail: 0, service: 'REPORT', time: entry.time, session: -1 });
    } else {
      lines.push(k);
      rows.push(unparsed());
    }
  }
  const file = finishFile('mta-report.log', lines, rows, rep.eols, false);
  // A dropped empty last line can only be junk: the entries are never empty.
  return file;
}
