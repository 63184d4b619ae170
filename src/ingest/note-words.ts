import { startsWith } from './classify';
import { Hint } from './parsed-batch';

// Words that state an outcome in Japanese notes (assumed wording), in CP932 and UTF-8.
const NOTE_WORDS: Array<{ bytes: Uint8Array; bit: number }> = [
  { bytes: Uint8Array.of(0x94, 0x46, 0x8f, 0xd8), bit: Hint.Auth }, // 認証
  { bytes: Uint8Array.of(0xe8, 0xaa, 0x8d, 0xe8, 0xa8, 0xbc), bit: Hint.Auth },
  { bytes: Uint8Array.of(0x8e, 0xb8, 0x94, 0x73), bit: Hint.Fail }, // 失敗
  { bytes: Uint8Array.of(0xe5, 0xa4, 0xb1, 0xe6, 0x95, 0x97), bit: Hint.Fail },
  { bytes: Uint8Array.of(0x92, 0x86, 0x8c, 0x70), bit: Hint.Relay }, // 中継
  { bytes: Uint8Array.of(0xe4, 0xb8, 0xad, 0xe7, 0xb6, 0x99), bit: Hint.Relay },
  { bytes: Uint8Array.of(0x8b, 0x91, 0x94, 0xdb), bit: Hint.Refuse }, // 拒否
  { bytes: Uint8Array.of(0xe6, 0x8b, 0x92, 0xe5, 0x90, 0xa6), bit: Hint.Refuse },
];
/** Words by lead byte, so a line is scanned once whatever the number of words. */
const WORDS_BY_LEAD: Array<typeof NOTE_WORDS | undefined> = [];
for (const w of NOTE_WORDS) (WORDS_BY_LEAD[w.bytes[0]] ??= []).push(w);

/** The {@link Hint} bits of the outcome words found in [start, end). */
export function noteWords(b: Uint8Array, start: number, end: number): number {
  let found = 0;
  for (let i = start; i < end; i++) {
    const c = b[i];
    if (c < 0x80) continue;
    const words = WORDS_BY_LEAD[c];
    if (words) for (const w of words) if (startsWith(b, i, end, w.bytes)) found |= w.bit;
  }
  return found;
}
