/**
 * The printed document understood as a 公文: where the type area is, which lines are the title,
 * headings, body, page numbers, tables, the 版头 and the 版记 — found from text positions, sizes
 * and the rules drawn, never from what the file says about itself.
 */
import type { Line, PdfLayout, PdfPage, Shape } from './pdf-read.ts';

export const MM = 72 / 25.4;
/** GB/T 9704 in points. */
export const STD = {
  pageWidth: 210 * MM,
  pageHeight: 297 * MM,
  top: 37 * MM,
  left: 28 * MM,
  width: 156 * MM,
  height: 225 * MM,
  pitch: (225 * MM) / 22,
  lines: 22,
  chars: 28,
  char: (156 * MM) / 28,
} as const;

/** Characters that may not begin a line, and those that may not end one (GB/T 15834 practice). */
export const NO_START = '，。、；：？！）》」』〕】〉”’…—·%‰℃,.;:?!)]}';
export const NO_END = '（《「『〔【〈“‘([{';
const PUNCT = /[\s\u3000，。、；：？！）》」』〕】〉”’…—·（《「『〔【〈“‘,.;:?!()[\]{}"'%]/g;
const HAN = /[\p{Script=Han}]/u;
const LATIN = /[A-Za-z0-9]/;

export type Level = 'title' | 'h1' | 'h2' | 'h3' | 'h4' | 'body';

export const HEADING: [Exclude<Level, 'title' | 'body'>, RegExp][] = [
  ['h1', /^[一二三四五六七八九十百]+、/],
  ['h2', /^[（(][一二三四五六七八九十百]+[）)]/],
  ['h3', /^\d{1,2}\s*[.．](?!\d)/],
  ['h4', /^[（(]\d{1,2}[）)]/],
];

export function headingLevel(text: string): Level | undefined {
  const t = text.trim();
  return HEADING.find(([, re]) => re.test(t))?.[0];
}

export interface Box {
  page: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface Folio {
  page: number;
  line: Line;
  number?: number;
}

export interface Analysis {
  pages: PdfPage[];
  bodySize?: number;
  pitch?: number;
  /** Type area as found from the text (points from the page's top-left). */
  left?: number;
  right?: number;
  top?: number;
  /** Lines a full page holds, and where that was seen. */
  linesPerPage?: { count: number; page?: number; derived: boolean };
  charsPerLine?: { count: number; lines: number; charPitch: number };
  folios: Folio[];
  /** Pages without a page number, other than blank ones. */
  unnumbered: number[];
  tables: Box[];
  /** Lines of running text (body and headings), in reading order, without tables and page numbers. */
  textLines: Line[];
  title: Line[];
  headings: { level: Level; line: Line }[];
  bodyLines: Line[];
  /** The red rule of a 版头, and what stands above it. */
  head?: { rule: Shape; docNumber?: Line; above: Line[] };
  /** The 版记: its lines and rules on its page. */
  colophon?: { page: number; lines: Line[]; rules: Shape[] };
  /** Attachment pages: the page, its label line and title lines. */
  attachments: { page: number; label: Line; title: Line[] }[];
}

const median = (xs: number[]) => {
  if (!xs.length) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

function mode(xs: number[], step: number): number | undefined {
  const counts = new Map<number, number>();
  for (const x of xs) counts.set(Math.round(x / step) * step, (counts.get(Math.round(x / step) * step) ?? 0) + 1);
  let best: number | undefined;
  let n = 0;
  for (const [k, c] of counts) if (c > n || (c === n && best !== undefined && k < best)) [best, n] = [k, c];
  return best;
}

export const isRedColor = (hex: string) => {
  const n = parseInt(hex.slice(1), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  return r > 150 && g < 110 && b < 110;
};
const isWhite = (hex: string) => hex === '#ffffff';
const thin = (s: Shape) => Math.min(s.x1 - s.x0, s.y1 - s.y0) < 2.5;

/** Boxes of drawn cell borders that meet: tables (at least two rows and two columns of rules). */
function tableBoxes(page: PdfPage): Box[] {
  const parts = page.shapes.filter((s) => !isWhite(s.color) && thin(s) && Math.max(s.x1 - s.x0, s.y1 - s.y0) > 3);
  const groups: { box: Box; h: number; v: number }[] = [];
  for (const s of parts) {
    const horizontal = s.x1 - s.x0 > s.y1 - s.y0;
    const touching = groups.filter((g) => s.x0 <= g.box.x1 + 2 && s.x1 >= g.box.x0 - 2 && s.y0 <= g.box.y1 + 2 && s.y1 >= g.box.y0 - 2);
    const merged = { box: { page: page.number, x0: s.x0, y0: s.y0, x1: s.x1, y1: s.y1 }, h: horizontal ? 1 : 0, v: horizontal ? 0 : 1 };
    for (const g of touching) {
      merged.box = { page: page.number, x0: Math.min(merged.box.x0, g.box.x0), y0: Math.min(merged.box.y0, g.box.y0), x1: Math.max(merged.box.x1, g.box.x1), y1: Math.max(merged.box.y1, g.box.y1) };
      merged.h += g.h;
      merged.v += g.v;
      groups.splice(groups.indexOf(g), 1);
    }
    groups.push(merged);
  }
  return groups.filter((g) => g.h >= 2 && g.v >= 2 && g.box.y1 - g.box.y0 > 10).map((g) => g.box);
}

const inBox = (l: Line, b: Box) => l.page === b.page && l.x >= b.x0 - 2 && l.xEnd <= b.x1 + 2 && l.baseline >= b.y0 && l.baseline - l.size * 0.8 <= b.y1;

const PAGE_NUMBER = /^[—–\-－─―~～]*\s*[\d０-９]+\s*[—–\-－─―~～]*$|^第\s*\d+\s*页(\s*共\s*\d+\s*页)?$|^\d+\s*\/\s*\d+$/;

/** How far below the top of its grid line a line of this size has its baseline (exact spacing, glyphs centred). */
export const baselineOffset = (size: number, pitch: number = STD.pitch) => (pitch - size) / 2 + 0.88 * size;

export function analyse(layout: PdfLayout, hint?: { left?: number; right?: number; top?: number; bottom?: number }): Analysis {
  const pages = layout.pages;
  const tables = pages.flatMap(tableBoxes);
  // Page numbers: the lowest line of a page, in its bottom fifth, reading as a number.
  const folios: Folio[] = [];
  for (const p of pages) {
    const last = [...p.lines].sort((a, b) => b.baseline - a.baseline)[0];
    if (!last || last.baseline < p.height * 0.8 || tables.some((t) => inBox(last, t))) continue;
    const text = last.text.replace(/\s+/g, ' ').trim();
    if (!PAGE_NUMBER.test(text)) continue;
    const digits = /[\d０-９]+/.exec(text)![0].replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10));
    folios.push({ page: p.number, line: last, number: Number(digits) });
  }
  const folioLines = new Set(folios.map((f) => f.line));
  const candidates = pages.flatMap((p) => p.lines.filter((l) => !folioLines.has(l) && !tables.some((t) => inBox(l, t))));
  // The body size: the size most of the text is set in.
  const weight = new Map<number, number>();
  for (const l of candidates) weight.set(Math.round(l.size * 2) / 2, (weight.get(Math.round(l.size * 2) / 2) ?? 0) + [...l.text].length);
  const bodySize = [...weight.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const textLines = candidates.filter((l) => bodySize !== undefined && Math.abs(l.size - bodySize) <= 1);

  // Line pitch: consecutive lines of running text on a page, around the common distance.
  const steps: number[] = [];
  for (const p of pages) {
    const ls = textLines.filter((l) => l.page === p.number).sort((a, b) => a.baseline - b.baseline);
    for (let i = 1; i < ls.length; i++) {
      if (tables.some((t) => t.page === p.number && t.y0 < ls[i]!.baseline && t.y1 > ls[i - 1]!.baseline)) continue;
      steps.push(ls[i]!.baseline - ls[i - 1]!.baseline);
    }
  }
  const m = median(steps.filter((s) => s > 2));
  const near = m === undefined ? [] : steps.filter((s) => s > m * 0.85 && s < m * 1.15);
  const pitch = near.length ? near.reduce((a, b) => a + b, 0) / near.length : undefined;

  // The left edge: where most lines of running text start; the right edge: where full lines end.
  const left = hint?.left ?? mode(textLines.map((l) => l.x), 0.5);
  const ends = textLines.filter((l) => [...l.text].length >= 10).map((l) => l.xEnd).sort((a, b) => a - b);
  const right = hint?.right ?? (ends.length ? ends[Math.floor(ends.length * 0.9)] : undefined);

  // The top: the first line of pages that start with running text.
  let top = hint?.top;
  if (top === undefined && pitch) {
    const tops = pages
      .map((p) => {
        const first = p.lines.filter((l) => !folioLines.has(l)).sort((a, b) => a.baseline - b.baseline)[0];
        if (!first || !textLines.includes(first) || p.number === 1) return undefined;
        return first.baseline - baselineOffset(first.size, pitch);
      })
      .filter((t): t is number => t !== undefined);
    top = median(tops);
    if (top === undefined) {
      const first = pages[0]?.lines.filter((l) => !folioLines.has(l)).sort((a, b) => a.baseline - b.baseline)[0];
      if (first) top = first.baseline - baselineOffset(first.size, pitch);
    }
  }

  // Lines a page holds: the most grid lines any page fills.
  let linesPerPage: Analysis['linesPerPage'];
  if (pitch) {
    let best: { count: number; page: number } | undefined;
    // Pages of running text only: a table or a picture breaks the grid, the last page need not be full.
    const redRuleOnFirst = pages[0]?.shapes.some((s) => isRedColor(s.color) && s.x1 - s.x0 > 100 * MM);
    for (const p of pages) {
      if (p.number === pages.length || p.images > 0 || tables.some((t) => t.page === p.number)) continue;
      // The 版头's geometry is in millimetres, not grid lines: its page says nothing of the grid.
      if (p.number === 1 && redRuleOnFirst) continue;
      // Every line of the page counts (a title too), by the top of its grid line.
      const tops = p.lines.filter((l) => !folioLines.has(l)).map((l) => l.baseline - baselineOffset(l.size, pitch)).sort((a, b) => a - b);
      if (tops.length < 2) continue;
      const count = Math.round((tops[tops.length - 1]! - tops[0]!) / pitch) + 1;
      if (!best || count > best.count) best = { count, page: p.number };
    }
    const fullEnough = best && best.count >= 10;
    if (best && fullEnough) linesPerPage = { count: best.count, page: best.page, derived: false };
    else linesPerPage = { count: Math.floor(STD.height / pitch + 0.05), derived: true };
  }

  // Characters a full line holds: lines from the left edge (or the 2-character indent) to the right edge, Chinese only.
  let charsPerLine: Analysis['charsPerLine'];
  if (left !== undefined && right !== undefined) {
    const counts: number[] = [];
    const pitches: number[] = [];
    for (const l of textLines) {
      if (LATIN.test(l.text) || l.xEnd < right - l.size * 0.6) continue;
      const chars = [...l.text.replace(/\s/g, '')];
      if (!chars.every((c) => HAN.test(c) || /[\u3000-\u303f\uff00-\uffef“”‘’—…·]/.test(c))) continue;
      const cp = (l.xEnd - l.x) / chars.length;
      const indent = Math.abs(l.x - left) < 2 ? 0 : Math.abs(l.x - left - 2 * cp) < 3 ? 2 : -1;
      if (indent < 0) continue;
      counts.push(chars.length + indent);
      pitches.push(cp);
    }
    const c = mode(counts, 1);
    if (c !== undefined) charsPerLine = { count: c, lines: counts.length, charPitch: median(pitches)! };
  }

  // The 版头: a red rule across most of the type area on the first page.
  let head: Analysis['head'];
  const first = pages[0];
  if (first) {
    const rule = first.shapes
      .filter((s) => isRedColor(s.color) && s.y1 - s.y0 < 4 && s.x1 - s.x0 > 100 * MM && s.y0 < first.height / 2)
      .sort((a, b) => a.y0 - b.y0)[0];
    if (rule) {
      const above = first.lines.filter((l) => l.baseline < rule.y0);
      const docNumber = [...above].reverse().find((l) => /[〔\[［【（(]\s*\d{2,4}\s*[〕\]］】）)]\s*第?\s*\d+\s*号/.test(l.text));
      head = { rule, docNumber, above };
    }
  }

  // The title: on the first page, below the 版头, the first lines set larger than the body.
  const firstLines = (first?.lines ?? []).filter((l) => !folioLines.has(l) && (!head || l.baseline > head.rule.y1) && !tables.some((t) => inBox(l, t)));
  const title: Line[] = [];
  for (const l of firstLines) {
    if (bodySize !== undefined && l.size >= bodySize + 2 && (!title.length || (l.baseline - title[title.length - 1]!.baseline < l.size * 2 && Math.abs(l.size - title[0]!.size) < 1))) title.push(l);
    else if (title.length) break;
    else if (headingLevel(l.text)) break;
  }

  // Headings and body: running text, by the numbering that starts a paragraph.
  const headings: Analysis['headings'] = [];
  const bodyLines: Line[] = [];
  const ordered = textLines.filter((l) => !title.includes(l) && !(head && l.page === 1 && l.baseline < head.rule.y1)).sort((a, b) => a.page - b.page || a.baseline - b.baseline || a.x - b.x);
  // The 主送机关 (7.3.2): the first line after the title, flush left and ending in a colon — not a
  // paragraph of the body (which starts two characters in).
  const recipient = title.length ? ordered.find((l) => l.page === title[0]!.page && l.baseline > title[title.length - 1]!.baseline) : undefined;
  const isRecipient = (l: Line) => l === recipient && /[：:]$/.test(l.text.trim()) && left !== undefined && l.x <= left + l.size * 0.5;
  for (const l of ordered) {
    if (isRecipient(l)) continue;
    let level = left !== undefined && l.x > left + l.size * 0.5 ? headingLevel(l.text) : undefined;
    // “1.” and “（1）” further in are list items (the 附件说明's second line), not headings.
    if ((level === 'h3' || level === 'h4') && l.x > left! + l.size * 3) level = undefined;
    if (level) headings.push({ level, line: l });
    else bodyLines.push(l);
  }

  // Attachments: pages whose first line is 附件 or 附件N, its title the larger lines below.
  const attachments: Analysis['attachments'] = [];
  for (const p of pages) {
    const ls = p.lines.filter((l) => !folioLines.has(l)).sort((a, b) => a.baseline - b.baseline);
    const label = ls[0];
    if (!label || !/^附\s*件\s*\d*$/.test(label.text.trim())) continue;
    const rest = ls.slice(1);
    const t: Line[] = [];
    for (const l of rest) {
      if (t.length === 0 && bodySize !== undefined && l.size < bodySize + 2 && rest.some((r) => r.size >= bodySize + 2)) continue;
      if (t.length && (l.size !== t[0]!.size || l.baseline - t[t.length - 1]!.baseline > l.size * 2)) break;
      t.push(l);
      if (bodySize !== undefined && l.size < bodySize + 2) break;
    }
    attachments.push({ page: p.number, label, title: t });
  }

  // Attachment labels and titles are neither body text nor headings.
  const attachmentLines = new Set(attachments.flatMap((x) => [x.label, ...x.title]));
  for (let i = bodyLines.length - 1; i >= 0; i--) if (attachmentLines.has(bodyLines[i]!)) bodyLines.splice(i, 1);
  for (let i = headings.length - 1; i >= 0; i--) if (attachmentLines.has(headings[i]!.line)) headings.splice(i, 1);

  // The 版记: 抄送 and 印发 lines, with the rules drawn between them, on one page.
  let colophon: Analysis['colophon'];
  const all = pages.flatMap((p) => p.lines);
  const issued = all.filter((l) => /\d\s*日\s*印\s*发$/.test(l.text.trim())).pop() ?? all.filter((l) => /^抄\s*送\s*[:：]/.test(l.text.trim())).pop();
  if (issued) {
    const page = pages[issued.page - 1]!;
    const lines = page.lines.filter((l) => (/印\s*发$/.test(l.text.trim()) || /^抄\s*送\s*[:：]/.test(l.text.trim()) || l.baseline >= issued.baseline - issued.size * 0.5) && !folioLines.has(l) && l.baseline >= issued.baseline - 6 * issued.size);
    const topLine = Math.min(...lines.map((l) => l.baseline - l.size * 1.5));
    const rules = page.shapes.filter((s) => !isWhite(s.color) && s.y1 - s.y0 < 3 && s.x1 - s.x0 > 80 * MM && s.y0 >= topLine - 10).sort((a, b) => a.y0 - b.y0);
    colophon = { page: page.number, lines, rules };
  }

  const unnumbered = pages.filter((p) => p.lines.length > 0 && !folios.some((f) => f.page === p.number)).map((p) => p.number);
  return { pages, bodySize, pitch, left, right, top, linesPerPage, charsPerLine, folios, unnumbered, tables, textLines: ordered, title, headings, bodyLines, head, colophon, attachments };
}

/** Printed lines that start with a mark that may not start a line, or end with one that may not end it. */
export function lineBreakViolations(lines: Line[]): { start: Line[]; end: Line[] } {
  const start = lines.filter((l) => NO_START.includes([...l.text.trim()][0] ?? '') && !/^[—…]{2}/.test(l.text.trim()));
  const end = lines.filter((l) => NO_END.includes([...l.text.trim()].pop() ?? ''));
  return { start, end };
}

/** What a line has besides punctuation and spaces. */
export const wordsOf = (text: string) => text.replace(PUNCT, '');

/**
 * Last lines of paragraphs that hold a single character (and its punctuation): the line before is a
 * full line of the same paragraph, this one stops short of the right edge.
 */
export function loneLastLines(a: Analysis): Line[] {
  if (a.left === undefined || a.right === undefined) return [];
  const lines = a.bodyLines.concat(a.headings.map((h) => h.line)).sort((p, q) => p.page - q.page || p.baseline - q.baseline);
  const out: Line[] = [];
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i]!;
    const prev = lines[i - 1]!;
    const full = (x: Line) => x.xEnd >= a.right! - x.size * 0.7;
    const continues = Math.abs(l.x - a.left) < l.size * 0.5 && full(prev) && (prev.page === l.page ? l.baseline - prev.baseline < (a.pitch ?? l.size * 2) * 1.3 : l.page === prev.page + 1);
    if (!continues || full(l)) continue;
    const words = [...wordsOf(l.text)];
    if (words.length <= 1) out.push(l);
  }
  return out;
}
