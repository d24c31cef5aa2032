/**
 * The one error type of the data layer. Every message says what is wrong, where (a file or folder
 * path), and how to fix it, because the reader is usually a user looking at a failed search, not a
 * developer with a debugger. The three parts are also kept as fields so the UI can lay them out.
 */
export class DataError extends Error {
  override readonly name = 'DataError';

  constructor(
    /** What is wrong, e.g. "truncated IDX file: expected 7840016 bytes, got 1000". */
    readonly what: string,
    /** Where: the file or folder concerned (absolute path where known). */
    readonly where: string,
    /** How to fix it, as an instruction. */
    readonly fix: string,
  ) {
    super(`${where}: ${what}. Fix: ${fix}`);
  }
}
