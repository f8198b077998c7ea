/**
 * The charts in the Word files of the shared build of the two 辰溪 samples: each an SVG picture
 * with its PNG fallback and its caption 图N below; LibreOffice (one soffice run for both files)
 * shows the picture on the page with the caption.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { readPdf } from '../../src/conform/pdf-read.ts';
import { renderReportDocx } from '../../src/docx/render.ts';
import { sharedBuild } from '../helpers/shared-builds.ts';
import { twoSampleModel } from '../web/sample-model.ts';
import { docxsToPdf } from './libreoffice.ts';
import { findAll, openDocx, styleOf, textOf, type Docx } from './ooxml.ts';

const XINXI = 'chenxi-sifaju-2022-xinxi-gongkai';
const FAZHI = 'chenxi-2022-fazhi-zhengfu';
let downloads: string;
beforeAll(async () => {
  downloads = path.join((await sharedBuild('ndbg')).dist, 'downloads');
});

/** Each chart: its caption, and the SVG and PNG parts its picture points at. */
async function charts(docx: Docx): Promise<{ caption: string; svg: string; png: string; name: string }[]> {
  const doc = await docx.xml('word/document.xml');
  const rels = await docx.xml('word/_rels/document.xml.rels');
  const target = (id: string) => `word/${findAll(rels, 'Relationship').find((r) => r.attrs.Id === id)!.attrs.Target}`;
  const paragraphs = findAll(doc, 'w:p');
  return paragraphs.flatMap((p, i) => {
    const caption = textOf(p);
    if (styleOf(p) !== 'Caption' || !caption.startsWith('图')) return [];
    const picture = paragraphs[i - 1]!;
    return [
      {
        caption,
        png: target(findAll(picture, 'a:blip')[0]!.attrs['r:embed']!),
        svg: target(findAll(picture, 'asvg:svgBlip')[0]!.attrs['r:embed']!),
        name: findAll(picture, 'wp:docPr')[0]!.attrs.name!,
      },
    ];
  });
}

describe('charts in the Word file', () => {
  it('leaves them out when site.yaml says docx.charts: false', async () => {
    const model = twoSampleModel();
    const report = model.reports.find((r) => r.slug === XINXI)!;
    const on = await openDocx(await renderReportDocx(report, { root: model.root, settings: model.site.docx }));
    const off = await openDocx(await renderReportDocx(report, { root: model.root, settings: { ...model.site.docx, charts: false } }));
    expect(await charts(on)).toHaveLength(1);
    expect(await charts(off)).toEqual([]);
  });

  it('embeds each chart as SVG with a 300 dpi PNG fallback, captioned 图N in 黑体 below', async () => {
    const docx = await openDocx(readFileSync(path.join(downloads, `${XINXI}.docx`)));
    const [chart, ...rest] = await charts(docx);
    expect(rest).toEqual([]);
    expect(chart!.caption).toBe('图1\u3000本年度办理结果的构成');
    expect(chart!.name).toBe('图1');
    const svg = await docx.text(chart!.svg);
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).toMatch(/^<svg[^>]* width="442\.2\d?pt"/);
    expect(svg).toContain('font-family="仿宋_GB2312, ');
    expect(svg).toContain('>23件（占53.5%）</text>');
    const png = await docx.bytes(chart!.png);
    expect(png.readUInt32BE(0)).toBe(0x89504e47);
    // 156 mm at 300 dpi, to the pixel.
    expect(Math.abs(png.readUInt32BE(16) - (156 / 25.4) * 300)).toBeLessThanOrEqual(1);
    const doc = await docx.text('word/document.xml');
    const caption = /<w:p>(?:(?!<\/w:p>).)*图1　本年度办理结果的构成(?:(?!<\/w:p>).)*<\/w:p>/.exec(doc)![0];
    expect(caption).toContain('w:eastAsia="黑体"');

    const fazhi = await charts(await openDocx(readFileSync(path.join(downloads, `${FAZHI}.docx`))));
    expect(fazhi.map((c) => c.caption)).toEqual(['图1\u3000人民调解员：专职人民调解员、兼职人民调解员', '图2\u3000人民调解员：乡镇人民调解员、村社区人民调解员、专业性行业性调解员']);
    expect(new Set(fazhi.map((c) => c.svg)).size).toBe(2);
  });

  it('LibreOffice shows the picture on the page of its caption', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-charts-lo-'));
    const { pdfs } = await docxsToPdf([XINXI, FAZHI].map((s) => path.join(downloads, `${s}.docx`)), dir);
    const expected = [['图1本年度办理结果的构成'], ['图1人民调解员：专职人民调解员、兼职人民调解员', '图2人民调解员：乡镇人民调解员、村社区人民调解员、专业性行业性调解员']];
    for (const [i, file] of pdfs.entries()) {
      const layout = await readPdf(file);
      for (const caption of expected[i]!) {
        const page = layout.pages.find((p) => p.lines.some((l) => l.text.replace(/\s/g, '') === caption));
        expect(page, caption).toBeDefined();
        expect(page!.images).toBeGreaterThan(0);
      }
    }
  }, 180_000);
});
