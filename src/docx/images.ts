import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Image, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { imagePath, isLocalImage } from '../markdown/image-url.ts';
import { resolveInside } from '../paths/project-path.ts';
import { TYPE_AREA } from './official-format.ts';

export { isLocalImage };

export type RasterType = 'png' | 'jpg' | 'gif' | 'bmp';

export interface LoadedImage {
  type: RasterType | 'svg';
  data: Buffer;
  /** For SVG: a PNG for word processors without SVG support. */
  fallback?: Buffer;
  /** Natural size in CSS pixels (96 to the inch). */
  width: number;
  height: number;
}

/** SVG charts also get a raster copy; at 300 dpi it prints as sharp as the type. */
const FALLBACK_DPI = 300;
/**
 * zlib's level for the raster copy: level 9 took some 50 ms a chart (most of a report's Word file)
 * for a file 7 % smaller than level 5, which takes 3–4 ms; the pixels are the same.
 */
const FALLBACK_PNG_LEVEL = 5;

/** Every local picture of a report, read once before the document is built. */
export async function loadReportImages(bodies: Root[], reportDir: string, projectRoot: string): Promise<Map<string, LoadedImage>> {
  const urls = new Set<string>();
  for (const body of bodies) {
    visit(body, 'image', (node: Image) => {
      if (isLocalImage(node.url)) urls.add(node.url);
    });
  }
  const images = new Map<string, LoadedImage>();
  for (const url of [...urls].sort()) images.set(url, await loadImage(url, reportDir, projectRoot));
  return images;
}

async function loadImage(url: string, reportDir: string, projectRoot: string): Promise<LoadedImage> {
  const inside = resolveInside(projectRoot, imagePath(url), reportDir);
  if (!inside.ok) throw new Error(`图片“${url}”在项目文件夹之外，不能放进 Word 文件。`);
  const file = inside.path;
  const shown = path.relative(projectRoot, file).split(path.sep).join('/');
  if (!existsSync(file)) throw new Error(`找不到图片文件 ${shown}（正文里写的是“${url}”）。`);
  const data = readFileSync(file);
  const raster = rasterSize(data);
  if (raster) return { ...raster, data };
  if (/\.svg$/i.test(file)) {
    const size = svgSize(data.toString('utf8'));
    if (!size) throw new Error(`图片 ${shown} 没有写明宽高（width、height 或 viewBox），无法排版。`);
    return { type: 'svg', data, fallback: await rasterizeSvg(data, size.width, shown), ...size };
  }
  throw new Error(`图片 ${shown} 的格式不受支持：Word 文件只能放 PNG、JPEG、GIF、BMP 或 SVG。`);
}

/** A 300 dpi PNG of an SVG `width` CSS pixels wide; its text is set in the faces fontconfig finds. */
export async function rasterizeSvg(data: Buffer, width: number, shown: string): Promise<Buffer> {
  let sharp: typeof import('sharp').default;
  try {
    sharp = (await import('sharp')).default;
  } catch {
    throw new Error(`SVG 图片 ${shown} 需要 sharp 生成备用 PNG，但 sharp 没有安装。`);
  }
  // librsvg reads SVG units at 72 to the inch.
  const density = (72 * FALLBACK_DPI) / 96;
  const png = await sharp(data, { density }).resize({ width: Math.round((width * FALLBACK_DPI) / 96) }).png({ compressionLevel: FALLBACK_PNG_LEVEL }).toBuffer();
  return png;
}

/** Size of a PNG, JPEG, GIF or BMP from its header, in pixels at the resolution it states (else 96 dpi). */
export function rasterSize(b: Buffer): { type: RasterType; width: number; height: number } | undefined {
  if (b.length > 24 && b.readUInt32BE(0) === 0x89504e47) {
    const w = b.readUInt32BE(16);
    const h = b.readUInt32BE(20);
    const dpi = pngDpi(b);
    return { type: 'png', width: (w * 96) / dpi, height: (h * 96) / dpi };
  }
  if (b.length > 10 && b.toString('latin1', 0, 3) === 'GIF') return { type: 'gif', width: b.readUInt16LE(6), height: b.readUInt16LE(8) };
  if (b.length > 26 && b.toString('latin1', 0, 2) === 'BM') return { type: 'bmp', width: b.readInt32LE(18), height: Math.abs(b.readInt32LE(22)) };
  if (b.length > 4 && b[0] === 0xff && b[1] === 0xd8) {
    let i = 2;
    while (i + 9 < b.length) {
      if (b[i] !== 0xff) return undefined;
      const marker = b[i + 1]!;
      const length = b.readUInt16BE(i + 2);
      // SOF0–SOF15 hold the frame size, except DHT (C4), JPG (C8) and DAC (CC).
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { type: 'jpg', width: b.readUInt16BE(i + 7), height: b.readUInt16BE(i + 5) };
      }
      i += 2 + length;
    }
  }
  return undefined;
}

function pngDpi(b: Buffer): number {
  let i = 8;
  while (i + 12 <= b.length) {
    const length = b.readUInt32BE(i);
    const type = b.toString('latin1', i + 4, i + 8);
    if (type === 'pHYs' && b[i + 16] === 1) return Math.max(1, Math.round(b.readUInt32BE(i + 8) * 0.0254));
    if (type === 'IDAT') break;
    i += 12 + length;
  }
  return 96;
}

const UNIT_PX: Record<string, number> = { '': 1, px: 1, pt: 96 / 72, pc: 16, mm: 96 / 25.4, cm: 96 / 2.54, in: 96 };

/** Size of an SVG from its root's width and height, else its viewBox. */
export function svgSize(svg: string): { width: number; height: number } | undefined {
  const root = /<svg\b[^>]*>/i.exec(svg)?.[0];
  if (!root) return undefined;
  const attr = (name: string) => new RegExp(`\\s${name}\\s*=\\s*["']([^"']*)["']`, 'i').exec(root)?.[1];
  const length = (v: string | undefined) => {
    const m = v ? /^\s*([\d.]+)\s*(px|pt|pc|mm|cm|in)?\s*$/i.exec(v) : null;
    return m ? Number(m[1]) * UNIT_PX[(m[2] ?? '').toLowerCase()]! : undefined;
  };
  const viewBox = attr('viewBox')?.trim().split(/[\s,]+/).map(Number);
  const vbW = viewBox?.length === 4 ? viewBox[2] : undefined;
  const vbH = viewBox?.length === 4 ? viewBox[3] : undefined;
  let width = length(attr('width'));
  let height = length(attr('height'));
  if (width === undefined && height === undefined && vbW && vbH) return { width: vbW, height: vbH };
  if (width !== undefined && height === undefined && vbW && vbH) height = (width * vbH) / vbW;
  if (height !== undefined && width === undefined && vbW && vbH) width = (height * vbW) / vbH;
  return width && height ? { width, height } : undefined;
}

/** Pixels (at 96 dpi) of the widest and tallest a picture may be: the type area's width, 60 % of its height. */
const MAX_WIDTH = (TYPE_AREA.width / 1440) * 96;
const MAX_HEIGHT = ((TYPE_AREA.height * 0.6) / 1440) * 96;

/** The size a picture is shown at: its natural size, shrunk to fit the type area. */
export function displaySize(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(1, MAX_WIDTH / width, MAX_HEIGHT / height);
  return { width: Math.round(width * scale), height: Math.round(height * scale) };
}
