/**
 * The filing copy's 版头 and 版记 (GB/T 9704-2012 7.2 and 7.4) as numbers and text, shared by the
 * Word renderer and the print page so that both place the same things in the same spots. Lengths
 * are in points, measured down from the top edge of the type area (版心) unless said otherwise.
 */
import type { FilingModel } from '../content/index.ts';
import { CHARS_PER_LINE, LINES_PER_PAGE, PAGE_MM } from './page.ts';
import { textWidth } from './text-width.ts';

export const PT_PER_MM = 72 / 25.4;
const TYPE_WIDTH = (PAGE_MM.width - PAGE_MM.left - PAGE_MM.right) * PT_PER_MM;
const TYPE_HEIGHT = (PAGE_MM.height - PAGE_MM.top - PAGE_MM.bottom) * PT_PER_MM;

/** The body's line pitch as both renderers set it (579 twips). */
export const PITCH = 28.95;
const BODY = 16;
/** Where a 三号 character's em box starts in its line: the line's extra height, split above and below. */
export const HALF_LEADING = (PITCH - BODY) / 2;

/** 7.2.4: the top edge of the 发文机关标志 is 35 mm below the top edge of the type area. */
export const MARK_TOP = 35 * PT_PER_MM;
/** Red, as Word's standard red: the standard asks for red ink (Y80% M80% in print). */
export const OFFICIAL_RED = 'FF0000';
/** 初号: the mark's size unless the issuer sets one or the name is too long for the line. */
export const MARK_SIZE = 42;
/** Joint issuers' names stand one above the other with this much space between them (em). */
const JOINT_GAP = 0.2;
/** 7.2.7: the red separator line is 4 mm below the 发文字号. Its thickness the standard leaves open. */
export const RULE_GAP = 4 * PT_PER_MM;
export const RED_RULE = 1;
/** 7.4.1: the first and last rules of the 版记 0.35 mm, the ones between 0.25 mm. */
export const TAIL_RULE_THICK = 0.35 * PT_PER_MM;
export const TAIL_RULE_THIN = 0.25 * PT_PER_MM;
/** 版记 text is 4号 (14 pt); each of its elements takes one line of the body's pitch. */
export const TAIL_SIZE = 14;
/** One character in from the edge, as the page numbers: a 三号 character. */
export const ONE_CHAR = BODY;

/** The 发文机关标志: one line, or joint issuers' names stacked with 文件 beside them (7.2.4). */
export interface Mark {
  /** The names, one a line (one line for a single issuer, the 文件 included). */
  names: string[];
  /** 文件 to the right of stacked names, centred on them; absent for a single line. */
  suffix?: string;
  size: number;
  /** From the top of the first name to the bottom of the last. */
  height: number;
}

const markText = (issuer: FilingModel['issuers'][number]) => issuer.document?.mark ?? `${issuer.document?.fullName ?? issuer.name}文件`;

export function documentMark(filing: FilingModel): Mark {
  const [host, ...others] = filing.issuers;
  if (!host) return { names: [], size: 0, height: 0 };
  const wanted = host.document?.markSize ?? MARK_SIZE;
  if (others.length === 0) {
    const name = markText(host);
    const size = fit(wanted, textWidth(name));
    return { names: [name], size, height: size };
  }
  // Joint: the host first; 文件 (when the host's mark has it) once, to the right of all the names.
  const suffix = markText(host).endsWith('文件') ? '文件' : undefined;
  const names = filing.issuers.map((i) => markText(i).replace(/文件$/, ''));
  const widest = Math.max(...names.map(textWidth)) + (suffix ? textWidth(suffix) + 1 : 0);
  const size = fit(wanted, widest);
  return { names, ...(suffix ? { suffix } : {}), size, height: size * (names.length + JOINT_GAP * (names.length - 1)) };
}

/** The size, made smaller (to a whole point) where `em` characters of it would not fit the line. */
const fit = (wanted: number, em: number) => Math.min(wanted, Math.floor(TYPE_WIDTH / Math.max(em, 1)));

/** 7.2.6: `签发人：` then the names, two a line; the 发文字号 shares the last line. */
export function signerLines(signers: string[]): string[][] {
  const lines: string[][] = [];
  for (let i = 0; i < signers.length; i += 2) lines.push(signers.slice(i, i + 2));
  return lines;
}

/** The 版头's vertical layout, in points from the type area's top edge. */
export interface HeadGeometry {
  /** 份号, 密级, 紧急程度: one body line each at the top left, in this order (7.2.1–7.2.3). */
  topLines: { kind: 'copyNumber' | 'secrecy' | 'urgency'; text: string }[];
  mark: Mark;
  markTop: number;
  /** The first line box of the 发文字号/签发人 block: two blank lines below the mark. */
  numberLinesTop: number;
  /** Lines in that block: the 签发人 lines, or one. */
  numberLines: number;
  /** The 发文字号's em box (on the last line of the block). */
  numberTop: number;
  numberBottom: number;
  /** The red line's top edge: 4 mm below the 发文字号. */
  ruleTop: number;
  /** The title's first line box: two blank lines below the red line, on the next line of the grid. */
  titleTop: number;
}

export function headGeometry(filing: FilingModel): HeadGeometry {
  const topLines: HeadGeometry['topLines'] = [];
  if (filing.copyNumber) topLines.push({ kind: 'copyNumber', text: filing.copyNumber });
  if (filing.secrecy) topLines.push({ kind: 'secrecy', text: filing.secrecy });
  if (filing.urgency) topLines.push({ kind: 'urgency', text: filing.urgency });
  const mark = documentMark(filing);
  const markTop = Math.max(MARK_TOP, topLines.length * PITCH);
  const numberLinesTop = markTop + mark.height + 2 * PITCH;
  const numberLines = Math.max(1, signerLines(filing.signers).length);
  const numberTop = numberLinesTop + (numberLines - 1) * PITCH + HALF_LEADING;
  const numberBottom = numberTop + BODY;
  const ruleTop = numberBottom + RULE_GAP;
  // Two blank lines below the rule, then the next line of the 22-line grid: the body stays on it.
  const titleTop = Math.ceil((ruleTop + RED_RULE + 2 * PITCH - 0.01) / PITCH) * PITCH;
  return { topLines, mark, markTop, numberLinesTop, numberLines, numberTop, numberBottom, ruleTop, titleTop };
}

/** The 版记's rows, top to bottom (7.4): 抄送 (when there are any), then 印发机关 and 印发日期. */
export interface TailRow {
  kind: 'copyTo' | 'printed';
  /** 抄送: `抄送：` and the names ending with 。; printed: the 印发机关. */
  text: string;
  /** 抄送: each name with the mark after it (，or 。), kept whole on a line where it fits. */
  names?: string[];
  /** printed: `2023年1月4日印发`, set on the right. */
  right?: string;
  /** Lines the row takes (a long 抄送 wraps under the first name). */
  lines: number;
}

export function tailRows(filing: FilingModel, chineseDate: (iso: string) => string): TailRow[] {
  const rows: TailRow[] = [];
  if (filing.copyTo.length) {
    const clean = filing.copyTo.map((n) => n.replace(/[。，；、.,;]+$/, ''));
    const names = clean.map((n, i) => `${n}${i === clean.length - 1 ? '。' : '，'}`);
    rows.push({ kind: 'copyTo', text: `抄送：${names.join('')}`, names, lines: copyToLines(names).length });
  }
  if (filing.printedBy || filing.printedDate) {
    rows.push({ kind: 'printed', text: filing.printedBy ?? '', ...(filing.printedDate ? { right: `${chineseDate(filing.printedDate)}印发` } : {}), lines: 1 });
  }
  return rows;
}

/**
 * The 抄送 line broken into the lines it takes: 4号 characters between the one-character spaces,
 * wrapped lines under the first name (after `抄送：`). A name (with its comma) moves whole to the
 * next line; only a name longer than a line is broken inside.
 */
export function copyToLines(names: string[]): string[] {
  const perLine = (TYPE_WIDTH - 2 * ONE_CHAR) / TAIL_SIZE;
  const lines: string[] = [];
  let line = '抄送：';
  let room = perLine;
  for (const name of names) {
    if (textWidth(line + name) <= room + 1e-9 || line === '' || line === '抄送：' && textWidth(name) > room - 3) {
      line += name;
    } else {
      lines.push(line);
      line = name;
      room = perLine - 3;
    }
    // A name longer than the line: broken at the line's end.
    while (textWidth(line) > room + 1e-9) {
      let n = 0;
      let w = 0;
      const chars = [...line];
      while (w + textWidth(chars[n]!) <= room + 1e-9) w += textWidth(chars[n++]!);
      // Keep a comma or the full stop off the next line's start.
      if (/[，。]/.test(chars[n] ?? '')) n--;
      lines.push(chars.slice(0, n).join(''));
      line = chars.slice(n).join('');
      room = perLine - 3;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** The 版记's height: its lines on the body's pitch (the rules lie on the lines' edges). */
export function tailHeight(rows: TailRow[]): number {
  return rows.reduce((h, r) => h + r.lines * PITCH, 0);
}

export const TYPE_AREA_PT = { width: TYPE_WIDTH, height: TYPE_HEIGHT, lines: LINES_PER_PAGE, chars: CHARS_PER_LINE } as const;

/**
 * Where the 版记 goes (7.4, 7.5): at the foot of the last page, which must be an even one, so that
 * it is the back of the last sheet. `endPage` is the page the document's text ends on and `free`
 * the height left below it on that page.
 * - an even page with room: at its foot, the page numbered as usual;
 * - an odd page: on the next page, alone, numbered (no blank page comes before it);
 * - an even page without room: a blank page, then the 版记 page; neither carries a number.
 */
export function tailPlacement(endPage: number, free: number, height: number): { page: number; blankBefore: boolean; numbered: boolean } {
  if (endPage % 2 === 0 && free >= height) return { page: endPage, blankBefore: false, numbered: true };
  if (endPage % 2 === 1) return { page: endPage + 1, blankBefore: false, numbered: true };
  return { page: endPage + 2, blankBefore: true, numbered: false };
}
