/**
 * Where the signature check reads a print (signature-page.ts), in real Chromium prints read back
 * with pdf.js: the closing's text as the page gives it, whether text follows it (attachment pages),
 * and the pages read: from the last one when nothing follows, from the first when attachment
 * pages do, so that an attachment's own 署名 and date are never taken for the closing.
 */
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { openPrint, type PrintReader } from '../../src/pdf/read-print.ts';
import { closingText, signatureAlone } from '../../src/pdf/signature-page.ts';
import { printTab } from '../helpers/browser.ts';

const STYLE = `@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
body { margin: 0; font-size: 16pt; line-height: 28.95pt; }
p { margin: 0; }
.page { break-before: page; }
@media print { .hidden-in-print { display: none; } }`;

const CLOSING = '<div class="closing"><p class="signer">测试县人民政府</p><p class="signed-date">2023年1月4日</p></div>';

const html = (body: string) => `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>${STYLE}</style></head><body>${body}</body></html>`;

/** The reader, noting the pages asked for. */
function noting(reader: PrintReader) {
  const read: number[] = [];
  return { read, pageCount: reader.pageCount, page: (index: number) => (read.push(index), reader.page(index)) };
}

const tab = printTab();

async function check(body: string) {
  const page = tab();
  await page.setContent(html(body));
  const closing = (await closingText(page))!;
  const reader = await openPrint(await page.pdf({ preferCSSPageSize: true, tagged: true }));
  try {
    const pages = noting(reader);
    return { closing, pageCount: reader.pageCount, alone: await signatureAlone(pages, closing), read: pages.read };
  } finally {
    await reader.close();
  }
}

describe('the closing as the signature check reads it', () => {
  it('with nothing after it: not followed, and only the last page is read', async () => {
    const result = await check(`<p>第一页正文。</p><p class="page">正文末行。</p>${CLOSING}`);
    expect(result.closing).toEqual({ signer: '测试县人民政府', date: '2023年1月4日', attachmentLines: 0, followed: false });
    expect(result.pageCount).toBe(2);
    expect(result.alone).toBe(false);
    expect(result.read).toEqual([1]);
  });

  it('a signature opening the last page is found alone there', async () => {
    const result = await check(`<p>正文末行。</p><div class="page">${CLOSING}</div>`);
    expect(result.alone).toBe(true);
    expect(result.read).toEqual([1]);
  });

  it('text hidden in print after it (the filing copy’s 版记 before it is placed) does not count', async () => {
    const result = await check(`<p>正文末行。</p>${CLOSING}<footer class="hidden-in-print"><p>测试县人民政府办公室 2023年1月5日印发</p></footer>`);
    expect(result.closing.followed).toBe(false);
  });

  it('with attachment pages after it: followed, read from the first page, an attachment’s own closing left alone', async () => {
    // The attachment, a document of its own, opens its page with the same 署名 and date: read from
    // the end, it would pass for a signature alone on its page.
    const attachment = '<section class="page attachment-page"><p>测试县人民政府</p><p>2023年1月4日</p><p>附件正文。</p></section>';
    const result = await check(`<p>第一页正文。</p><p class="page">正文末行。</p>${CLOSING}${attachment}`);
    expect(result.closing.followed).toBe(true);
    expect(result.pageCount).toBe(3);
    expect(result.alone).toBe(false);
    expect(result.read).toEqual([0, 1]);
  });
});
