/**
 * One line of the MTA report log, read on its own, for the tests. The reading itself is the
 * WebAssembly scanner's (assembly/report.ts, where the accepted layouts are described): the app
 * reads a report log's lines there as they are scanned. This reads one line with an instance of
 * the module of its own, so it never disturbs the thread's scanner.
 */
import type { EpochSec } from '../../model/units';
import { LINE_SCAN_WASM } from '../line-scan-wasm';

/** One report log line's fields: byte offsets into the caller's buffer. */
export interface ReportFields {
  time: EpochSec;
  /** The sender without its `<>`; an empty sender has senderStart === senderEnd. */
  senderStart: number;
  senderEnd: number;
  /** The recipient without its `<>`; never empty on success. */
  recipientStart: number;
  recipientEnd: number;
  /** Just after the recipient's last `@`: the domain is domainStart .. recipientEnd. */
  domainStart: number;
  code: number;
}

export function newReportFields(): ReportFields {
  return {
    time: 0,
    senderStart: 0,
    senderEnd: 0,
    recipientStart: 0,
    recipientEnd: 0,
    domainStart: 0,
    code: 0,
  };
}

interface ReportExports {
  memory: WebAssembly.Memory;
  allocate(bytes: number): number;
  reset(): void;
  parseReport(start: number, end: number): number;
  reportFields(): number;
}

let instance: ReportExports | undefined;

function module(): ReportExports {
  if (!instance) {
    const bytes = Uint8Array.from(atob(LINE_SCAN_WASM), (c) => c.charCodeAt(0));
    const env = {
      abort: () => {
        throw new RangeError('out of memory while parsing');
      },
    };
    instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env })
      .exports as unknown as ReportExports;
  }
  return instance;
}

/**
 * Parses `b[start..end)` (one line, no terminator) as a report entry. Fills `out` and returns true,
 * or returns false (leaving `out` untouched) if the line is not a report entry. Offsets outside
 * `b` are clamped.
 */
export function parseReportLine(b: Uint8Array, start: number, end: number, out: ReportFields): boolean {
  if (!(start >= 0)) start = 0;
  if (!(end <= b.length)) end = b.length;
  if (end <= start) return false;
  const x = module();
  x.reset();
  const line = b.subarray(start, end);
  const p = x.allocate(line.length + 16);
  new Uint8Array(x.memory.buffer, p, line.length).set(line);
  if (x.parseReport(p, p + line.length) === 0) return false;
  const f = new Int32Array(x.memory.buffer, x.reportFields(), 7);
  const at = (k: number) => f[k] - p + start;
  out.time = f[0] >>> 0;
  out.senderStart = at(1);
  out.senderEnd = at(2);
  out.recipientStart = at(3);
  out.recipientEnd = at(4);
  out.domainStart = at(5);
  out.code = f[6];
  return true;
}
