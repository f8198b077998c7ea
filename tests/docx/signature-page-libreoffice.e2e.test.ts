/**
 * The signature never stands alone on a page in the Word file either (GB/T 9704-2012 7.3.5.5): the
 * body's last paragraph is kept with the closing (keep-with-next), which is all a DOCX can say; the
 * word processor decides the page breaks. Measured on LibreOffice's rendering of the project whose
 * body ends at a page foot (tests/pdf/signature-project.ts, five lines longer in the sealed 信息公开
 * report, as LibreOffice sets its tables), beside the same file with that one
 * keep-with-next taken out, where the signature goes over alone (one soffice run for all).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/index.ts';
import { renderReportDocx } from '../../src/docx/render.ts';
import { LAST_BODY_TEXT, signatureProject } from '../pdf/signature-project.ts';
import { docxsToPdf } from './libreoffice.ts';
import { openDocx } from './ooxml.ts';
import { pdfPages, type PdfPage } from './pdf-layout.ts';

const temp = mkdtempSync(path.join(tmpdir(), 'nianbao-signature-lo-'));
const squeeze = (s: string) => s.replace(/[\s\u3000]+/g, '');
const CASES = [
  { name: 'fz-2022', slug: 'fz-2022', form: 'public', signature: '测试县人民政府', date: '2023年1月4日' },
  { name: 'xx-2022-beian', slug: 'xx-2022', form: 'filing', signature: '辰溪县司法局', date: '2023年1月18日' },
] as const;

const rendered = new Map<string, { xml: string; kept: PdfPage[]; loose: PdfPage[] }>();

/** The same file with the body's last paragraph no longer kept with the closing. */
async function withoutKeep(docx: Buffer, last: string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(docx);
  const xml = await zip.file('word/document.xml')!.async('string');
  const end = xml.lastIndexOf(last);
  const start = xml.lastIndexOf('<w:p>', end);
  const loose = xml.slice(0, start) + xml.slice(start, end).replace('<w:keepNext/>', '') + xml.slice(end);
  zip.file('word/document.xml', loose);
  return zip.generateAsync({ type: 'nodebuffer' });
}

beforeAll(async () => {
  const loaded = loadContent(signatureProject({ extraLines: 5 }));
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join('\n'));
  const files: string[] = [];
  const xmls: string[] = [];
  for (const c of CASES) {
    const report = loaded.model.reports.find((r) => r.slug === c.slug)!;
    const docx = await renderReportDocx(report, { root: loaded.model.root, form: c.form, settings: loaded.model.site.docx });
    xmls.push(await (await openDocx(docx)).text('word/document.xml'));
    for (const [suffix, bytes] of [['kept', docx], ['loose', await withoutKeep(docx, LAST_BODY_TEXT[c.slug].slice(-6))]] as const) {
      const file = path.join(temp, `${c.name}-${suffix}.docx`);
      writeFileSync(file, bytes);
      files.push(file);
    }
  }
  const { pdfs } = await docxsToPdf(files, path.join(temp, 'pdf'));
  for (const [i, c] of CASES.entries()) rendered.set(c.name, { xml: xmls[i]!, kept: await pdfPages(pdfs[2 * i]!), loose: await pdfPages(pdfs[2 * i + 1]!) });
});

/** The lines above the 署名 on its page (page numbers are below it). */
function aboveSignature(pages: PdfPage[], signature: string, date: string): { page: number; above: string[] } {
  for (const page of pages) {
    const lines = page.lines.map((l) => squeeze(l.text));
    const at = lines.findIndex((t, i) => t === signature && lines.slice(i + 1, i + 4).includes(date));
    if (at >= 0) return { page: page.number, above: lines.slice(0, at) };
  }
  throw new Error(`${signature} not found`);
}

describe.each(CASES.map((c) => [c.name, c] as const))('%s.docx in LibreOffice', (_name, c) => {
  it('keeps the body’s last paragraph with the closing, and no marker is left in the file', () => {
    const { xml } = rendered.get(c.name)!;
    expect(xml).not.toContain('NbClosingMark');
    const end = xml.lastIndexOf(LAST_BODY_TEXT[c.slug].slice(-6));
    const paragraph = xml.slice(xml.lastIndexOf('<w:p>', end), end);
    expect(paragraph).toContain('<w:keepNext/>');
  });

  it('prints body text on the 署名 page, where without the keep the 署名 would stand alone', () => {
    const { kept, loose } = rendered.get(c.name)!;
    expect(aboveSignature(loose, c.signature, c.date).above).toEqual([]);
    const { page, above } = aboveSignature(kept, c.signature, c.date);
    expect(page).toBeGreaterThan(1);
    expect(above.length).toBeGreaterThanOrEqual(2);
    expect(above[above.length - 1]!.endsWith(LAST_BODY_TEXT[c.slug])).toBe(true);
  });
});
