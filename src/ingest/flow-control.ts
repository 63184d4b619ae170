/**
 * How bytes and batches flow through a load, in one place: the sizes and counts that bound what is
 * in flight between the reader, the parsers and the engine, each with the reason for its value.
 * They were set with `npm run bench` (bench/README.md has the history).
 *
 * The buffers, followed once through a load:
 * 1. The reader hands each slice over (transferred). The parser reads it and sends it back inside
 *    its batch: the index keeps every slice as the file's bytes (ChunkedBytes), never a copy.
 * 2. A batch's columns sit on one buffer. Once the engine has copied them into the index, the
 *    buffer goes back to whichever parser gets the next slice (parser-client's spare buffers, at
 *    most MAX_SPARE), which fills its next columns there (line-scanner's pool, at most
 *    COLUMN_POOL): fresh pages cost page faults and zeroing on every batch, reused ones do not.
 * 3. A buffer nobody reuses is freed at once with lib/free-now.ts rather than whenever a full
 *    garbage collection gets to it.
 */

/** Bytes per read: 16 MiB costs the browser less CPU per byte than 8, and still gives frequent progress. */
export const SLICE_BYTES = 16 << 20;
/** A small first slice puts the first rows on screen sooner. */
export const FIRST_SLICE_BYTES = 1 << 20;
/**
 * Slices requested ahead of the one being handed on: two keep the browser's file reads busy back
 * to back (one at a time left it idle between reads, and cost more CPU per byte).
 */
export const READ_AHEAD = 2;

/** Files parsed at once: two parsers overlap across file boundaries and use the second core fully. */
export const PARSERS = 2;
/**
 * Slices at a parser, not yet back as batches: enough to keep it busy while a batch is being
 * indexed, few enough to bound the memory in flight.
 */
export const MAX_IN_FLIGHT = 3;
/**
 * Bytes copied into the WebAssembly module per scan call: a 16 MiB slice goes in as four pieces,
 * so the input region, resident for as long as the parser lives, holds 4 MiB and not 16 (two
 * parsers are alive when a load peaks).
 */
export const SCAN_PIECE_BYTES = 4 << 20;
/**
 * Files from this size on leave their parser replaced by a fresh one: WebAssembly memory cannot
 * shrink, and a parser that grew for a big file would hold that memory through the rest of the load.
 */
export const FRESH_PARSER_AFTER_BYTES = 64 << 20;

/** Batches the file being applied may have waiting, parsed but not yet applied. */
export const MAX_AHEAD = 4;
/**
 * Batches all the files after it may have waiting together: enough for the second parser to get
 * ahead while the first one parses a big file, few enough to bound their columns in memory (about
 * 4 MB a batch; their slices are kept by the index anyway). 16 waiting gave the same speed and a
 * higher peak.
 */
export const MAX_WAITING = 8;

/** Applied batches' column buffers the engine keeps for the next slices: about as many as slices in flight. */
export const MAX_SPARE = 4;
/** Column buffers a parser keeps for its next batches. */
export const COLUMN_POOL = 2;

/**
 * Progress is posted at most this often: ten updates a second keep the bar and the row count
 * alive, and each update costs the page a render.
 */
export const PROGRESS_INTERVAL_MS = 100;
