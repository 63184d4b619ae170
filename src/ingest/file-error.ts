/** A problem with one file: it is skipped (and rolled back), the other files load. */
export class FileError extends Error {
  constructor(
    readonly fileName: string,
    message: string,
  ) {
    super(message);
  }
}
