/**
 * Which faces a print waits for (src/pdf/print-page.ts): the faces the page's text uses, and the
 * faces of the page numbers, which Chromium draws in the @page margin boxes, outside the
 * document's layout. A face declared but used nowhere is not loaded (each costs a second per tab
 * for the large CJK faces). A small print page with three web fonts, printed by real Chromium.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium, type PrintBrowser } from '../../src/pdf/chromium.ts';
import { guardPage, printPage } from '../../src/pdf/print-page.ts';
import { serveSite, type SiteServer } from '../../src/pdf/site-server.ts';
import { chromiumPath } from '../helpers/browser.ts';
import { renamedFont } from './fixtures.ts';
import { pdfFonts } from './pdf-read.ts';

const WENKAI = '/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf';
let dir: string;
let server: SiteServer;
let browser: PrintBrowser;
const requested: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'nianbao-print-faces-'));
  for (const [file, family, postscript] of [
    ['body.ttf', 'NbBodyTest', 'NbBodyFace-Test'],
    ['margin.ttf', 'NbMargTest', 'NbMarginFace-Test'],
    ['unused.ttf', 'NbNoneTest', 'NbUnusedFace-Test'],
  ] as const) {
    writeFileSync(path.join(dir, file), renamedFont(WENKAI, { family, postscript, chinese: '测试' }));
  }
  const face = (family: string, file: string) => `@font-face { font-family: "${family}"; src: url("/p/${file}"); }`;
  writeFileSync(
    path.join(dir, 'print.css'),
    [
      face('body-face', 'body.ttf'),
      face('margin-face', 'margin.ttf'),
      face('unused-face', 'unused.ttf'),
      '@page { size: A4; margin: 37mm 26mm 35mm 28mm; @bottom-center { content: "— " counter(page) " —"; font-family: "margin-face"; font-size: 14pt; } }',
      'body { font-family: "body-face"; font-size: 16pt; }',
    ].join('\n'),
  );
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>字体</title><link rel="stylesheet" href="/p/print.css"></head><body><p>正文用一种字体，页码用另一种。</p></body></html>');
  server = await serveSite(dir, '/p/');
  browser = await launchChromium(chromiumPath());
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('waits for the faces of the text and of the page numbers, and loads no face nobody uses', async () => {
  const page = await browser.newPage();
  await guardPage(page, server.origin);
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  const pdf = await printPage(page, { url: `${server.url}index.html`, origin: server.origin });
  const file = path.join(dir, 'out.pdf');
  writeFileSync(file, pdf);
  const names = pdfFonts(file).map((f) => f.name.replace(/^[A-Z]{6}\+/, ''));
  // (pdffonts pads the renamed fonts' names: compared by their start.)
  expect(names.some((n) => n.startsWith('NbBodyFace-Test'))).toBe(true);
  // Without its face loaded first, Chromium draws the page number in a fallback face.
  expect(names.some((n) => n.startsWith('NbMarginFace-Test'))).toBe(true);
  expect(requested).toContain('/p/margin.ttf');
  expect(requested).not.toContain('/p/unused.ttf');
});
