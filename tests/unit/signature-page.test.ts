/**
 * The pure parts of keeping the signature off a page of its own (GB/T 9704-2012 7.3.5.5): finding,
 * in the printed lines, a 署名 page without body text (src/pdf/signature-page.ts), and keeping the
 * Word file's last body paragraph with the closing (src/docx/keep-closing.ts).
 */
import { describe, expect, it } from 'vitest';
import { keepBodyWithClosing } from '../../src/docx/keep-closing.ts';
import { signatureAlone, type PrintedLine } from '../../src/pdf/signature-page.ts';

/** Lines on the 28.95 pt grid from the type area's first line (37 mm = 104.9 pt from the top). */
const lines = (...texts: string[]): PrintedLine[] => texts.map((text, i) => ({ top: 120 + i * 28.95, text }));
const pageNumber: PrintedLine = { top: 770, text: '—2—' };
const closing = { signer: '测试县人民政府', date: '2023年1月4日', attachmentLines: 0, followed: false };

/** A print's pages as the reader gives them, noting which were read. */
function print(...pages: PrintedLine[][]) {
  const read: number[] = [];
  return {
    read,
    pageCount: pages.length,
    page: async (index: number) => (read.push(index), { lines: pages[index]! }),
  };
}

describe('signatureAlone', () => {
  it('is true when the 署名 opens a page after the first', async () => {
    expect(await signatureAlone(print(lines('标题', '正文'), [...lines('测试县人民政府', '2023年1月4日'), pageNumber]), closing)).toBe(true);
  });

  it('is false when body text stands above the 署名 on its page, or the document has one page', async () => {
    expect(await signatureAlone(print(lines('标题'), lines('正文末行。', '测试县人民政府', '2023年1月4日')), closing)).toBe(false);
    expect(await signatureAlone(print(lines('标题', '正文', '测试县人民政府', '2023年1月4日')), closing)).toBe(false);
  });

  it('counts the 附件说明 as part of the closing, and the （此页无正文） line as text above it', async () => {
    const withAttachments = { ...closing, attachmentLines: 2 };
    expect(await signatureAlone(print(lines('正文'), lines('附件：1.名称', '2.名称', '测试县人民政府', '2023年1月4日')), withAttachments)).toBe(true);
    expect(await signatureAlone(print(lines('正文'), lines('（此页无正文）', '测试县人民政府', '2023年1月4日')), closing)).toBe(false);
  });

  it('finds a sealed closing’s date within three lines, and ignores a 署名 without its date (the body naming the issuer)', async () => {
    const sealed = lines('测试县人民政府', '2023年1月4日');
    expect(await signatureAlone(print(lines('正文'), sealed), closing)).toBe(true);
    expect(await signatureAlone(print(lines('测试县人民政府', '正文'), lines('正文末行。', '测试县人民政府', '2023年1月4日')), closing)).toBe(false);
  });

  it('reads from the last page when nothing follows the closing, and stops at the signature', async () => {
    const pages = print(lines('标题', '正文'), lines('正文'), lines('正文末行。', '测试县人民政府', '2023年1月4日'));
    expect(await signatureAlone(pages, closing)).toBe(false);
    expect(pages.read).toEqual([2]);
    // A quoted 署名 and date in the body is not the closing: the last pair is.
    const quoted = print(lines('正文'), lines('测试县人民政府', '2023年1月4日'), lines('正文'), lines('测试县人民政府', '2023年1月4日'));
    expect(await signatureAlone(quoted, closing)).toBe(true);
    expect(quoted.read).toEqual([3]);
  });

  it('reads from the first page when attachment pages follow the closing, so that an attachment’s own closing is not taken for it', async () => {
    const body = lines('正文末行。', '测试县人民政府', '2023年1月4日');
    const attachment = lines('测试县人民政府', '2023年1月4日');
    const followed = { ...closing, followed: true };
    const pages = print(lines('标题'), body, lines('附件1'), attachment);
    expect(await signatureAlone(pages, followed)).toBe(false);
    expect(pages.read).toEqual([0, 1]);
    // Read from the end, the attachment's page (its 署名 opening it) would have been taken.
    expect(await signatureAlone(print(lines('标题'), body, lines('附件1'), attachment), closing)).toBe(true);
  });

  it('is false, having read every page, when the signature is not found', async () => {
    const pages = print(lines('标题'), lines('正文'));
    expect(await signatureAlone(pages, closing)).toBe(false);
    expect(pages.read).toEqual([1, 0]);
  });
});

describe('keepBodyWithClosing', () => {
  const mark = '<w:p><w:pPr><w:pStyle w:val="NbClosingMark"/></w:pPr></w:p>';
  const closingXml = '<w:p><w:pPr><w:keepNext/></w:pPr></w:p>';

  it('keeps the body’s last paragraph with the closing, keepNext right after the style, and drops the marker', () => {
    const body = '<w:p><w:pPr><w:pStyle w:val="a"/><w:jc w:val="both"/></w:pPr><w:r><w:t>正文。</w:t></w:r></w:p>';
    const out = keepBodyWithClosing(`<w:body>${body}${mark}${closingXml}</w:body>`);
    expect(out).toBe(`<w:body><w:p><w:pPr><w:pStyle w:val="a"/><w:keepNext/><w:jc w:val="both"/></w:pPr><w:r><w:t>正文。</w:t></w:r></w:p>${closingXml}</w:body>`);
  });

  it('gives a paragraph without properties its own, and leaves a table before the closing as it is', () => {
    expect(keepBodyWithClosing(`<w:p><w:r><w:t>正文。</w:t></w:r></w:p>${mark}`)).toBe('<w:p><w:pPr><w:keepNext/></w:pPr><w:r><w:t>正文。</w:t></w:r></w:p>');
    const table = '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr></w:tbl>';
    expect(keepBodyWithClosing(`${table}${mark}`)).toBe(table);
  });
});
