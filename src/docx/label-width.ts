/**
 * How wide a table's label column must be so that no label stacks one character a line: at least
 * its widest unbreakable word (“（六）”, “三、”, a number with its unit mark), and of the widths a
 * few characters wider, the narrowest that leaves no label ending on a line of one character.
 */
import { breakUnits, loneLastLine, predictLines, setChar } from './line-breaks.ts';

/** The label column's width in characters of `size` points. */
export function labelColumnChars(labels: string[], size: number): number {
  const sets = labels.filter((l) => l.trim()).map((l) => [...l.trim()].map((ch) => setChar(ch, size, 0)));
  if (!sets.length) return 2;
  const widest = Math.max(
    2,
    ...sets.map((chars) => {
      const starts = breakUnits(chars);
      return Math.max(...starts.map((s, i) => chars.slice(s, starts[i + 1] ?? chars.length).reduce((w, c) => w + c.width, 0)));
    }),
  );
  const narrowest = Math.ceil(widest / size - 0.01);
  const longest = Math.max(...sets.map((chars) => Math.ceil(chars.reduce((w, c) => w + c.width, 0) / size - 0.01)));
  let best = { chars: narrowest, lone: Number.POSITIVE_INFINITY };
  for (let w = narrowest; w <= Math.min(narrowest + 2, Math.max(narrowest, longest)); w++) {
    const model = { width: w * size, firstIndent: 0, autospace: 0.2 * size };
    const lone = sets.filter((chars) => loneLastLine(chars, predictLines(chars, model))).length;
    if (lone < best.lone) best = { chars: w, lone };
  }
  return best.chars;
}
