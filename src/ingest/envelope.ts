import { parseDateTime } from './datetime';

/** Where the parts of `[TAG] YYYY/MM/DD HH:MM:SS [thread-job] message` lie in the line. */
export interface Envelope {
  tagStart: number;
  tagEnd: number;
  time: number;
  /** -1 when the line has no `[thread]` (≤1.26 files, and server-level lines of later versions). */
  thread: number;
  /** -1 unless the line has a 1.88a `[thread-JobId]`. */
  jobId: number;
  msgStart: number;
}

export function newEnvelope(): Envelope {
  return { tagStart: 0, tagEnd: 0, time: -1, thread: -1, jobId: -1, msgStart: 0 };
}

const MAX_TAG = 16;
const MAX_THREAD_DIGITS = 6;
const JOB_DIGITS = 5;

/**
 * Parses the ASCII envelope of one line from bytes (log-format.md, "Line formats").
 * Returns false when the line does not fit: it then becomes an `unparsed` row.
 * The tag is any `[A-Z0-9]+` (assumed: unknown services are shown as they are).
 */
export function parseEnvelope(b: Uint8Array, start: number, end: number, out: Envelope): boolean {
  if (end - start < 23 || b[start] !== 0x5b) return false;
  let i = start + 1;
  const tagLimit = Math.min(end, i + MAX_TAG + 1);
  while (i < tagLimit) {
    const c = b[i];
    if ((c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39)) i++;
    else break;
  }
  if (i === start + 1 || b[i] !== 0x5d || b[i + 1] !== 0x20) return false;
  out.tagStart = start + 1;
  out.tagEnd = i;
  const ts = i + 2;
  if (ts + 19 > end) return false;
  const time = parseDateTime(b, ts);
  if (time < 0) return false;
  out.time = time;
  out.thread = -1;
  out.jobId = -1;
  let m = ts + 19;
  if (m === end) {
    out.msgStart = m;
    return true;
  }
  if (b[m] !== 0x20) return false;
  m++;
  out.msgStart = m;
  if (b[m] !== 0x5b) return true;
  // `[123]` or `[123-45678]`; anything else in brackets is part of the message.
  let j = m + 1;
  let thread = 0;
  const digitsEnd = Math.min(end, j + MAX_THREAD_DIGITS);
  while (j < digitsEnd && b[j] >= 0x30 && b[j] <= 0x39) thread = thread * 10 + b[j++] - 0x30;
  if (j === m + 1) return true;
  let job = -1;
  if (b[j] === 0x2d) {
    let k = j + 1;
    job = 0;
    while (k < end && k - j - 1 < JOB_DIGITS && b[k] >= 0x30 && b[k] <= 0x39) job = job * 10 + b[k++] - 0x30;
    if (k - j - 1 !== JOB_DIGITS) return true;
    j = k;
  }
  if (b[j] !== 0x5d) return true;
  out.thread = thread;
  out.jobId = job;
  j++;
  out.msgStart = j < end && b[j] === 0x20 ? j + 1 : j;
  return true;
}
