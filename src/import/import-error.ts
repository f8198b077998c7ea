/** A file import refuses, with what to do about it: printed to the editor, never a stack trace. */
export class ImportError extends Error {
  readonly hint?: string;
  constructor(message: string, hint?: string) {
    super(message);
    this.hint = hint;
  }
}
