import { textWidth } from './text-width.ts';

/**
 * Breaks a long title into lines the way GB/T 9704 asks: words stay whole, the lines are of
 * similar length (a trapezoid or diamond, never an hourglass), and breaks fall where the sense
 * allows, such as after 关于, after the issuing body or the year, or before a bracketed part.
 */
export function titleLines(title: string, maxWidth: number, issuers: string[] = []): string[] {
  if (textWidth(title) <= maxWidth) return [title];
  const atoms = titleAtoms(title, maxWidth);
  const natural = atoms.map((_, i) => i > 0 && isNaturalBreak(atoms.slice(0, i).join(''), atoms[i]!, issuers));
  const widths = atoms.map(textWidth);
  const total = widths.reduce((a, b) => a + b, 0);
  const lines = Math.ceil(total / maxWidth);
  for (let n = lines; n <= atoms.length; n++) {
    const best = bestSplit(atoms, widths, natural, n, maxWidth);
    if (best) return best;
  }
  return atoms;
}

const OPENING = '（《“〔【「『([';
const CLOSING = '）》”〕】」』)]，。、；：！？,.;:!?';
const PAIRS: Record<string, string> = { '（': '）', '《': '》', '“': '”', '〔': '〕', '【': '】', '(': ')', '[': ']' };
const ISSUER_ENDINGS = ['人民政府', '委员会', '办公室', '办公厅', '局'];
/** One-character words that belong to the word before them (规范|性, 怀|化). */
const SUFFIXES = /^[性化率者式类型级]$/;

/** Words from ICU's segmenter, with bracketed parts, punctuation and `2022年` kept in one piece. */
export function titleAtoms(title: string, maxWidth: number): string[] {
  const words = [...new Intl.Segmenter('zh', { granularity: 'word' }).segment(title)].map((s) => s.segment);
  const atoms: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const close = PAIRS[w];
    if (close) {
      const end = words.indexOf(close, i + 1);
      const group = end > i ? words.slice(i, end + 1).join('') : '';
      if (group && textWidth(group) <= maxWidth / 2) {
        atoms.push(group);
        i = end;
        continue;
      }
    }
    const prev = atoms[atoms.length - 1];
    const attachToPrevious = prev !== undefined && (CLOSING.includes(w) || SUFFIXES.test(w) || (/^[年月日号]$/.test(w) && /\d$/.test(prev)));
    if (attachToPrevious) atoms[atoms.length - 1] = prev + w;
    else if (prev !== undefined && OPENING.includes(prev)) atoms[atoms.length - 1] = prev + w;
    else atoms.push(w);
  }
  return atoms;
}

/** Whether a break after `before` (the title so far) follows the sense of the title. */
export function isNaturalBreak(before: string, after: string, issuers: string[] = []): boolean {
  if (issuers.some((name) => before.endsWith(name))) return true;
  if (before.endsWith('关于') || after.startsWith('关于')) return true;
  if (before.endsWith('的') || /[、，]$/.test(before)) return true;
  if (OPENING.includes(after[0]!)) return true;
  if (/\d年$/.test(before) || before.endsWith('年度')) return true;
  return ISSUER_ENDINGS.some((e) => before.endsWith(e));
}

const UNNATURAL_BREAK = 40;
const HOURGLASS = 20;

function bestSplit(atoms: string[], widths: number[], natural: boolean[], n: number, maxWidth: number): string[] | undefined {
  const total = widths.reduce((a, b) => a + b, 0);
  const mean = total / n;
  let best: { cost: number; breaks: number[] } | undefined;
  // Outlines of titles have a few dozen words at most: trying every break is instant.
  const search = (start: number, breaks: number[], cost: number) => {
    if (best && cost >= best.cost) return;
    if (breaks.length === n - 1) {
      const w = sum(widths, start, atoms.length);
      if (w > maxWidth) return;
      const ends = [...breaks, atoms.length];
      const lineWidths = ends.map((end, k) => sum(widths, k === 0 ? 0 : ends[k - 1]!, end));
      let total = cost + (w - mean) ** 2;
      for (let k = 1; k < lineWidths.length - 1; k++) {
        if (lineWidths[k]! < lineWidths[k - 1]! && lineWidths[k]! < lineWidths[k + 1]!) total += HOURGLASS;
      }
      if (!best || total < best.cost) best = { cost: total, breaks: [...breaks] };
      return;
    }
    for (let end = start + 1; end < atoms.length; end++) {
      const w = sum(widths, start, end);
      if (w > maxWidth) break;
      const breakCost = natural[end] ? 0 : UNNATURAL_BREAK;
      search(end, [...breaks, end], cost + (w - mean) ** 2 + breakCost);
    }
  };
  search(0, [], 0);
  if (!best) return undefined;
  const ends = [...best.breaks, atoms.length];
  return ends.map((end, k) => atoms.slice(k === 0 ? 0 : ends[k - 1]!, end).join(''));
}

function sum(widths: number[], from: number, to: number): number {
  let s = 0;
  for (let i = from; i < to; i++) s += widths[i]!;
  return s;
}
