/**
 * The OFD copies of the samples (public and filing), as built by the CLI: read by a real OFD reader
 * (ofd.js in Chromium), each has the PDF's pages, the PDF's text page by page and every line where
 * the PDF sets it; the package validates against the standard's schemas (xmllint); the metadata,
 * outline and embedded faces are those of the report; and the report page offers the download.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as hb from 'harfbuzzjs';
import JSZip from 'jszip';
import { XMLParser } from 'fast-xml-parser';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportDocumentInfo } from '../../src/pdf/document-info.ts';
import { launchBrowser, openPage, type TestBrowser } from '../helpers/browser.ts';
import { sharedBuild } from '../helpers/shared-builds.ts';
import { openPdf } from '../pdf/pdf-read.ts';
import { twoSampleModel } from '../web/sample-model.ts';
import { renderWithOfdJs, type ReaderPage } from './ofd-reader.ts';

const SCHEMAS = path.join(import.meta.dirname, '../fixtures/ofd-schema');
const MM = 25.4 / 72;
const reports = twoSampleModel().reports;
const FORMS = [
  ['public', ''],
  ['filing', '-beian'],
] as const;

let dist: string;
let browser: TestBrowser;
let page: Page;
let scratch: string;

beforeAll(async () => {
  dist = (await sharedBuild('ndbg')).dist;
  browser = await launchBrowser();
  page = (await openPage(browser.browser)).page;
  scratch = mkdtempSync(path.join(tmpdir(), 'nianbao-ofd-'));
});
afterAll(async () => {
  await browser?.close();
  rmSync(scratch, { recursive: true, force: true });
});

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['ofd:Font', 'ofd:Page', 'ofd:OutlineElem', 'ofd:CustomData', 'ofd:Keyword'].includes(name) });

/** The PDF's text of each page, as pdf.js reads it, and where each run of it starts (mm, baseline). */
async function pdfPages(doc: PDFDocumentProxy): Promise<{ text: string; runs: { text: string; x: number; y: number }[]; width: number; height: number }[]> {
  const pages = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const p = await doc.getPage(n);
    const [, , w, h] = p.view as number[];
    const items = (await p.getTextContent()).items as { str: string; transform: number[] }[];
    const runs = items.filter((i) => i.str.trim() !== '').map((i) => ({ text: i.str.replace(/\s+/g, ''), x: i.transform[4]! * MM, y: (h! - i.transform[5]!) * MM }));
    pages.push({ text: runs.map((r) => r.text).join(''), runs, width: w! * MM, height: h! * MM });
  }
  return pages;
}

const outlineTitles = (items: { title: string; items: unknown[] }[]): string[] => items.flatMap((i) => [i.title, ...outlineTitles(i.items as typeof items)]);
const ofdOutlineTitles = (elems: Record<string, unknown>[] = []): string[] =>
  elems.flatMap((e) => [e['@Title'] as string, ...ofdOutlineTitles(e['ofd:OutlineElem'] as Record<string, unknown>[] | undefined)]);

describe.each(reports.flatMap((r) => FORMS.map(([form, suffix]) => [`${r.slug}${suffix}.ofd`, r, suffix] as const)))('%s', (name, report, suffix) => {
  let zip: JSZip;
  let pdf: PDFDocumentProxy;
  let reader: ReaderPage[];
  let printed: Awaited<ReturnType<typeof pdfPages>>;
  const part = async (p: string) => {
    const file = zip.file(p);
    if (!file) throw new Error(`${name} has no ${p}`);
    return file.async('string');
  };

  beforeAll(async () => {
    const bytes = readFileSync(path.join(dist, 'downloads', name));
    zip = await JSZip.loadAsync(bytes);
    pdf = await openPdf(path.join(dist, 'downloads', `${report.slug}${suffix}.pdf`));
    printed = await pdfPages(pdf);
    reader = await renderWithOfdJs(page, bytes, printed[0]!.width, printed[0]!.height);
  });
  afterAll(async () => {
    await pdf?.loadingTask.destroy();
  });

  it("opens in ofd.js with the PDF's pages, their size and their text, page by page", () => {
    expect(reader.length).toBe(pdf.numPages);
    reader.forEach((p, i) => {
      expect(p.widthMm).toBeCloseTo(printed[i]!.width, 1);
      expect(p.heightMm).toBeCloseTo(printed[i]!.height, 1);
      expect(p.chars.map((c) => c.text).join(''), `page ${i + 1}`).toBe(printed[i]!.text);
    });
    expect(reader.flatMap((p) => p.chars).length).toBeGreaterThan(1000);
  });

  it('draws every run of text where the PDF sets it (within 0.05 mm)', () => {
    reader.forEach((p, i) => {
      const misplaced = printed[i]!.runs.filter((run) => !p.chars.some((c) => c.text === run.text[0] && Math.abs(c.x - run.x) < 0.05 && Math.abs(c.y - run.y) < 0.05));
      expect(misplaced.map((r) => `${r.text.slice(0, 10)} @ ${r.x.toFixed(2)},${r.y.toFixed(2)}`), `page ${i + 1}`).toEqual([]);
    });
  });

  it("validates against GB/T 33190's schemas (OFD.xml, Document.xml, resources, every page)", async () => {
    const dir = path.join(scratch, name);
    const files = Object.keys(zip.files).filter((f) => f.endsWith('.xml'));
    for (const f of files) {
      mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      writeFileSync(path.join(dir, f), await part(f));
    }
    const schemaOf = (f: string) => (f === 'OFD.xml' ? 'OFD.xsd' : f.endsWith('Document.xml') ? 'Document.xsd' : f.endsWith('Res.xml') ? 'Res.xsd' : 'Page.xsd');
    for (const f of files) {
      const out = execFileSync('xmllint', ['--noout', '--schema', path.join(SCHEMAS, schemaOf(f)), path.join(dir, f)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      expect(out).toBe('');
    }
    expect(files).toEqual(expect.arrayContaining(['OFD.xml', 'Doc_0/Document.xml', 'Doc_0/PublicRes.xml', 'Doc_0/Pages/Page_0/Content.xml']));
    expect(files.filter((f) => f.endsWith('/Content.xml'))).toHaveLength(pdf.numPages);
  });

  it("carries the report's metadata: title, issuer, 成文日期, 索引号, keywords", async () => {
    const info = reportDocumentInfo(report);
    const doc = xml.parse(await part('OFD.xml'))['ofd:OFD']['ofd:DocBody'];
    const docInfo = doc['ofd:DocInfo'];
    expect(docInfo['ofd:Title']).toBe(info.title);
    expect(docInfo['ofd:Author']).toBe(info.author);
    expect(docInfo['ofd:CreationDate']).toBe(info.date);
    expect(docInfo['ofd:DocID']).toMatch(/^[0-9a-f]{32}$/);
    expect(docInfo['ofd:Keywords']['ofd:Keyword']).toEqual(info.keywords);
    const custom = Object.fromEntries((docInfo['ofd:CustomDatas']['ofd:CustomData'] as Record<string, string>[]).map((c) => [c['@Name'], c['#text']]));
    expect(custom).toEqual({ 索引号: info.indexNumber, 发布机构: info.author, 成文日期: info.date });
    expect(doc['ofd:DocRoot']).toBe('Doc_0/Document.xml');
  });

  it("has the PDF's outline, each entry pointing at its page", async () => {
    const document = xml.parse(await part('Doc_0/Document.xml'))['ofd:Document'];
    const titles = ofdOutlineTitles(document['ofd:Outlines']?.['ofd:OutlineElem']);
    expect(titles).toEqual(outlineTitles((await pdf.getOutline()) as { title: string; items: unknown[] }[]));
    expect(titles.length).toBeGreaterThan(3);
    const pageIds = (document['ofd:Pages']['ofd:Page'] as Record<string, string>[]).map((p) => p['@ID']);
    const dests = (await part('Doc_0/Document.xml')).match(/PageID="\d+"/g)!.map((m) => m.slice(8, -1));
    expect(dests.every((d) => pageIds.includes(d))).toBe(true);
  });

  it('embeds every face it uses, cut to the characters set in it, with a character map that finds each', async () => {
    const fonts = xml.parse(await part('Doc_0/PublicRes.xml'))['ofd:Res']['ofd:Fonts']['ofd:Font'] as Record<string, string>[];
    const pages = await Promise.all(Object.keys(zip.files).filter((f) => f.endsWith('/Content.xml')).map(part));
    for (const font of fonts) {
      expect(font['ofd:FontFile'], font['@FontName']).toBeTruthy();
      const bytes = await zip.file(`Doc_0/Res/${font['ofd:FontFile']}`)!.async('uint8array');
      const face = new hb.Face(new hb.Blob(bytes.buffer as ArrayBuffer));
      const mapped = new Set(face.collectUnicodes());
      // Every character of this face's text objects is in its character map.
      const used = new Set<number>();
      for (const text of pages) {
        for (const m of text.matchAll(new RegExp(`Font="${font['@ID']}"[^>]*>(?:<ofd:FillColor[^>]*/>)?<ofd:TextCode[^>]*>([^<]*)<`, 'g'))) {
          for (const ch of m[1]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&')) used.add(ch.codePointAt(0)!);
        }
      }
      expect(used.size, font['@FontName']).toBeGreaterThan(0);
      expect([...used].filter((cp) => !mapped.has(cp)).map((cp) => String.fromCodePoint(cp)), font['@FontName']).toEqual([]);
      // Cut: not the whole face (a CJK face maps tens of thousands of characters).
      expect(mapped.size, font['@FontName']).toBeLessThan(used.size + 64);
    }
  });
});

describe('the report page', () => {
  it.each(reports.map((r) => [r.slug]))('%s offers the OFD copy with its size', (slug) => {
    const html = readFileSync(path.join(dist, 'reports', slug, 'index.html'), 'utf8');
    const bytes = readFileSync(path.join(dist, 'downloads', `${slug}.ofd`)).length;
    const link = /<a href="([^"]+\.ofd)" download>OFD 版（(\d+) KB）<\/a>/.exec(html);
    expect(link?.[1]).toBe(`/ndbg/downloads/${slug}.ofd`);
    expect(Number(link?.[2])).toBe(Math.max(1, Math.round(bytes / 1024)));
  });
});
