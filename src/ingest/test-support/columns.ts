import type { PackedColumn } from '../../lib/packed-column';
import { PackedColumnWriter } from '../packed-column-writer';

/** Every value of a packed column, in row order. */
export function unpack(col: PackedColumn): number[] {
  return Array.from({ length: col.length }, (_, r) => col.at(r));
}

/** Packs values (`none` where a row has no value) as the index builder does. */
export function pack(values: ArrayLike<number>, none: number): PackedColumn {
  const w = new PackedColumnWriter(none);
  w.append(Int32Array.from(values, (v) => (v === none ? -1 : v | 0)));
  return w.view();
}
