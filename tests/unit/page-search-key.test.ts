import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../src/store/cache-store.ts';
import { bytesWithoutDownloadLinks, downloadsHtml, withoutDownloadLinks } from '../../src/web/downloads.ts';
import { pageSearchKey } from '../../src/web/search-index.ts';

/** The key as the search index defined it over the decoded page. */
const keyOfText = (html: string) => sha256(withoutDownloadLinks(html));

const page = (block: string, body = '<p>二〇二二年，全县共受理政府信息公开申请 31 件。</p>') =>
  `<!doctype html><html lang="zh-CN"><body><main>${body}${block}<footer>辰溪县人民政府</footer></main></body></html>`;

describe('a report page’s search key, taken over its bytes', () => {
  it('is the same whatever the download block lists, and changes with the text outside it', () => {
    const empty = page(downloadsHtml('chenxi-2022', []));
    const filled = page(downloadsHtml('chenxi-2022', [{ label: (s) => `PDF（${s}）`, href: '/downloads/chenxi-2022.pdf', bytes: 412_000 }]));
    expect(filled).not.toBe(empty);
    expect(pageSearchKey(Buffer.from(filled))).toBe(pageSearchKey(Buffer.from(empty)));
    expect(pageSearchKey(Buffer.from(empty))).toBe(keyOfText(empty));
    const edited = page(downloadsHtml('chenxi-2022', []), '<p>二〇二二年，全县共受理政府信息公开申请 32 件。</p>');
    expect(pageSearchKey(Buffer.from(edited))).not.toBe(pageSearchKey(Buffer.from(empty)));
  });

  it('keeps the bytes around each block and the block’s opening tag', () => {
    const html = `前<div class="downloads" data-downloads="a>b" data-pagefind-ignore><ul><li>甲</li></ul></div>中<div class="downloads" data-downloads="c"></div>后`;
    expect(Buffer.concat(bytesWithoutDownloadLinks(Buffer.from(html))).toString('utf8')).toBe(withoutDownloadLinks(html));
    expect(withoutDownloadLinks(html)).toBe('前<div class="downloads" data-downloads="a>b" data-pagefind-ignore></div>中<div class="downloads" data-downloads="c"></div>后');
  });

  it('equals the digest of withoutDownloadLinks for any page made of text, blocks and broken blocks', () => {
    const open = '<div class="downloads" data-downloads="';
    const piece = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 12 }),
      fc.constantFrom(open, '"', '>', '</div>', '<div>', '报告', ' data-pagefind-ignore'),
      fc.tuple(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), fc.string({ unit: 'grapheme', maxLength: 10 })).map(([value, attrs, inner]) => `${open}${value.replaceAll('"', '')}"${attrs.replaceAll('>', '')}>${inner.replaceAll('</div>', '')}</div>`),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), (pieces) => {
        const html = pieces.join('');
        expect(Buffer.concat(bytesWithoutDownloadLinks(Buffer.from(html))).toString('utf8')).toBe(withoutDownloadLinks(html));
        expect(pageSearchKey(Buffer.from(html))).toBe(keyOfText(html));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads a view into a larger buffer at its own offset', () => {
    const html = page(downloadsHtml('x', []));
    const larger = Buffer.from(`垃圾${html}垃圾`);
    const start = Buffer.byteLength('垃圾');
    const view = new Uint8Array(larger.buffer, larger.byteOffset + start, Buffer.byteLength(html));
    expect(pageSearchKey(view)).toBe(keyOfText(html));
  });
});
