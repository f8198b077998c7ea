/**
 * What the search index reads (tables as cell statements) and how the search page picks hits
 * (the whole phrase, per section), as pure functions.
 */
import { describe, expect, it } from 'vitest';
import { excerptAround, occurrences, phraseHits, queryPhrases, type FragmentText } from '../../src/web/client/phrase-hits.ts';
import { searchableHtml, withoutIgnoredElements } from '../../src/web/search-text.ts';

const paragraphs = (html: string) => [...html.matchAll(/<p>(.*?)<\/p>/g)].map((m) => m[1]);

describe('tables as the search index reads them', () => {
  it('names each cell of an official table by the headers its headers attribute lists, one statement a cell', () => {
    const html = `<main><p>前文</p><table id="t"><caption id="t-c">主动公开政府信息情况</caption><tbody>
      <tr><th colspan="2" scope="colgroup" id="h1">第二十条第（五）项</th></tr>
      <tr><th scope="col" id="h2">信息内容</th><th scope="col" id="h3">本年处理决定数量</th></tr>
      <tr><th scope="row" id="h4">行政许可</th><td headers="h1 h4 h3" class="num">128<span class="visually-hidden">件</span></td></tr>
      <tr><th scope="row" id="h5">行政处罚</th><td headers="h1 h5 h3" class="num">56<span class="visually-hidden">件</span></td></tr>
    </tbody></table><p>后文</p></main>`;
    const out = searchableHtml(html);
    expect(out).not.toContain('<table');
    expect(paragraphs(out)).toEqual([
      '前文',
      '主动公开政府信息情况：',
      '第二十条第（五）项 行政许可 本年处理决定数量：128件；',
      '第二十条第（五）项 行政处罚 本年处理决定数量：56件；',
      '后文',
    ]);
  });

  it('names the cells of a plain table by the row header and the column headers above, spans included', () => {
    const html = `<table><thead><tr><th rowspan="2">指标</th><th colspan="2">年度</th></tr><tr><th>2021年</th><th>2022年</th></tr></thead>
      <tbody><tr><th scope="row">人民调解员</th><td>1000名</td><td>1054名</td></tr><tr><td>无表头</td><td></td><td>3</td></tr></tbody></table>`;
    expect(paragraphs(searchableHtml(html))).toEqual(['人民调解员 年度 2021年：1000名；', '人民调解员 年度 2022年：1054名；', '指标：无表头；', '年度 2022年：3；']);
  });

  it('handles a table inside a table, escapes text, and keeps the rest of the page', () => {
    const html = '<main><p>前</p><table><tr><th>甲 &amp; 乙</th><td><table><tr><th>内</th><td>1</td></tr></table></td></tr></table><p>后</p></main>';
    const out = searchableHtml(html);
    expect(out).not.toContain('<table');
    expect(out).toContain('<p>前</p>');
    expect(out).toContain('<p>后</p>');
    expect(out).toContain('<p>甲 &amp; 乙：内1；</p>');
  });

  it('leaves a page without tables as it is', () => {
    const html = '<main><h2 id="a">一、总体情况</h2><p>正文</p></main>';
    expect(searchableHtml(html)).toBe(html);
  });
});

/** A fragment as Pagefind hands it to the page: words split by U+200B, headings with their word positions. */
function fragment(parts: (string | { h: string; id: string })[]): FragmentText {
  const words: string[] = [];
  const anchors: FragmentText['anchors'] = [];
  for (const part of parts) {
    if (typeof part === 'string') words.push(...[...part.matchAll(/[^，。 ]+|[，。 ]/g)].map((m) => m[0]));
    else {
      anchors.push({ element: 'h2', id: part.id, text: part.h, location: words.length });
      words.push(part.h, '. ');
    }
  }
  return { url: '/fzzfjs/reports/x/', raw_content: words.join('\u200B'), content: words.join(''), anchors };
}

describe('elements Pagefind leaves out, left out of what it is sent', () => {
  it('cuts each marked element whole, same-named elements inside it counted, and nothing else', () => {
    const html = [
      '<article data-pagefind-body><h1>标题</h1>',
      '<nav class="toc" data-pagefind-ignore><ol><li><nav>内</nav></li></ol><nav>又一层</nav></nav>',
      '<p>正文一</p><div class="a"><div data-pagefind-ignore="all"><div><div>图</div></div><br/></div><div>留下</div></div>',
      '<figure class="chart-figure" data-pagefind-ignore><svg><g><path d="M0 0"/></g></svg><figcaption>图注</figcaption></figure>',
      '<p data-pagefind-ignored="x">不是这个属性</p><p data-pagefind-ignore>提示</p><p>正文二</p></article>',
    ].join('');
    expect(withoutIgnoredElements(html)).toBe(
      '<article data-pagefind-body><h1>标题</h1><p>正文一</p><div class="a"><div>留下</div></div><p data-pagefind-ignored="x">不是这个属性</p><p>正文二</p></article>',
    );
  });

  it('leaves an element whose end is not there, and a page without marks, as they are', () => {
    const open = '<main><div data-pagefind-ignore><p>没有结束</p></main>';
    expect(withoutIgnoredElements(open)).toBe(open);
    const plain = '<main><p>正文</p></main>';
    expect(withoutIgnoredElements(plain)).toBe(plain);
  });
});

describe('hits for the whole phrase', () => {
  const page = fragment([
    '辰溪县人民政府法治政府建设报告',
    { h: '一、依法行政', id: 'yifa' },
    '县人民政府坚持依法行政，调解工作有序开展。',
    { h: '二、化解纠纷', id: 'jiufen' },
    '建立健全人民调解组织网络，人民调解组织全覆盖。',
    { h: '三、人民调解员', id: 'tiaojieyuan' },
    '共有人民调解员1054名。',
  ]);

  it('lists only the sections that contain the phrase, most occurrences first, each excerpt showing it', () => {
    const hit = phraseHits(page, queryPhrases('人民调解'))!;
    expect(hit.sections.map((s) => s.url)).toEqual(['/fzzfjs/reports/x/#jiufen', '/fzzfjs/reports/x/#tiaojieyuan']);
    expect(hit.sections.map((s) => s.count)).toEqual([2, 2]);
    for (const s of [hit, ...hit.sections]) {
      expect(s.excerpt.filter((p) => p.mark).map((p) => p.text)).toContain('人民调解');
      expect(s.excerpt.map((p) => p.text).join('')).toContain('人民调解');
    }
    expect(hit.count).toBe(4);
  });

  it('is no hit when the words occur only apart (人民政府 … 调解)', () => {
    const apart = fragment(['报告', { h: '一、依法行政', id: 'a' }, '县人民政府坚持依法行政，调解工作有序开展。']);
    expect(phraseHits(apart, queryPhrases('人民调解'))).toBeUndefined();
  });

  it('needs every phrase of a query with spaces on the page, and lists sections holding any of them', () => {
    expect(phraseHits(page, queryPhrases('人民调解 行政复议'))).toBeUndefined();
    const hit = phraseHits(page, queryPhrases('依法行政  调解员'))!;
    expect(hit.sections.map((s) => s.title)).toEqual(['一、依法行政', '三、人民调解员']);
  });

  it('matches across the spaces a page keeps between words, and full-width digits', () => {
    expect(occurrences('行政 许可 本年处理决定数量：１２８件', queryPhrases('行政许可 128'))).toEqual([
      [0, 5],
      [15, 18],
    ]);
  });

  it('cuts excerpts at the start of the sentence or cell holding the phrase', () => {
    const text = '第二十条第（八）项 行政事业性收费：12.6万元； 第二十条第（五）项 行政许可 本年处理决定数量：128件； 第二十条第（六）项 行政处罚：56件；';
    const pieces = excerptAround(text, occurrences(text, ['128']));
    expect(pieces[0]!.text).toBe('…');
    expect(pieces[1]!.text.startsWith('第二十条第（五）项 行政许可')).toBe(true);
    expect(pieces.find((p) => p.mark)!.text).toBe('128');
  });
});
