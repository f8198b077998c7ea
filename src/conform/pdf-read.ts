/**
 * A printed page as a checker sees it: the text lines with their positions, sizes and embedded
 * faces (pdfjs-dist), and the rules and boxes drawn on it (the operator list's paths, with the
 * transformation in force). Units are PDF points; `y` grows downwards from the top edge of the page,
 * so distances read as a ruler on paper would.
 */
import { readFileSync } from 'node:fs';
import { classifyFace, type FaceInfo } from './faces.ts';
import { loadPdfJs } from '../store/pdfjs.ts';

export interface Run {
  text: string;
  x: number;
  xEnd: number;
  /** Baseline, from the page's top edge. */
  baseline: number;
  size: number;
  face: FaceInfo;
}

export interface Line {
  page: number;
  text: string;
  x: number;
  xEnd: number;
  baseline: number;
  /** Size of the line's Chinese text (of its longest run when it has none). */
  size: number;
  /** The face of the line's Chinese text (its longest run of it). */
  face: FaceInfo;
  runs: Run[];
}

export interface Shape {
  page: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** `#rrggbb` of the fill or stroke. */
  color: string;
  stroke: boolean;
  lineWidth: number;
}

export interface PdfPage {
  number: number;
  width: number;
  height: number;
  lines: Line[];
  shapes: Shape[];
  images: number;
}

export interface PdfLayout {
  pages: PdfPage[];
  /** Every face the file embeds or names, once. */
  faces: { face: FaceInfo; embedded: boolean; type: string }[];
}

export class UnreadableFile extends Error {}

interface TextItem {
  str: string;
  transform: number[];
  width: number;
  fontName: string;
}

type Matrix = [number, number, number, number, number, number];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];
const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

const HAN = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;

/** Reads a PDF's pages; throws `UnreadableFile` with a Chinese message when it cannot. */
export async function readPdf(file: string): Promise<PdfLayout> {
  const pdfjs = await loadPdfJs();
  const { OPS } = pdfjs;
  let doc;
  const task = pdfjs.getDocument({ data: new Uint8Array(readFileSync(file)), verbosity: 0, fontExtraProperties: true, useSystemFonts: false });
  try {
    doc = await task.promise;
  } catch (e) {
    const message = (e as Error).name === 'PasswordException' ? '文件有密码保护' : `不是有效的 PDF 文件（${(e as Error).message}）`;
    throw new UnreadableFile(message);
  }
  const faces = new Map<string, { face: FaceInfo; embedded: boolean; type: string }>();
  const pages: PdfPage[] = [];
  try {
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const [vx0, vy0, vx1, vy1] = page.view as [number, number, number, number];
      const width = vx1 - vx0;
      const height = vy1 - vy0;
      const ops = await page.getOperatorList();
      const content = await page.getTextContent();
      // Faces by pdfjs' loaded name: the name the file gives each font.
      const faceOf = new Map<string, FaceInfo>();
      for (let i = 0; i < ops.fnArray.length; i++) {
        if (ops.fnArray[i] !== OPS.setFont) continue;
        const id = (ops.argsArray[i] as [string])[0];
        if (faceOf.has(id)) continue;
        let font: { name?: string; missingFile?: boolean; isType3Font?: boolean; type?: string; subtype?: string } | undefined;
        try {
          font = page.commonObjs.get(id) as typeof font;
        } catch {
          font = undefined;
        }
        const face = classifyFace(font?.name ?? id);
        faceOf.set(id, face);
        if (!faces.has(face.name)) faces.set(face.name, { face, embedded: !font?.missingFile, type: font?.isType3Font ? 'Type 3' : (font?.subtype ?? font?.type ?? '') });
      }
      const runs: Run[] = [];
      for (const item of content.items as TextItem[]) {
        if (!('str' in item) || item.str.trim() === '') continue;
        const [a, b, c, d, e, f] = item.transform as Matrix;
        // Horizontal text only: vertical writing is not part of the format.
        if (Math.abs(b) > 0.01 || Math.abs(c) > 0.01) continue;
        const size = Math.abs(d) || Math.abs(a);
        const x = e - vx0;
        runs.push({ text: item.str, x, xEnd: x + item.width, baseline: vy1 - f, size, face: faceOf.get(item.fontName) ?? classifyFace(item.fontName) });
      }
      pages.push({ number: p, width, height, lines: groupLines(runs, p), shapes: shapesOf(ops, OPS, p, vx0, vy1), images: countImages(ops, OPS) });
      page.cleanup();
    }
  } finally {
    await task.destroy();
  }
  return { pages, faces: [...faces.values()] };
}

/** Runs on one baseline joined into lines; columns far apart (table cells) stay separate lines. */
function groupLines(runs: Run[], page: number): Line[] {
  const rows: Run[][] = [];
  for (const r of [...runs].sort((p, q) => p.baseline - q.baseline || p.x - q.x)) {
    const row = rows.find((l) => Math.abs(l[0]!.baseline - r.baseline) < Math.min(l[0]!.size, r.size) * 0.3);
    if (row) row.push(r);
    else rows.push([r]);
  }
  const lines: Line[] = [];
  for (const row of rows) {
    row.sort((p, q) => p.x - q.x);
    let current: Run[] = [];
    const flush = () => {
      if (current.length) lines.push(makeLine(current, page));
      current = [];
    };
    for (const r of row) {
      const last = current[current.length - 1];
      if (last && r.x - last.xEnd > Math.max(r.size, last.size) * 1.6) flush();
      current.push(r);
    }
    flush();
  }
  return lines.sort((p, q) => p.baseline - q.baseline || p.x - q.x);
}

function makeLine(runs: Run[], page: number): Line {
  const han = runs.filter((r) => HAN.test(r.text));
  const main = (han.length ? han : runs).reduce((m, r) => (r.text.length > m.text.length ? r : m));
  let text = '';
  runs.forEach((r, i) => {
    const prev = runs[i - 1];
    // Latin words set apart by a space in the source come as runs with a gap: keep one space.
    if (prev && r.x - prev.xEnd > r.size * 0.2 && !(HAN.test(prev.text.slice(-1)) && HAN.test(r.text[0]!))) text += ' ';
    text += r.text;
  });
  const baselines = runs.map((r) => r.baseline).sort((p, q) => p - q);
  return {
    page,
    text,
    x: runs[0]!.x,
    xEnd: Math.max(...runs.map((r) => r.xEnd)),
    baseline: main.baseline ?? baselines[Math.floor(baselines.length / 2)]!,
    size: main.size,
    face: main.face,
    runs,
  };
}

const hex = (v: unknown): string => {
  if (typeof v === 'string' && v.startsWith('#')) return v.toLowerCase();
  return '#000000';
};

/** Filled and stroked paths (not clipping paths), as boxes on the page. */
function shapesOf(ops: { fnArray: number[]; argsArray: unknown[] }, OPS: Record<string, number>, page: number, vx0: number, vy1: number): Shape[] {
  const shapes: Shape[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  let fill = '#000000';
  let stroke = '#000000';
  let lineWidth = 1;
  const stack: { ctm: Matrix; fill: string; stroke: string; lineWidth: number }[] = [];
  const paint = new Map<number, 'fill' | 'stroke' | 'both'>([
    [OPS.fill!, 'fill'],
    [OPS.eoFill!, 'fill'],
    [OPS.stroke!, 'stroke'],
    [OPS.closeStroke!, 'stroke'],
    [OPS.fillStroke!, 'both'],
    [OPS.eoFillStroke!, 'both'],
    [OPS.closeFillStroke!, 'both'],
    [OPS.closeEOFillStroke!, 'both'],
  ]);
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i]!;
    const args = ops.argsArray[i] as unknown[];
    if (fn === OPS.save) stack.push({ ctm, fill, stroke, lineWidth });
    else if (fn === OPS.restore) ({ ctm, fill, stroke, lineWidth } = stack.pop() ?? { ctm, fill, stroke, lineWidth });
    else if (fn === OPS.transform) ctm = multiply(args as Matrix, ctm);
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push({ ctm, fill, stroke, lineWidth });
      if (Array.isArray(args[0]) && args[0].length === 6) ctm = multiply(args[0] as Matrix, ctm);
    } else if (fn === OPS.paintFormXObjectEnd) ({ ctm, fill, stroke, lineWidth } = stack.pop() ?? { ctm, fill, stroke, lineWidth });
    else if (fn === OPS.setFillRGBColor) fill = hex(args[0]);
    else if (fn === OPS.setStrokeRGBColor) stroke = hex(args[0]);
    else if (fn === OPS.setLineWidth) lineWidth = Number(args[0]);
    else if (fn === OPS.constructPath) {
      const how = paint.get(args[0] as number);
      const box = args[2] as ArrayLike<number> | undefined;
      if (!how || !box || box.length < 4 || !Number.isFinite(box[0]!)) continue;
      const corners = [apply(ctm, box[0]!, box[1]!), apply(ctm, box[2]!, box[3]!), apply(ctm, box[0]!, box[3]!), apply(ctm, box[2]!, box[1]!)];
      const xs = corners.map((c) => c[0] - vx0);
      const ys = corners.map((c) => vy1 - c[1]);
      const scale = Math.hypot(ctm[0], ctm[1]) || 1;
      const isStroke = how !== 'fill';
      const half = isStroke ? (lineWidth * scale) / 2 : 0;
      shapes.push({
        page,
        x0: Math.min(...xs) - half,
        x1: Math.max(...xs) + half,
        y0: Math.min(...ys) - half,
        y1: Math.max(...ys) + half,
        color: isStroke ? stroke : fill,
        stroke: isStroke,
        lineWidth: lineWidth * scale,
      });
    }
  }
  return shapes;
}

function countImages(ops: { fnArray: number[] }, OPS: Record<string, number>): number {
  const kinds = new Set([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject]);
  return ops.fnArray.filter((f) => kinds.has(f)).length;
}
