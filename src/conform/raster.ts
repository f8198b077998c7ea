/**
 * Pages rendered to pixels with poppler's pdftoppm, for what only the ink tells: where the top of a
 * page number's dash is, where red text starts. Coordinates are PDF points from the page's top-left.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Raster {
  page: number;
  /** Points of the page at the raster's top-left pixel. */
  originX: number;
  originY: number;
  dpi: number;
  width: number;
  height: number;
  channels: 1 | 3;
  data: Buffer;
}

export interface RenderOptions {
  dpi: number;
  gray?: boolean;
  first?: number;
  last?: number;
  /** A region of every page, in points. */
  crop?: { x: number; y: number; width: number; height: number };
}

/** Renders pages of `pdf`; an empty list when poppler is missing or fails. */
export async function renderPages(pdf: string, o: RenderOptions): Promise<Raster[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-raster-'));
  const px = (pt: number) => Math.round((pt * o.dpi) / 72);
  const args = ['-r', String(o.dpi)];
  if (o.gray) args.push('-gray');
  if (o.first) args.push('-f', String(o.first));
  if (o.last) args.push('-l', String(o.last));
  if (o.crop) args.push('-x', String(px(o.crop.x)), '-y', String(px(o.crop.y)), '-W', String(px(o.crop.width)), '-H', String(px(o.crop.height)));
  try {
    await run('pdftoppm', [...args, pdf, path.join(dir, 'p')], { timeout: 120_000 });
    return readdirSync(dir)
      .filter((f) => /^p-\d+\.p[gp]m$/.test(f))
      .map((f) => {
        const buf = readFileSync(path.join(dir, f));
        const header = /^P([56])\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(buf.subarray(0, 64).toString('latin1'))!;
        return {
          page: Number(/-(\d+)\./.exec(f)![1]),
          originX: o.crop?.x ?? 0,
          originY: o.crop?.y ?? 0,
          dpi: o.dpi,
          width: Number(header[2]),
          height: Number(header[3]),
          channels: header[1] === '5' ? 1 : 3,
          data: buf.subarray(header[0].length),
        } as Raster;
      })
      .sort((a, b) => a.page - b.page);
  } catch {
    return [];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The top of the first pixel row, in points, where `test` holds for a pixel within [x0, x1] points. */
export function firstRow(r: Raster, x0: number, x1: number, test: (rgb: [number, number, number]) => boolean, fromY = r.originY, toY = Infinity): number | undefined {
  const toPx = (pt: number, origin: number) => Math.round(((pt - origin) * r.dpi) / 72);
  const c0 = Math.max(0, toPx(x0, r.originX));
  const c1 = Math.min(r.width - 1, toPx(x1, r.originX));
  const r0 = Math.max(0, toPx(fromY, r.originY));
  const r1 = Math.min(r.height - 1, toPx(toY, r.originY));
  for (let y = r0; y <= r1; y++) {
    for (let x = c0; x <= c1; x++) if (test(pixel(r, x, y))) return r.originY + (y * 72) / r.dpi;
  }
  return undefined;
}

export function pixel(r: Raster, x: number, y: number): [number, number, number] {
  const i = (y * r.width + x) * r.channels;
  if (r.channels === 1) {
    const v = r.data[i]!;
    return [v, v, v];
  }
  return [r.data[i]!, r.data[i + 1]!, r.data[i + 2]!];
}

export const isInk = ([r, g, b]: [number, number, number]) => r + g + b < 3 * 160;
export const isRed = ([r, g, b]: [number, number, number]) => r > 150 && g < 110 && b < 110;

/** Rows (as point ranges) where red pixels run across at least `minWidth` points: red rules. */
export function redBands(r: Raster, minWidth: number): { y0: number; y1: number; x0: number; x1: number }[] {
  const bands: { y0: number; y1: number; x0: number; x1: number }[] = [];
  const toPt = (px: number, origin: number) => origin + (px * 72) / r.dpi;
  for (let y = 0; y < r.height; y++) {
    let count = 0;
    let first = -1;
    let last = -1;
    for (let x = 0; x < r.width; x++) {
      if (isRed(pixel(r, x, y))) {
        count++;
        if (first < 0) first = x;
        last = x;
      }
    }
    if (count * (72 / r.dpi) < minWidth || (last - first + 1) > count * 1.2) continue;
    const band = bands[bands.length - 1];
    const y0 = toPt(y, r.originY);
    if (band && y0 - band.y1 < 1.5) {
      band.y1 = toPt(y + 1, r.originY);
      band.x0 = Math.min(band.x0, toPt(first, r.originX));
      band.x1 = Math.max(band.x1, toPt(last + 1, r.originX));
    } else bands.push({ y0, y1: toPt(y + 1, r.originY), x0: toPt(first, r.originX), x1: toPt(last + 1, r.originX) });
  }
  return bands;
}
