import { PACK_ESCAPE, PACK_NONE, PACK_SHIFT } from '../lib/packed-column';
import type { LogIndex } from '../model/log-index';
import type { RowBits } from './row-bits';

/**
 * Every session's rows, in storage order, one list after another: session `s` has the rows
 * `start[s]` .. `start[s + 1] - 1` of the list, each kept as its distance from the row before it
 * (the first from the session's first row), so a filter that keeps some sessions touches their
 * rows only, where walking the stretches of the index they span read every line of every session
 * open at the same time. Neighbouring rows of a session are seldom more than 65,535 rows apart:
 * 2 bytes a row in a session, and a farther one is kept aside. Made
 * once per index by two passes over the session column: by the engine just after a load, a step
 * at a time (prepareSessionRows), or at once by the first filter that needs it before then.
 */
export interface SessionRows {
  start: Uint32Array;
  gaps: Uint16Array;
  /** The rows too far from the one before them (their gap is 0), by their place in the list. */
  far: Map<number, number>;
}

/** Rows read between two pauses: about 20 ms of work. */
const STEP = 1 << 20;

const made = new WeakMap<LogIndex, SessionRows>();

export function sessionRows(index: LogIndex): SessionRows {
  let found = made.get(index);
  if (!found) {
    const lists = new ListMaker(index);
    lists.count(0, index.rows.count);
    lists.place();
    lists.fill(0, index.rows.count);
    found = lists.done();
    made.set(index, found);
  }
  return found;
}

/**
 * Makes the lists with a pause (`between`) every STEP rows, so the engine answers the page
 * meanwhile; `between` answers false when the index is no longer wanted (a new load). A filter
 * that needs them sooner makes them itself; this one then stops.
 */
export async function prepareSessionRows(
  index: LogIndex,
  between: () => Promise<boolean>,
  step = STEP,
): Promise<void> {
  const count = index.rows.count;
  const lists = new ListMaker(index);
  for (let r = 0; r < count; r += step) {
    lists.count(r, Math.min(count, r + step));
    if (!(await between()) || made.has(index)) return;
  }
  lists.place();
  for (let r = 0; r < count; r += step) {
    lists.fill(r, Math.min(count, r + step));
    if (!(await between()) || made.has(index)) return;
  }
  made.set(index, lists.done());
}

/** Sets in `bits` the rows of the sessions set in `mask`: theirs only, nothing else is read. */
export function setRowsOfSessions(index: LogIndex, mask: Uint8Array, bits: RowBits): void {
  const { start, gaps, far } = sessionRows(index);
  const { firstRow } = index.sessions;
  for (let s = 0; s < mask.length; s++) {
    if (!mask[s]) continue;
    let r = firstRow[s];
    for (let k = start[s]; k < start[s + 1]; k++) {
      const gap = gaps[k];
      r = gap !== 0 ? r + gap : (far.get(k) ?? r);
      bits[r >>> 5] |= 1 << (r & 31);
    }
  }
}

class ListMaker {
  private readonly start: Uint32Array;
  private next = new Uint32Array(0);
  private last = new Int32Array(0);
  private gaps = new Uint16Array(0);
  private readonly far = new Map<number, number>();

  constructor(private readonly index: LogIndex) {
    this.start = new Uint32Array(index.sessions.count + 1);
  }

  /** The packed session column read inline: this runs over every row, twice. */
  private sessionAt(r: number): number {
    const { base, delta } = this.index.rows.session;
    const d = delta[r];
    return d < PACK_ESCAPE
      ? base[r >>> PACK_SHIFT] + d
      : d === PACK_NONE
        ? -1
        : this.index.rows.session.at(r);
  }

  count(from: number, to: number): void {
    const start = this.start;
    for (let r = from; r < to; r++) {
      const s = this.sessionAt(r);
      if (s >= 0) start[s + 1]++;
    }
  }

  place(): void {
    const start = this.start;
    for (let s = 1; s < start.length; s++) start[s] += start[s - 1];
    this.next = start.slice(0, -1);
    this.last = Int32Array.from(this.index.sessions.firstRow);
    this.gaps = new Uint16Array(start[start.length - 1]);
  }

  fill(from: number, to: number): void {
    const { next, last, gaps, far } = this;
    for (let r = from; r < to; r++) {
      const s = this.sessionAt(r);
      if (s < 0) continue;
      const k = next[s]++;
      const gap = r - last[s];
      // A gap of 0 is the session's first row itself, or a row kept aside.
      if (gap > 0 && gap <= 0xffff) gaps[k] = gap;
      else if (gap !== 0) far.set(k, r);
      last[s] = r;
    }
  }

  done(): SessionRows {
    return { start: this.start, gaps: this.gaps, far: this.far };
  }
}
