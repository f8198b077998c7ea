/**
 * Geometry of a bar chart on paper, in em of its text: one row a bar, the label in a column on the
 * left (wrapped there), the bar beside its label's first line, the value and its share after the
 * bar. The web's layout (layout.ts) stacks label over bar for a phone; a page is wide enough for a
 * row, which keeps a long breakdown within one page.
 */
import { textWidthEm, wrapText } from './layout.ts';
import type { ChartSpec } from './spec.ts';

const LINE = 1.5;
const BAR = 0.8;
const ROW_GAP = 0.35;
const GROUP_GAP = 0.5;
/** A label wider than this wraps, so that the bars keep most of the width. */
const MAX_LABEL_EM = 16;
/** Space between the label column, the bars and the values. */
const GUTTER = 1;

export interface PaperText {
  x: number;
  /** Baseline. */
  y: number;
  text: string;
  role: 'label' | 'value' | 'group';
}

export interface PaperBar {
  y: number;
  height: number;
  /** Where the track starts and how wide it is (the whole, or the largest value). */
  x: number;
  track: number;
  /** The bar itself, at most the track. */
  width: number;
  muted: boolean;
}

export interface PaperLayout {
  width: number;
  height: number;
  texts: PaperText[];
  bars: PaperBar[];
}

/** The rows of `spec` across `width` em. */
export function layoutPaperChart(spec: ChartSpec, width: number): PaperLayout {
  const bars = spec.groups.flatMap((g) => g.bars);
  const valueText = (b: (typeof bars)[number]) => b.text + (b.note ? `（${b.note}）` : '');
  const labelEm = Math.min(MAX_LABEL_EM, Math.max(0, ...bars.map((b) => textWidthEm(b.label))));
  const valueEm = Math.max(0, ...bars.map((b) => textWidthEm(valueText(b))));
  const x = labelEm + GUTTER;
  const track = Math.max(4, width - x - GUTTER - valueEm);
  const total = bars.reduce((s, b) => s + b.value, 0);
  const texts: PaperText[] = [];
  const boxes: PaperBar[] = [];
  // Baseline of a line `LINE` em high: its text sits centred in it.
  const baseline = (top: number) => top + LINE / 2 + 0.35;
  let y = 0;
  for (const [gi, group] of spec.groups.entries()) {
    if (gi > 0) y += GROUP_GAP;
    if (group.label) {
      for (const text of wrapText(group.label, width)) {
        texts.push({ x: 0, y: round(baseline(y)), text, role: 'group' });
        y += LINE;
      }
    }
    const max = Math.max(0, ...group.bars.map((b) => b.value));
    for (const [bi, bar] of group.bars.entries()) {
      if (bi > 0) y += ROW_GAP;
      const lines = balancedLines(bar.label, labelEm);
      lines.forEach((text, i) => texts.push({ x: 0, y: round(baseline(y + i * LINE)), text, role: 'label' }));
      const share = spec.kind === 'parts' ? (total > 0 ? bar.value / total : 0) : max > 0 ? bar.value / max : 0;
      boxes.push({ y: round(y + (LINE - BAR) / 2), height: BAR, x: round(x), track: round(track), width: round(Math.max(0, Math.min(1, share)) * track), muted: !!bar.muted });
      texts.push({ x: round(x + track + GUTTER), y: round(baseline(y)), text: valueText(bar), role: 'value' });
      y += Math.max(1, lines.length) * LINE;
    }
  }
  return { width, height: round(y), texts, bars: boxes };
}

/** `text` in as many lines as `max` em needs, of even length: no line of one character under a long one. */
export function balancedLines(text: string, max: number): string[] {
  const n = wrapText(text, max).length;
  if (n <= 1) return [text];
  for (let w = textWidthEm(text) / n; ; w += 0.25) {
    const lines = wrapText(text, Math.min(w, max));
    if (lines.length <= n) return lines;
  }
}

const round = (n: number) => Math.round(n * 1000) / 1000;
