import { PACK_ESCAPE, PACK_NONE, PACK_SHIFT } from '../lib/packed-column';
import type { LogIndex } from '../model/log-index';

/**
 * Every session's rows, in storage order, one list after another: session `s`'s rows are
 * `rows[start[s]] .. rows[start[s + 1] - 1]`. A filter that keeps some sessions then touches
 * their rows only, where walking their stretches of the index read every line of every session
 * open at the same time. 4 bytes a row in a session (64 MB at 16 million rows), made once per
 * index, just after the load (engine.ts), by two passes over the session column.
 */
export interface SessionRows {
  start: Uint32Array;
  rows: Uint32Array;
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
  const rows = new Uint32Array(start[start.length - 1]);
  for (let r = 0; r < count; r++) {
    const s = sessionAt(r);
    if (s >= 0) rows[next[s]++] = r;
  }
  return { start, rows };
}
