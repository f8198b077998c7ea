/**
 * The charts in the printed PDFs (shared build of the two 辰溪 samples): drawn as vector paths
 * within the type area with no picture on their page, their words and their caption 图N as text,
 * the caption centred below the bars; the filing copy has them too.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readPdf, type PdfLayout, type PdfPage } from '../../src/conform/pdf-read.ts';
import { PAGE } from '../../src/pdf/print-layout.ts';
import { sharedBuild } from '../helpers/shared-builds.ts';

let out: string;
beforeAll(async () => {
  out = (await sharedBuild('ndbg')).dist;
});

const pdf = (name: string): Promise<PdfLayout> => readPdf(path.join(out, 'downloads', name));

/** The page with the caption, the caption's line, and the chart's bars: the grey fills above it. */
function chartOn(layout: PdfLayout, caption: string) {
  const page = layout.pages.find((p) => p.lines.some((l) => l.text.replace(/\s/g, '') === caption.replace(/\s/g, ''))) as PdfPage;
  expect(page, `找不到图题“${caption}”`).toBeDefined();
  const line = page.lines.find((l) => l.text.replace(/\s/g, '') === caption.replace(/\s/g, ''))!;
  const bars = page.shapes.filter((s) => s.color === '#404040' && !s.stroke);
  const tracks = page.shapes.filter((s) => s.color === '#e6e6e6' && !s.stroke);
  return { page, line, bars, tracks };
}

describe('charts in the printed PDF', () => {
  it('draws the breakdown of 办理结果 as vector bars inside the type area, without a picture, captioned 图1 below', async () => {
    const { page, line, bars, tracks } = chartOn(await pdf('chenxi-sifaju-2022-xinxi-gongkai.pdf'), '图1　本年度办理结果的构成');
    expect(page.images).toBe(0);
    expect(bars).toHaveLength(12);
    expect(tracks).toHaveLength(12);
    const left = PAGE.left;
    const right = PAGE.width - PAGE.right;
    for (const s of [...bars, ...tracks]) {
      expect(s.x0).toBeGreaterThanOrEqual(left - 0.5);
      expect(s.x1).toBeLessThanOrEqual(right + 0.5);
      expect(s.y1).toBeLessThan(line.baseline);
    }
    // The largest part, 予以公开 23 of 43, is 23/43 of its track.
    const widest = bars.reduce((a, b) => (b.x1 - b.x0 > a.x1 - a.x0 ? b : a));
    expect((widest.x1 - widest.x0) / (tracks[0]!.x1 - tracks[0]!.x0)).toBeCloseTo(23 / 43, 2);
    // Caption: 黑体, centred on the type area, right below the chart (the last label wraps to three lines under its bar).
    expect(line.face.kind).toBe('heiti');
    expect((line.x + line.xEnd) / 2).toBeCloseTo((left + right) / 2, 0);
    expect(line.baseline - Math.max(...bars.map((b) => b.y1))).toBeLessThan(3 * 28.95);
    // The words of the chart are text on the same page: labels, values and shares.
    const text = page.lines.map((l) => l.text.replace(/\s/g, '')).join('\n');
    expect(text).toContain('予以公开');
    expect(text).toContain('23件（占53.5%）');
    expect(text).toContain('无法提供：本机关不掌握相关政府信息'.slice(0, 8));
  });

  it('numbers the two charts of 法治政府建设 图1 and 图2, in the public and the filing copy', async () => {
    for (const name of ['chenxi-2022-fazhi-zhengfu.pdf', 'chenxi-2022-fazhi-zhengfu-beian.pdf']) {
      const layout = await pdf(name);
      const first = chartOn(layout, '图1　人民调解员：专职人民调解员、兼职人民调解员');
      const second = chartOn(layout, '图2　人民调解员：乡镇人民调解员、村社区人民调解员、专业性行业性调解员');
      expect(first.page.images + second.page.images).toBe(0);
      expect(first.bars.length + (first.page === second.page ? 0 : second.bars.length)).toBe(5);
      expect(first.page.lines.some((l) => l.text.replace(/\s/g, '') === '392人（占37.2%）')).toBe(true);
    }
  });
});
