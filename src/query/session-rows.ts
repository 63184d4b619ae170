import { PACK_ESCAPE, PACK_NONE, PACK_SHIFT } from '../lib/packed-column';
import type { LogIndex } from '../model/log-index';

/**
 * Every session's rows, in storage order, one list after another: session `s` has the rows
 * `start[s]` .. `start[s + 1] - 1` of the list, each kept as its distance from the row before it
 * (the first from the session's first row), so a filter that keeps some sessions touches their
 * rows only, where walking the stretches of the index they span read every line of every session
 * open at the same time. Neighbouring rows of a session are seldom more than 65,535 rows apart:
 * 2 bytes a row in a session (32 MB at 16 million rows), and a farther one is kept aside. Made
 * once per index, just after the load (engine.ts), by two passes over the session column.
 */
export interface SessionRows {
  start: Uint32Array;
  gaps: Uint16Array;
  /** The rows too far from the one before them (their gap is 0), by their place in the list. */
  far: Map<number, number>;
}

const made = new WeakMap<LogIndex, SessionRows>();

export function sessionRows(index: LogIndex): SessionRows {
  let found = made.get(index);
  if (!found) {
    found = collect(index);
    made.set(index, found);
  }
  return found;
}

function collect(index: LogIndex): SessionRows {
  const { count, session } = index.rows;
  const { base, delta } = session;
  const { firstRow } = index.sessions;
  const start = new Uint32Array(index.sessions.count + 1);
  // The packed column read inline: this runs over every row, twice.
  const sessionAt = (r: number) => {
    const d = delta[r];
    return d < PACK_ESCAPE ? base[r >>> PACK_SHIFT] + d : d === PACK_NONE ? -1 : session.at(r);
  };
  for (let r = 0; r < count; r++) {
    const s = sessionAt(r);
    if (s >= 0) start[s + 1]++;
  }
  for (let s = 1; s < start.length; s++) start[s] += start[s - 1];
  const next = start.slice(0, -1);
  const last = Int32Array.from(firstRow);
  const gaps = new Uint16Array(start[start.length - 1]);
  const far = new Map<number, number>();
  for (let r = 0; r < count; r++) {
    const s = sessionAt(r);
    if (s < 0) continue;
    const k = next[s]++;
    const gap = r - last[s];
    // A gap of 0 is the session's first row itself, or a row kept aside.
    if (gap > 0 && gap <= 0xffff) gaps[k] = gap;
    else if (gap !== 0) far.set(k, r);
    last[s] = r;
  }
  return { start, gaps, far };
}
