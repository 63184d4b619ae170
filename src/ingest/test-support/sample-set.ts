import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LogIndex } from '../../model/log-index';
import { build } from './build';

const SAMPLE = join(__dirname, '../../../public/sample');

/**
 * The built-in sample set (public/sample/*.log), indexed; with `twice`, each file again under a
 * second name, so the timeline has more than one checkpoint stretch.
 */
export async function indexSampleSet(twice = false): Promise<LogIndex> {
  const files = readdirSync(SAMPLE)
    .filter((f) => f.endsWith('.log'))
    .map((f): [string, Uint8Array] => [f, new Uint8Array(readFileSync(join(SAMPLE, f)))]);
  const copies = twice ? files.map(([n, b]): [string, Uint8Array] => [`copy-${n}`, b]) : [];
  return (await build([...files, ...copies])).index;
}
