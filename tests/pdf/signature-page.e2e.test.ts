/**
 * The signature never stands alone on a page (GB/T 9704-2012 7.3.5.5), measured on prints of a
 * project whose body ends at a page foot (signature-project.ts): by default the body's last lines
 * go over with the closing, in the public copy (unsealed: one blank line) and in the sealed filing
 * copy (two blank lines); with site.yaml docx.signaturePage: note the closing goes over alone, its
 * page headed （此页无正文） two characters in on the first line. Prints whose signature was not alone
 * are printed once, as before.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build/build.ts';
import type { BuildStage } from '../../src/pipeline/stage.ts';
import { launchChromium, type PrintBrowser } from '../../src/pdf/chromium.ts';
import { pdfStage } from '../../src/pdf/stage.ts';
import { CHARS_PER_LINE, LINE_PITCH, PAGE, TYPE_AREA } from '../../src/pdf/print-layout.ts';
import { webStage } from '../../src/build/portal.ts';
import { openPdf, pageLines, type TextLine } from './pdf-read.ts';
import { LAST_BODY_TEXT, signatureProject } from './signature-project.ts';

const CHAR = TYPE_AREA.width / CHARS_PER_LINE;
/** Baselines of the type area's first and last lines, from the page's bottom edge (em box 0.88 above the baseline, centred on the pitch). */
const FIRST_BASELINE = PAGE.height - PAGE.top - (LINE_PITCH - 16) / 2 - 0.88 * 16;
const squeeze = (s: string) => s.replace(/[\s\u3000]+/g, '');

interface Printed {
  log: string;
  /** Each page's lines in the type area (page numbers left out), top to bottom. */
  pages: Map<string, TextLine[][]>;
}

/**
 * The web stage, run once for the file: the two projects differ only in site.yaml's
 * docx.signaturePage, which only the PDF stage reads, so their sites, print pages included, are
 * the same bytes. The first build renders it and keeps a copy; the other copies it in.
 */
let renderedSite: string | undefined;
const siteOnce: BuildStage = {
  id: 'web',
  label: '网站（测试：两个项目共用一次生成的页面）',
  async run(ctx) {
    if (renderedSite) {
      cpSync(renderedSite, ctx.outDir, { recursive: true });
      return;
    }
    // Without `beside` the stage finishes the search index too: the copy is the whole site.
    await webStage.run({ ...ctx, beside: undefined });
    const kept = mkdtempSync(path.join(tmpdir(), 'nianbao-signature-site-'));
    cpSync(ctx.outDir, kept, { recursive: true });
    renderedSite = kept;
  },
};
afterAll(() => {
  if (renderedSite) rmSync(renderedSite, { recursive: true, force: true });
});

/**
 * One Chromium for the file's four PDF stages (two forms of two projects), which would each start
 * and close their own: each stage still prints in tabs of its own, from its own server. The stages
 * close their tabs; the browser is closed after the file's tests. Started again if it died.
 */
let browser: PrintBrowser | undefined;
const oneBrowser = async (executable: string): Promise<PrintBrowser> => {
  if (!browser?.connected) {
    await browser?.close();
    browser = await launchChromium(executable);
  }
  const kept = browser;
  return {
    newPage: () => kept.newPage(),
    get connected() {
      return kept.connected;
    },
    pid: kept.pid,
    close: async () => {},
  };
};
afterAll(async () => {
  await browser?.close();
});

async function buildProject(signaturePage?: 'note'): Promise<Printed> {
  const root = signatureProject({ signaturePage });
  const log: string[] = [];
  const stages = [siteOnce, pdfStage({ tidy: false, launch: oneBrowser }), pdfStage({ form: 'filing', launch: oneBrowser })];
  const result = await build({ target: root, forms: ['public', 'filing'], stages, log: (m) => log.push(m) });
  expect(result.ok, JSON.stringify(!result.ok && result.error)).toBe(true);
  const pages = new Map<string, TextLine[][]>();
  for (const file of ['fz-2022.pdf', 'xx-2022.pdf', 'fz-2022-beian.pdf', 'xx-2022-beian.pdf']) {
    const doc = await openPdf(path.join(root, 'dist/downloads', file));
    const all: TextLine[][] = [];
    for (let p = 1; p <= doc.numPages; p++) all.push((await pageLines(doc, p)).filter((l) => l.y > PAGE.bottom));
    pages.set(file, all);
    await doc.loadingTask.destroy();
  }
  return { log: log.join('\n'), pages };
}

/** The page (0-based) holding the 署名 followed by the date, and the lines above the 署名 on it. */
function signaturePage(pages: TextLine[][], signature: string, date: string): { page: number; above: TextLine[]; name: TextLine } {
  for (const [page, lines] of pages.entries()) {
    const at = lines.findIndex((l, i) => squeeze(l.text) === signature && lines.slice(i + 1, i + 4).some((d) => squeeze(d.text) === date));
    if (at >= 0) return { page, above: lines.slice(0, at), name: lines[at]! };
  }
  throw new Error(`${signature} not found`);
}

const FZ = { signature: '测试县人民政府', date: '2023年1月4日' };
const XX = { signature: '辰溪县司法局', date: '2023年1月18日' };

describe('by default (keep-lines)', () => {
  let printed: Printed;
  beforeAll(async () => {
    printed = await buildProject();
  });

  it('found the signature alone and printed again with the body’s last lines over (public and sealed filing copy)', () => {
    expect(printed.log).toMatch(/fz-2022\.pdf（3 页，正文最后几行移到署名页/);
    expect(printed.log).toMatch(/xx-2022-beian\.pdf（备案件，\d+ 页，正文最后几行移到署名页/);
    // The other two copies did not have the signature alone: printed as they always were.
    expect(printed.log).not.toMatch(/xx-2022\.pdf（[^）]*署名/);
    expect(printed.log).not.toMatch(/fz-2022-beian\.pdf（[^）]*署名/);
  });

  it.each([
    ['fz-2022.pdf', FZ, LAST_BODY_TEXT['fz-2022'], 1],
    ['xx-2022-beian.pdf', XX, LAST_BODY_TEXT['xx-2022'], 2],
  ] as const)('%s: the 署名 page begins with body text, the body’s end the blank line(s) above the 署名', (file, closing, last, blanks) => {
    const pages = printed.pages.get(file)!;
    const { page, above, name } = signaturePage(pages, closing.signature, closing.date);
    expect(page).toBeGreaterThan(0);
    // Two lines of the last paragraph at least (widow control), the first on the type area's first line.
    expect(above.length).toBeGreaterThanOrEqual(2);
    expect(Math.abs(above[0]!.y - FIRST_BASELINE)).toBeLessThan(1);
    const end = above[above.length - 1]!;
    expect(squeeze(end.text).endsWith(last)).toBe(true);
    expect(Math.abs(end.y - name.y - (blanks + 1) * LINE_PITCH)).toBeLessThan(0.5);
  });

  it('leaves the copies whose signature was not alone with body text on the 署名 page', () => {
    for (const [file, closing] of [['xx-2022.pdf', XX], ['fz-2022-beian.pdf', FZ]] as const) {
      const { above } = signaturePage(printed.pages.get(file)!, closing.signature, closing.date);
      expect(above.length, file).toBeGreaterThan(0);
    }
  });
});

describe('docx.signaturePage: note', () => {
  let printed: Printed;
  beforeAll(async () => {
    printed = await buildProject('note');
  });

  it.each([
    ['fz-2022.pdf', FZ, LAST_BODY_TEXT['fz-2022'], 1],
    ['xx-2022-beian.pdf', XX, LAST_BODY_TEXT['xx-2022'], 2],
  ] as const)('%s: the 署名 page headed （此页无正文）, two characters in on its first line, the body ending on the page before', (file, closing, last, blanks) => {
    expect(printed.log).toMatch(new RegExp(`${file.replace('.', '\\.')}（[^）]*署名页印“（此页无正文）”`));
    const pages = printed.pages.get(file)!;
    const { page, above, name } = signaturePage(pages, closing.signature, closing.date);
    expect(above.map((l) => l.text)).toEqual(['（此页无正文）']);
    const note = above[0]!;
    expect(Math.abs(note.y - FIRST_BASELINE)).toBeLessThan(1);
    expect(Math.abs(note.x - PAGE.left - 2 * CHAR)).toBeLessThan(1);
    expect(Math.abs(note.y - name.y - (blanks + 1) * LINE_PITCH)).toBeLessThan(0.5);
    const before = pages[page - 1]!;
    expect(squeeze(before[before.length - 1]!.text).endsWith(last)).toBe(true);
  });
});

