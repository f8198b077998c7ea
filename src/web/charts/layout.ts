/**
 * Geometry of a horizontal bar chart whose text never scales: vertical positions are in em (so
 * the large-text mode enlarges the chart with its text) and horizontal ones in percent of the
 * width (so it fits a phone and a desktop alike). Each bar has its label on its own line above it.
 */
import type { ChartSpec } from './spec.ts';

/** Width budget of a text line in em: fits a 390 px phone with the page's text at 22 px. */
export const LINE_EM = 15;
const LINE_HEIGHT = 1.5;
const BAR_HEIGHT = 1;
const BAR_GAP = 0.75;
const GROUP_GAP = 0.5;

/** Approximate advance of a character in em: CJK and full-width forms 1, others about 0.55. */
export function textWidthEm(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u11ff\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u3000-\u303f\u2014\u201c\u201d]/.test(ch) ? 1 : 0.55;
  return w;
}

/** Breaks text into lines of at most `max` em, between characters (Chinese has no spaces). */
export function wrapText(text: string, max = LINE_EM): string[] {
  const lines: string[] = [];
  let line = '';
  for (const ch of text) {
    if (line && textWidthEm(line + ch) > max) {
      lines.push(line);
      line = '';
    }
    line += ch;
  }
  if (line) lines.push(line);
  return lines;
}

export interface TextLine {
  /** Baseline, em from the top. */
  y: number;
  /** Pieces of the line: plain label text, then the value and its note. */
  parts: { text: string; role: 'label' | 'value' | 'note' | 'group'; metricId?: string }[];
}

export interface BarBox {
  y: number;
  height: number;
  /** Percent of the chart width. */
  width: number;
  muted: boolean;
}

export interface ChartLayout {
  height: number;
  lines: TextLine[];
  bars: BarBox[];
}

export function layoutChart(spec: ChartSpec): ChartLayout {
  const lines: TextLine[] = [];
  const bars: BarBox[] = [];
  let y = 0;
  const total = spec.kind === 'parts' ? spec.groups.flatMap((g) => g.bars).reduce((s, b) => s + b.value, 0) : 0;
  for (const [gi, group] of spec.groups.entries()) {
    if (gi > 0) y += GROUP_GAP;
    if (group.label) {
      for (const text of wrapText(group.label)) {
        y += LINE_HEIGHT;
        lines.push({ y: y - 0.4, parts: [{ text, role: 'group' }] });
      }
    }
    const max = Math.max(...group.bars.map((b) => b.value), 0);
    for (const bar of group.bars) {
      // Label, value and note flow as one text, wrapped; the value never splits.
      const tail = [bar.text, bar.note ? `（${bar.note}）` : ''].join('');
      const labelLines = wrapText(bar.label);
      const last = labelLines.at(-1) ?? '';
      const valueFits = textWidthEm(`${last} ${tail}`) <= LINE_EM;
      const textLines: TextLine['parts'][] = labelLines.map((t) => [{ text: t, role: 'label' as const }]);
      const value = { text: bar.text, role: 'value' as const, metricId: bar.metricId };
      const note = bar.note ? [{ text: `（${bar.note}）`, role: 'note' as const }] : [];
      if (valueFits && textLines.length > 0) textLines.at(-1)!.push(value, ...note);
      else textLines.push([value, ...note]);
      for (const parts of textLines) {
        y += LINE_HEIGHT;
        lines.push({ y: y - 0.4, parts });
      }
      const share = spec.kind === 'parts' ? (total > 0 ? bar.value / total : 0) : max > 0 ? bar.value / max : 0;
      y += 0.15;
      bars.push({ y, height: BAR_HEIGHT, width: round(Math.max(0, Math.min(1, share)) * 100), muted: !!bar.muted });
      y += BAR_HEIGHT + BAR_GAP;
    }
  }
  return { height: round(y), lines, bars };
}

const round = (n: number) => Math.round(n * 1000) / 1000;
