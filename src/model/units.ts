/** Index of a row in storage order: files one after another, each in its own line order. */
export type RowIndex = number;
/** Naive server-local wall-clock time, counted as if it were UTC seconds since 1970 (see log-format.md: no zone). */
export type EpochSec = number;
/** Id of a string in a {@link StringTable}. */
export type StringId = number;
export type SessionId = number;
export type FileId = number;
/** Typed-array "none" for unsigned time columns (signed columns use -1). */
export const NO_TIME = 0xffffffff;
