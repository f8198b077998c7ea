import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../src/markdown/parse.ts';
import { markdownToHtml } from '../../src/markdown/to-html.ts';
import { section, sampleReport } from './sample-model.ts';

const html = (md: string) => markdownToHtml(parseMarkdown(md).tree);

describe('markdownToHtml', () => {
  it('converts a tree once for each set of options, and gives each set its own ids', () => {
    const text = '## 小标题\n\n正文[^1]，见下表。\n\n[^1]: 注释的文字。\n';
    const root = parseMarkdown(text).tree;
    const a = markdownToHtml(root, { headingOffset: 1, idPrefix: 'yi-' });
    const b = markdownToHtml(root, { headingOffset: 2, idPrefix: 'er-' });
    // The second time, from what the first made: the same text as a fresh conversion of a copy.
    expect(markdownToHtml(root, { headingOffset: 1, idPrefix: 'yi-' })).toBe(a);
    expect(a).toBe(markdownToHtml(structuredClone(root), { headingOffset: 1, idPrefix: 'yi-' }));
    expect(b).toBe(markdownToHtml(structuredClone(root), { headingOffset: 2, idPrefix: 'er-' }));
    expect(a).toContain('id="yi-');
    expect(a).toContain('<h3');
    expect(b).toContain('id="er-');
    expect(b).toContain('<h4');
    expect(b).not.toContain('yi-');
    // Defaults are options like any others.
    expect(markdownToHtml(root)).toBe(markdownToHtml(structuredClone(root), { headingOffset: 1, idPrefix: 'md-' }));
  });

  it('prints metric references with the loader’s formatted text', () => {
    const report = sampleReport('chenxi-2022-fazhi-zhengfu');
    const out = markdownToHtml(section(report, 'maodun-jiufen').body);
    expect(out).toContain('人民调解员<span class="metric" data-metric="tiaojieyuan">1054名</span>，其中专职人民调解员<span class="metric" data-metric="tiaojieyuan-zhuanzhi">392人</span>');
    expect(out).toContain('<span class="metric" data-metric="tiaojie-chenggong-lv">95.4%</span>');
  });

  it('numbers body headings with the loader’s official numbers, one level below the section', () => {
    const { tree } = parseMarkdown('### 健全制度\n\n正文。\n\n#### 细则\n');
    (tree.children[0] as { data?: object }).data = { number: '1.' };
    (tree.children[2] as { data?: object }).data = { number: '（1）' };
    expect(markdownToHtml(tree, { idPrefix: 'sec-' })).toBe(
      '<h4 id="sec-1"><span class="heading-number">1.</span>健全制度</h4>\n<p>正文。</p>\n<h5 id="sec-2"><span class="heading-number">（1）</span>细则</h5>',
    );
  });

  it('keeps ordinary Markdown: emphasis, lists, tables, links', () => {
    const out = html('**重点** 与 *强调*\n\n- 一项\n- 二项\n\n| 项目 | 数量 |\n|---|--:|\n| 案件 | 3 |\n\n[门户](https://www.chenxi.gov.cn/)');
    expect(out).toContain('<strong>重点</strong>');
    expect(out).toContain('<li>一项</li>');
    expect(out).toContain('<td align="right">3</td>');
    expect(out).toContain('<a href="https://www.chenxi.gov.cn/">门户</a>');
  });

  it('removes scripts, frames, forms, event handlers, styles and dangerous URLs from raw HTML', () => {
    const out = html(
      [
        '<p onclick="steal()" style="display:none" class="hidden" hidden>文字</p>',
        '<script>alert(1)</script><iframe src="https://evil.example/"></iframe><object data="x"></object><embed src="x"><form action="https://evil.example/"><input name="q"></form>',
        '<a href="javascript:alert(1)">点我</a> <a href="data:text/html,x">数据</a> <img src="data:image/png;base64,AAAA" alt="图"> <img src="https://evil.example/a.png" alt="外链"> <img src="//evil.example/b.png" alt="协议相对">',
        '<font color="#fff">白字</font><span style="font-size:0">零号字</span>',
      ].join('\n'),
    );
    expect(out).not.toMatch(/<script|<iframe|<object|<embed|<form|<input|onclick|style=|hidden|class=|javascript:|data:|evil\.example|<font|color=/);
    expect(out).toContain('文字');
    expect(out).toContain('白字');
    expect(out).toContain('零号字');
  });

  it('drops links with nothing to read (hidden links), keeps the text of the rest', () => {
    const out = html('前<a href="https://casino.example/"></a><a href="https://casino.example/"> </a>后 <a href="https://www.gov.cn/">中国政府网</a>');
    expect(out).not.toContain('casino');
    expect(out).toContain('前后');
    expect(out).toContain('<a href="https://www.gov.cn/">中国政府网</a>');
  });

  it('keeps same-site images and gives footnotes ids unique to the section', () => {
    const out = markdownToHtml(parseMarkdown('见附图<img src="/ndbg/img/a.png" alt="示意图">，说明[^1]。\n\n[^1]: 注释。').tree, { idPrefix: 'sec-' });
    expect(out).toContain('<img src="/ndbg/img/a.png" alt="示意图">');
    expect(out).toContain('id="sec-fn-label"');
    expect(out).toContain('href="#sec-fn-fn-1"');
    expect(out).not.toContain('"footnote-label"');
  });

  // Text without raw HTML is not parsed a second time (hast-util-raw): the same bytes either way. A
  // comment (which the sanitiser drops) sends the same text through that parse, leaving one newline.
  it('writes the same HTML for text without raw HTML as after parsing it again', () => {
    const parts = [
      '# 标题', '### （一）条目', '正文 **加粗** 和 *斜体*，~~删除~~', '`代码 <b>`', '[链接](https://example.gov.cn/a?b=1&c=2)', '![图](images/a.png "说明")',
      '- 项目一\n- 项目二\n  - 子项', '3. 第三\n4. 第四', '| 甲 | 乙 |\n|---|--:|\n| 1 | a & b |', '脚注[^1]\n\n[^1]: 注释 **内容**', '> 引用',
      '1 < 2 && 3 > 2 &amp; &#x4e00;', '- [ ] 待办\n- [x] 完成', '<https://auto.link> www.example.com', '行尾两个空格  \n换行', '```js\n代码块 <x>\n```', '[空]()', 'a\u00a0b\u3000c',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...parts), { minLength: 1, maxLength: 6 }), fc.constantFrom('\n\n', '\n'), (chosen, sep) => {
        const text = chosen.join(sep);
        const reparsed = markdownToHtml(parseMarkdown(`<!-- 注 -->\n\n${text}`).tree, { idPrefix: 's-' });
        expect(markdownToHtml(parseMarkdown(text).tree, { idPrefix: 's-' })).toBe(reparsed.replace(/^\n/, ''));
      }),
      { numRuns: 400 },
    );
    // The footnotes' marks, set to true in the tree, as the second parse writes them.
    expect(html('说明[^1]。\n\n[^1]: 注释。')).toContain('data-footnote-ref="" ');
  });
});
