import type { FileProblem } from '../model/file-problems';

/** A problem with one file: it is skipped (and rolled back), the other files load. */
export class FileError extends Error {
  constructor(
    readonly fileName: string,
    readonly problem: FileProblem,
  ) {
    super(problem.code);
  }
}

/** A failure that is not one of ours (a read the browser refused): its own words are the detail. */
export function asFileError(fileName: string, e: unknown): FileError {
  if (e instanceof FileError) return e;
  return new FileError(fileName, { code: 'unreadable', detail: e instanceof Error ? e.message : String(e) });
}
