/**
 * What the printed PDF draws, as the OFD copy needs it: every glyph with its character, face, size,
 * colour and position, every filled or stroked path, every picture, and the outline. Read with
 * pdfjs-dist's operator list (the same pages a reader shows, after Chromium's layout), so the OFD
 * has the PDF's geometry exactly. Units are millimetres, from the page's top-left corner, y down,
 * as in OFD.
 */
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
import { loadPdfJs, withoutFontPrograms } from '../store/pdfjs.ts';

/** One glyph: its text (usually one character), the baseline origin and the face. */
export interface Glyph {
  text: string;
  x: number;
  y: number;
  /** The face's PostScript name as the PDF gives it, subset tag removed. */
  face: string;
  /** Em size in millimetres. */
  size: number;
  /** `r g b`, 0–255. */
  color: string;
}

export type PathCommand = ['M' | 'L', number, number] | ['C', number, number, number, number, number, number] | ['Z'];

export interface Shape {
  commands: PathCommand[];
  fill?: string;
  stroke?: string;
  lineWidth: number;
  evenOdd: boolean;
}

export interface Picture {
  /** Width × height pixels, RGBA. */
  width: number;
  height: number;
  rgba: Uint8Array;
  /** The picture's box on the page. */
  x: number;
  y: number;
  w: number;
  h: number;
}

export type Mark = { kind: 'glyph'; glyph: Glyph } | { kind: 'shape'; shape: Shape } | { kind: 'picture'; picture: Picture };

export interface DrawnPage {
  width: number;
  height: number;
  /** In drawing order (what is drawn later lies on top). */
  marks: Mark[];
  /** Glyphs drawn with no character behind them (no ToUnicode entry): not carried into the OFD as text. */
  unmapped: number;
}

export interface OutlineEntry {
  title: string;
  page: number;
  /** Distance of the target from the page's top edge, mm. */
  top: number;
  children: OutlineEntry[];
}

export interface Drawing {
  pages: DrawnPage[];
  outline: OutlineEntry[];
}

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

export const MM_PER_PT = 25.4 / 72;

/** `#rrggbb` (pdf.js's form) → `r g b`. */
const rgb = (hex: unknown): string => {
  const h = typeof hex === 'string' && /^#[0-9a-f]{6}$/i.test(hex) ? hex : '#000000';
  return [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16)).join(' ');
};

interface PdfGlyph {
  unicode: string;
  width: number;
  isSpace?: boolean;
}

interface FontInfo {
  name: string;
  matrix: Matrix;
}

interface GraphicState {
  ctm: Matrix;
  fill: string;
  stroke: string;
  lineWidth: number;
  fillAlpha: number;
  font?: FontInfo;
  fontSize: number;
  charSpacing: number;
  wordSpacing: number;
  hScale: number;
  rise: number;
  leading: number;
}

/**
 * Where pdf.js "loads" the PDF's fonts: a document whose font set takes them and does nothing.
 * Nothing is drawn here, only read. Without a font set (Node has none) pdf.js falls back to
 * drawing glyphs as paths, and outlines and hands over every glyph of every text run: about a
 * quarter of the time spent reading a report's PDF, for shapes never used.
 */
const FONTLESS_DOCUMENT = { fonts: { add() {}, delete() {} } };
class IdleFontFace {
  readonly loaded = Promise.resolve(this);
}

/** Reads every page and the outline of a PDF. */
export async function readDrawing(pdf: Uint8Array): Promise<Drawing> {
  const pdfjs = await loadPdfJs();
  // pdf.js makes the face with the global constructor, which only browsers have.
  (globalThis as { FontFace?: unknown }).FontFace ??= IdleFontFace;
  const task = pdfjs.getDocument({ data: withoutFontPrograms(pdf), verbosity: 0, fontExtraProperties: true, useSystemFonts: false, disableFontFace: false, ownerDocument: FONTLESS_DOCUMENT as unknown as Document });
  const doc = await task.promise;
  try {
    const pages: DrawnPage[] = [];
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      pages.push(await drawPage(page, pdfjs));
      page.cleanup();
    }
    return { pages, outline: await readOutline(doc, pages) };
  } finally {
    await task.destroy();
  }
}

async function drawPage(page: PDFPageProxy, pdfjs: PdfJs): Promise<DrawnPage> {
  const OPS = pdfjs.OPS as unknown as Record<string, number>;
  // `m` first, then `n` (PDF's row-vector order): pdf.js's product takes them the other way round.
  const multiply = (m: Matrix, n: Matrix): Matrix => pdfjs.Util.transform(n, m) as Matrix;
  const [vx0, vy0, vx1, vy1] = page.view as [number, number, number, number];
  // PDF space (points, y up) → OFD page space (mm, y down from the top-left corner).
  const toPage: Matrix = [MM_PER_PT, 0, 0, -MM_PER_PT, -vx0 * MM_PER_PT, vy1 * MM_PER_PT];
  const ops = await page.getOperatorList();
  const marks: Mark[] = [];
  let unmapped = 0;
  const fonts = new Map<string, FontInfo>();
  const fontOf = (id: string): FontInfo => {
    let info = fonts.get(id);
    if (!info) {
      const font = page.commonObjs.get(id) as { name?: string; fontMatrix?: number[] } | undefined;
      const matrix = font?.fontMatrix?.length === 6 ? (font.fontMatrix as Matrix) : ([0.001, 0, 0, 0.001, 0, 0] as Matrix);
      info = { name: (font?.name ?? id).replace(/^[A-Z]{6}\+/, ''), matrix };
      fonts.set(id, info);
    }
    return info;
  };
  let gs: GraphicState = { ctm: toPage, fill: '0 0 0', stroke: '0 0 0', lineWidth: 1, fillAlpha: 1, fontSize: 0, charSpacing: 0, wordSpacing: 0, hScale: 1, rise: 0, leading: 0 };
  const stack: GraphicState[] = [];
  let textMatrix: Matrix = IDENTITY;
  let lineMatrix: Matrix = IDENTITY;
  const moveText = (tx: number, ty: number) => {
    lineMatrix = multiply([1, 0, 0, 1, tx, ty], lineMatrix);
    textMatrix = lineMatrix;
  };
  const paint: Record<number, { fill?: boolean; stroke?: boolean; evenOdd?: boolean; close?: boolean }> = {
    [OPS.fill!]: { fill: true },
    [OPS.eoFill!]: { fill: true, evenOdd: true },
    [OPS.stroke!]: { stroke: true },
    [OPS.closeStroke!]: { stroke: true, close: true },
    [OPS.fillStroke!]: { fill: true, stroke: true },
    [OPS.eoFillStroke!]: { fill: true, stroke: true, evenOdd: true },
    [OPS.closeFillStroke!]: { fill: true, stroke: true, close: true },
    [OPS.closeEOFillStroke!]: { fill: true, stroke: true, evenOdd: true, close: true },
  };
  const showText = (items: (PdfGlyph | number | null)[]) => {
    const font = gs.font;
    if (!font) return;
    const horizontal = gs.fontSize * gs.hScale;
    for (const item of items) {
      if (item === null) continue;
      if (typeof item === 'number') {
        textMatrix = multiply([1, 0, 0, 1, (-item / 1000) * horizontal, 0], textMatrix);
        continue;
      }
      const m = multiply(textMatrix, gs.ctm);
      const [x, y] = apply(m, 0, gs.rise);
      // The em square's height on the page: the text matrix's vertical scale times the font size.
      const size = Math.hypot(m[2], m[3]) * gs.fontSize;
      // A glyph is text unless its character is white space. pdf.js's isSpace says only that the
      // code is 32, where PDF applies word spacing: in Chromium's Type 3 fonts code 32 is any glyph (革, say).
      if (item.unicode && item.unicode.trim() !== '') {
        marks.push({ kind: 'glyph', glyph: { text: item.unicode, x, y, face: font.name, size, color: gs.fill } });
      } else if (!item.unicode && item.width > 0) unmapped++;
      const advance = item.width * font.matrix[0] * gs.fontSize + gs.charSpacing + (item.isSpace ? gs.wordSpacing : 0);
      textMatrix = multiply([1, 0, 0, 1, advance * gs.hScale, 0], textMatrix);
    }
  };
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i]!;
    const args = ops.argsArray[i] as unknown[];
    switch (fn) {
      case OPS.save:
        stack.push({ ...gs });
        break;
      case OPS.restore:
        gs = stack.pop() ?? gs;
        break;
      case OPS.transform:
        gs.ctm = multiply(args as Matrix, gs.ctm);
        break;
      case OPS.paintFormXObjectBegin:
        stack.push({ ...gs });
        if (Array.isArray(args[0]) || ArrayBuffer.isView(args[0])) gs.ctm = multiply(Array.from(args[0] as ArrayLike<number>) as Matrix, gs.ctm);
        break;
      case OPS.paintFormXObjectEnd:
        gs = stack.pop() ?? gs;
        break;
      case OPS.setFillRGBColor:
        gs.fill = rgb(args[0]);
        break;
      case OPS.setStrokeRGBColor:
        gs.stroke = rgb(args[0]);
        break;
      case OPS.setLineWidth:
        gs.lineWidth = Number(args[0]);
        break;
      case OPS.setGState:
        for (const [key, value] of args[0] as [string, unknown][]) {
          if (key === 'LW') gs.lineWidth = Number(value);
          if (key === 'ca') gs.fillAlpha = Number(value);
        }
        break;
      case OPS.beginText:
        textMatrix = lineMatrix = IDENTITY;
        break;
      case OPS.setFont:
        gs.font = fontOf((args as [string, number])[0]);
        gs.fontSize = (args as [string, number])[1];
        break;
      case OPS.setTextMatrix:
        textMatrix = lineMatrix = Array.from(args[0] as ArrayLike<number>) as Matrix;
        break;
      case OPS.moveText:
        moveText(Number(args[0]), Number(args[1]));
        break;
      case OPS.setLeadingMoveText:
        gs.leading = -Number(args[1]);
        moveText(Number(args[0]), Number(args[1]));
        break;
      case OPS.setLeading:
        gs.leading = Number(args[0]);
        break;
      case OPS.nextLine:
        moveText(0, -gs.leading);
        break;
      case OPS.setCharSpacing:
        gs.charSpacing = Number(args[0]);
        break;
      case OPS.setWordSpacing:
        gs.wordSpacing = Number(args[0]);
        break;
      case OPS.setHScale:
        gs.hScale = Number(args[0]) / 100;
        break;
      case OPS.setTextRise:
        gs.rise = Number(args[0]);
        break;
      case OPS.showText:
      case OPS.showSpacedText:
        showText(args[0] as (PdfGlyph | number | null)[]);
        break;
      case OPS.nextLineShowText:
        moveText(0, -gs.leading);
        showText(args[0] as (PdfGlyph | number | null)[]);
        break;
      case OPS.nextLineSetSpacingShowText:
        gs.wordSpacing = Number(args[0]);
        gs.charSpacing = Number(args[1]);
        moveText(0, -gs.leading);
        showText(args[2] as (PdfGlyph | number | null)[]);
        break;
      case OPS.constructPath: {
        const how = paint[args[0] as number];
        if (!how || (how.fill && gs.fillAlpha === 0 && !how.stroke)) break;
        const data = (args[1] as ArrayLike<number>[] | undefined)?.[0];
        if (!data) break;
        const commands = pathCommands(data, gs.ctm);
        if (how.close) commands.push(['Z']);
        const scale = Math.sqrt(Math.abs(gs.ctm[0] * gs.ctm[3] - gs.ctm[1] * gs.ctm[2]));
        marks.push({
          kind: 'shape',
          shape: { commands, fill: how.fill ? gs.fill : undefined, stroke: how.stroke ? gs.stroke : undefined, lineWidth: gs.lineWidth * scale, evenOdd: how.evenOdd ?? false },
        });
        break;
      }
      case OPS.paintImageXObject:
      case OPS.paintInlineImageXObject: {
        const image = fn === OPS.paintInlineImageXObject ? args[0] : imageObject(page, args[0] as string);
        const picture = pictureOf(image, gs.ctm);
        if (picture) marks.push({ kind: 'picture', picture });
        else throw new Error(`第 ${page.pageNumber} 页有一张无法读取的图片，OFD 版不能缺少它`);
        break;
      }
      default:
        break;
    }
  }
  return { width: (vx1 - vx0) * MM_PER_PT, height: (vy1 - vy0) * MM_PER_PT, marks, unmapped };
}

/** pdf.js's compact path (DrawOPS codes followed by their points), in page space. */
function pathCommands(data: ArrayLike<number>, ctm: Matrix): PathCommand[] {
  const commands: PathCommand[] = [];
  let i = 0;
  const point = (): [number, number] => {
    const p = apply(ctm, data[i]!, data[i + 1]!);
    i += 2;
    return p;
  };
  let current: [number, number] = [0, 0];
  while (i < data.length) {
    const op = data[i++];
    if (op === 0) {
      // A move right after a move only moves the pen once.
      if (commands[commands.length - 1]?.[0] === 'M') commands.pop();
      commands.push(['M', ...(current = point())]);
    }
    else if (op === 1) commands.push(['L', ...(current = point())]);
    else if (op === 2) {
      const a = point();
      const b = point();
      commands.push(['C', ...a, ...b, ...(current = point())]);
    } else if (op === 3) {
      // A quadratic curve, raised to the cubic OFD draws.
      const c = point();
      const end = point();
      const a: [number, number] = [current[0] + ((c[0] - current[0]) * 2) / 3, current[1] + ((c[1] - current[1]) * 2) / 3];
      const b: [number, number] = [end[0] + ((c[0] - end[0]) * 2) / 3, end[1] + ((c[1] - end[1]) * 2) / 3];
      commands.push(['C', ...a, ...b, ...(current = end)]);
    } else if (op === 4) commands.push(['Z']);
    else throw new Error(`PDF 路径中有未知的绘图指令 ${op}`);
  }
  return commands;
}

function imageObject(page: PDFPageProxy, id: string): unknown {
  try {
    return id.startsWith('g_') ? page.commonObjs.get(id) : page.objs.get(id);
  } catch {
    return undefined;
  }
}

/** pdf.js's decoded image (RGB, RGBA or 1-bit grey) as RGBA, placed by the unit square under `ctm`. */
function pictureOf(image: unknown, ctm: Matrix): Picture | undefined {
  const img = image as { width?: number; height?: number; data?: Uint8Array | Uint8ClampedArray; kind?: number } | undefined;
  if (!img?.width || !img.height || !img.data) return undefined;
  const { width, height, data } = img;
  const rgba = new Uint8Array(width * height * 4);
  if (img.kind === 3 /* RGBA_32BPP */) rgba.set(data.subarray(0, rgba.length));
  else if (img.kind === 2 /* RGB_24BPP */) {
    for (let p = 0; p < width * height; p++) {
      rgba[p * 4] = data[p * 3]!;
      rgba[p * 4 + 1] = data[p * 3 + 1]!;
      rgba[p * 4 + 2] = data[p * 3 + 2]!;
      rgba[p * 4 + 3] = 255;
    }
  } else if (img.kind === 1 /* GRAYSCALE_1BPP */) {
    const rowBytes = (width + 7) >> 3;
    for (let yy = 0; yy < height; yy++) {
      for (let xx = 0; xx < width; xx++) {
        const v = (data[yy * rowBytes + (xx >> 3)]! >> (7 - (xx & 7))) & 1 ? 255 : 0;
        rgba.set([v, v, v, 255], (yy * width + xx) * 4);
      }
    }
  } else return undefined;
  // An image fills the unit square of its space; it is drawn upright only.
  const corners = [apply(ctm, 0, 0), apply(ctm, 1, 0), apply(ctm, 0, 1), apply(ctm, 1, 1)];
  const xs = corners.map((c) => c[0]);
  const ys = corners.map((c) => c[1]);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { width, height, rgba, x, y, w: Math.max(...xs) - x, h: Math.max(...ys) - y };
}

async function readOutline(doc: PDFDocumentProxy, pages: DrawnPage[]): Promise<OutlineEntry[]> {
  const outline = await doc.getOutline();
  const entry = async (item: { title: string; dest: string | unknown[] | null; items: unknown[] }): Promise<OutlineEntry | undefined> => {
    const dest = typeof item.dest === 'string' ? await doc.getDestination(item.dest) : item.dest;
    const children = (await Promise.all((item.items as (typeof item)[]).map(entry))).filter((e): e is OutlineEntry => e !== undefined);
    if (!Array.isArray(dest) || !dest[0]) return undefined;
    const index = typeof dest[0] === 'number' ? dest[0] : await doc.getPageIndex(dest[0] as { num: number; gen: number });
    const page = pages[index];
    if (!page) return undefined;
    const kind = (dest[1] as { name?: string } | undefined)?.name;
    const topPt = kind === 'XYZ' || kind === 'FitH' || kind === 'FitBH' ? Number(kind === 'XYZ' ? dest[3] : dest[2]) : NaN;
    const top = Number.isFinite(topPt) ? Math.max(0, page.height - topPt * MM_PER_PT) : 0;
    return { title: item.title, page: index, top, children };
  };
  return (await Promise.all((outline ?? []).map(entry))).filter((e): e is OutlineEntry => e !== undefined);
}
