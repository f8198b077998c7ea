import { describe, expect, it } from 'vitest';
import { hidingReason } from '../../src/lint/hidden-style.ts';
import { lintMarkdown, ofRule } from './lint-helpers.ts';

const hidden = (md: string) => ofRule(lintMarkdown(md), 'lint.hidden-content');

describe('lint.hidden-content', () => {
  it.each([
    ['display:none', '<a href="https://www.chenxi.gov.cn/x" style="display:none">澳门</a>'],
    ['display:none on a wrapper', '<div style="display: none !important"><a href="/x/">链接</a></div>'],
    ['visibility', '<span style="visibility:hidden"><a href="/x/">链接</a></span>'],
    ['zero size', '<div style="width:0;height:0;overflow:hidden"><a href="/x/">链接</a></div>'],
    ['zero font size', '<span style="font-size:0px"><a href="/x/">链接</a></span>'],
    ['off-screen', '<div style="position:absolute;left:-9999px"><a href="/x/">链接</a></div>'],
    ['text-indent', '<p style="text-indent:-9999em"><a href="/x/">链接</a></p>'],
    ['same colour as its background', '<div style="color:#ffffff;background-color:#FFF"><a href="/x/">链接</a></div>'],
    ['white on the white page', '<font color="white"><a href="/x/">链接</a></font>'],
    ['transparent', '<a href="/x/" style="color:rgba(0,0,0,0)">链接</a>'],
    ['opacity', '<a href="/x/" style="opacity:0">链接</a>'],
    ['hidden attribute', '<p hidden><a href="/x/">链接</a></p>'],
    ['CSS escapes', '<a href="/x/" style="d\\69splay:none">链接</a>'],
    ['marquee', '<marquee height="1"><a href="/x/">链接</a></marquee>'],
  ])('reports a link hidden by %s, once, at the hiding element', (_, html) => {
    const found = hidden(`正文第一段。\n\n${html}\n`);
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe('error');
    expect(found[0]!.line).toBe(3);
    expect(found[0]!.message).toContain('暗链');
  });

  it('sees a Markdown link wrapped in hidden inline HTML', () => {
    const found = hidden('今年共调解纠纷<span style="display:none">[博彩](/x/)</span>920件。');
    expect(found).toHaveLength(1);
    expect(found[0]!.column).toBe(8);
    expect(found[0]!.message).toContain('/x/');
  });

  it('reports hidden text that is not a link too', () => {
    expect(hidden('<div style="display:none">关键词堆砌</div>')[0]!.message).toContain('看不见的文字');
  });

  it('reports links with nothing to see', () => {
    expect(hidden('见[](/x/)。')[0]!.message).toContain('没有文字的链接');
    expect(hidden('见<a href="/x/"></a>。')[0]!.message).toContain('没有文字的链接');
  });

  it('accepts visible links and formatting', () => {
    expect(hidden('见[通知](/x/)和<a href="/y/">公告</a>，<strong style="color:#c00">重点</strong>。')).toEqual([]);
    expect(hidden('[![图](/a.png)](/x/)')).toEqual([]);
  });
});

describe('hidingReason', () => {
  it('reads inline styles as the browser would', () => {
    expect(hidingReason('span', { style: 'DISPLAY : NONE' })).toBe('display:none');
    expect(hidingReason('span', { style: '/* x */display:/**/none' })).toBe('display:none');
    expect(hidingReason('span', { style: 'color:#333;background:#333 url(x)' })).toContain('背景色');
    expect(hidingReason('span', { style: 'position:relative;left:-20px' })).toBeUndefined();
    expect(hidingReason('span', { style: 'color:#000' })).toBeUndefined();
    expect(hidingReason('span', { style: 'width:50%' })).toBeUndefined();
  });
});
