import { describe, expect, it } from 'vitest';
import { lintMarkdown, ofRule } from './lint-helpers.ts';

describe('lint.unsafe-html and lint.unsafe-url', () => {
  it.each([
    ['<script>alert(1)</script>', 'script'],
    ['<iframe src="/x/"></iframe>', 'iframe'],
    ['<object data="/x.swf"></object>', 'object'],
    ['<embed src="/x.swf">', 'embed'],
    ['<style>body{display:none}</style>', 'style'],
    ['<meta http-equiv="refresh" content="0;url=/x/">', 'meta'],
    ['<base href="/evil/">', 'base'],
    ['<form action="/x/"><input name="q"></form>', 'form'],
    ['<svg><script>alert(1)</script></svg>', 'svg'],
  ])('refuses %s', (html, tag) => {
    const found = ofRule(lintMarkdown(`第一段。\n\n${html}\n`), 'lint.unsafe-html');
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]!.message).toContain(`<${tag}>`);
    expect(found[0]!.line).toBe(3);
  });

  it('refuses event handlers and styles that load or run something', () => {
    const found = ofRule(lintMarkdown('图<img src="/a.png" onerror="alert(1)">，<span style="background:url(https://x.example/a.png)">字</span>'), 'lint.unsafe-html');
    expect(found.map((d) => d.value)).toEqual(['onerror="alert(1)"', 'background:url(https://x.example/a.png)']);
  });

  it.each([
    '[点击](javascript:alert(1))',
    '[点击](JaVaScRiPt:alert(1))',
    '<a href="java\tscript:alert(1)">点击</a>',
    '<a href="&#106;avascript:alert(1)">点击</a>',
    '<a href=" javascript:alert(1)">点击</a>',
    '[点击](vbscript:msgbox)',
    '![图](data:image/svg+xml;base64,PHN2Zz4=)',
  ])('refuses the executable URL in %s', (md) => {
    const found = ofRule(lintMarkdown(md), 'lint.unsafe-url');
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe('error');
  });

  it('accepts ordinary links', () => {
    const d = lintMarkdown('[通知](/ndbg/x/)、[邮件](mailto:sfj@chenxi.gov.cn)、[电话](tel:0745-5222000)、[省政府](https://www.hunan.gov.cn/)、[锚点](#yi)');
    expect(ofRule(d, 'lint.unsafe-url')).toEqual([]);
    expect(ofRule(d, 'lint.link-domain')).toEqual([]);
  });
});

describe('lint.link-domain', () => {
  it('refuses links to domains that are not allowed, and any load from another site', () => {
    const d = ofRule(lintMarkdown('[友情链接](https://www.example-bet.com/)、[本站](https://www.chenxi.gov.cn/a/)、![图](https://img.hunan.gov.cn/a.png)、[协议相对](//evil.example/)'), 'lint.link-domain');
    expect(d.map((x) => x.value)).toEqual(['https://www.example-bet.com/', 'https://img.hunan.gov.cn/a.png', '//evil.example/']);
    expect(d[0]!.hint).toContain('lint.allowedDomains');
    expect(d[1]!.message).toContain('加载');
  });

  it('follows the site allow-list, which replaces the default gov.cn', () => {
    const md = '[人民网](http://www.people.com.cn/)、[省政府](https://www.hunan.gov.cn/)';
    expect(ofRule(lintMarkdown(md, { allowedDomains: ['people.com.cn'] }), 'lint.link-domain').map((d) => d.value)).toEqual(['https://www.hunan.gov.cn/']);
  });

  it('checks URLs in raw HTML too', () => {
    const d = ofRule(lintMarkdown('<a href="https://bet.example/">链接</a><img src="https://cdn.example/a.png" alt="图">'), 'lint.link-domain');
    expect(d.map((x) => x.value)).toEqual(['https://bet.example/', 'https://cdn.example/a.png']);
  });
});
