/**
 * What a reader sees on the pages of a PDF, for tests: the text lines with their boxes (poppler's
 * `pdftotext -bbox-layout`), pictures per page (`pdfimages -list`) and the ink of a region
 * (`pdftoppm -gray`). Units are PDF points, y growing downwards.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { findAll, parseXml } from './ooxml.ts';

const run = promisify(execFile);

export interface PdfLine {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

export interface PdfPage {
  number: number;
  width: number;
  height: number;
  lines: PdfLine[];
  images: number;
}

export async function pdfPages(pdf: string): Promise<PdfPage[]> {
  const { stdout } = await run('pdftotext', ['-bbox-layout', pdf, '-'], { maxBuffer: 64 * 1024 * 1024 });
  const doc = parseXml(stdout.replace(/<!DOCTYPE[^>]*>/, ''));
  const images = await imagesPerPage(pdf);
  return findAll(doc, 'page').map((page, i) => ({
    number: i + 1,
    width: Number(page.attrs['width']),
    height: Number(page.attrs['height']),
    images: images.get(i + 1) ?? 0,
    lines: findAll(page, 'line').map((line) => ({
      text: findAll(line, 'word')
        .map((w) => w.children.map((c) => c.text ?? '').join(''))
        .join(' '),
      xMin: Number(line.attrs['xMin']),
      yMin: Number(line.attrs['yMin']),
      xMax: Number(line.attrs['xMax']),
      yMax: Number(line.attrs['yMax']),
    })),
  }));
}

async function imagesPerPage(pdf: string): Promise<Map<number, number>> {
  const { stdout } = await run('pdfimages', ['-list', pdf]);
  const counts = new Map<number, number>();
  for (const row of stdout.split('\n').slice(2)) {
    const page = Number(row.trim().split(/\s+/)[0]);
    if (page) counts.set(page, (counts.get(page) ?? 0) + 1);
  }
  return counts;
}

/** Rows (in points from the top of the page) of a region that hold dark ink, rendered at `dpi`. */
export async function inkRows(pdf: string, page: number, region: { x: number; y: number; width: number; height: number }, dpi = 300): Promise<number[]> {
  const px = (pt: number) => Math.round((pt * dpi) / 72);
  const { stdout } = await run(
    'pdftoppm',
    ['-gray', '-r', String(dpi), '-f', String(page), '-l', String(page), '-x', String(px(region.x)), '-y', String(px(region.y)), '-W', String(px(region.width)), '-H', String(px(region.height)), pdf],
    { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 },
  );
  // Binary PGM: "P5\n<w> <h>\n<max>\n" then one byte a pixel.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(stdout.subarray(0, 64).toString('latin1'))!;
  const [w, h] = [Number(header[1]), Number(header[2])];
  const pixels = stdout.subarray(header[0].length);
  const rows: number[] = [];
  for (let y = 0; y < h; y++) {
    let dark = 0;
    for (let x = 0; x < w; x++) if (pixels[y * w + x]! < 128) dark++;
    if (dark > 0) rows.push(region.y + (y * 72) / dpi);
  }
  return rows;
}

/** Han characters and full-width punctuation: what a line of the 28-character grid counts. */
export function isCjk(ch: string): boolean {
  return /[\p{Script=Han}\u3000-\u303f\uff00-\uffef\u2014\u2018\u2019\u201c\u201d\u2026\u00b7]/u.test(ch);
}

/**
 * Red ink in a region (points from the page's top-left), rendered in colour at `dpi`: the rows
 * holding red pixels, and the leftmost and rightmost red pixel. Red: a strong red channel, weak
 * green and blue (the official red of a 发文机关标志 or the line below the 发文字号).
 */
export async function redInk(pdf: string, page: number, region: { x: number; y: number; width: number; height: number }, dpi = 300): Promise<{ rows: number[]; xMin: number; xMax: number }> {
  const px = (pt: number) => Math.round((pt * dpi) / 72);
  const { stdout } = await run(
    'pdftoppm',
    ['-r', String(dpi), '-f', String(page), '-l', String(page), '-x', String(px(region.x)), '-y', String(px(region.y)), '-W', String(px(region.width)), '-H', String(px(region.height)), pdf],
    { encoding: 'buffer', maxBuffer: 128 * 1024 * 1024 },
  );
  // Binary PPM: "P6\n<w> <h>\n<max>\n" then three bytes a pixel.
  const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(stdout.subarray(0, 64).toString('latin1'))!;
  const [w, h] = [Number(header[1]), Number(header[2])];
  const pixels = stdout.subarray(header[0].length);
  const rows: number[] = [];
  let xMin = Infinity;
  let xMax = -Infinity;
  for (let y = 0; y < h; y++) {
    let red = false;
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 3;
      if (pixels[i]! > 180 && pixels[i + 1]! < 110 && pixels[i + 2]! < 110) {
        red = true;
        xMin = Math.min(xMin, x);
        xMax = Math.max(xMax, x);
      }
    }
    if (red) rows.push(region.y + (y * 72) / dpi);
  }
  return { rows, xMin: region.x + (xMin * 72) / dpi, xMax: region.x + ((xMax + 1) * 72) / dpi };
}

/** Runs of consecutive rows (gaps under `gap` points join), as [first, last] pairs. */
export function bands(rows: number[], gap = 0.6): [number, number][] {
  const out: [number, number][] = [];
  for (const r of rows) {
    const last = out[out.length - 1];
    if (last && r - last[1] < gap) last[1] = r;
    else out.push([r, r]);
  }
  return out;
}
