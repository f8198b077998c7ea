import type { SourcePosition } from '../diagnostics/diagnostic.ts';

/** The position of `value[offset]`, when `value` was written starting at `start` (line breaks counted). */
export function positionWithin(file: string, start: { line: number; column: number }, value: string, offset: number): SourcePosition {
  const before = value.slice(0, Math.max(0, offset));
  const lastBreak = before.lastIndexOf('\n');
  if (lastBreak < 0) return { file, line: start.line, column: start.column + before.length };
  let lines = 0;
  for (const ch of before) if (ch === '\n') lines++;
  return { file, line: start.line + lines, column: before.length - lastBreak };
}

/** A text assembled from pieces written in different places, each piece remembering where it starts. */
export class PieceMap {
  private starts: number[] = [];
  private pieces: { start: { line: number; column: number }; value: string; exact: boolean }[] = [];
  text = '';

  readonly file: string;

  constructor(file: string) {
    this.file = file;
  }

  /** `exact`: characters of `value` map one-to-one to the source (raw HTML, plain text). */
  add(value: string, start: { line: number; column: number } | undefined, exact = true): void {
    if (value === '') return;
    // Nodes made by transforms (an unknown directive turned back into text) have no position:
    // the previous piece's place is the nearest one known.
    const previous = this.pieces[this.pieces.length - 1]?.start;
    this.starts.push(this.text.length);
    this.pieces.push({ start: start ?? previous ?? { line: 0, column: 0 }, value, exact: exact && start !== undefined });
    this.text += value;
  }

  at(offset: number): SourcePosition {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    const piece = this.pieces[lo];
    if (!piece) return { file: this.file, line: 0, column: 0 };
    if (!piece.exact || piece.start.line === 0) return { file: this.file, ...piece.start };
    return positionWithin(this.file, piece.start, piece.value, offset - this.starts[lo]!);
  }
}
