/**
 * What can go wrong with a file, as a code and its facts. The engine says which; the page words it
 * in the reader's language (i18n/messages.ts), and `npm run summary` in English. A `detail` is
 * text the engine cannot word itself (the browser's own reason for a failed read): shown as is.
 */

/** Why a file was not loaded. The other files load. */
export type FileProblem =
  | { code: 'binary'; offset: number }
  | { code: 'utf-16' }
  | { code: 'too-large'; bytes: number; limit: number }
  | { code: 'too-many-files'; limit: number }
  | { code: 'changed' }
  | { code: 'truncated'; read: number; size: number }
  | { code: 'unreadable'; detail: string }
  | { code: 'parser-crashed'; detail: string }
  /** The load already holds what this page can: the file was not read. */
  | { code: 'over-load-limit'; limit: number }
  | { code: 'archive-corrupt'; detail: string }
  | { code: 'archive-encrypted' }
  | { code: 'archive-method'; method: number }
  /** An archive that unpacks to more than the load's budget. */
  | { code: 'archive-too-large'; limit: number }
  /** An archive that expands far more than logs ever do: stopped before it fills the memory. */
  | { code: 'archive-bomb'; ratio: number }
  /** `npm run summary` reads plain files only: it would have to hold an archive's output whole. */
  | { code: 'archive-not-opened' };

/** Something worth saying about a file that still loaded. */
export type FileWarning =
  | { code: 'no-layout' }
  | { code: 'impossible-dates'; count: number; firstLine: number }
  | { code: 'cr-only' };

/** Why a whole load did not happen. */
export type LoadProblem =
  | { code: 'nothing-to-load' }
  | { code: 'sample-unavailable'; detail: string }
  | { code: 'folder-unreadable'; detail: string }
  | { code: 'engine-failed'; detail: string };

/** A file the engine gave up on. */
export interface FailedFile {
  fileName: string;
  problem: FileProblem;
}
