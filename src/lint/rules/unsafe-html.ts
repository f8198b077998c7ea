import type { Finding, LintRule } from '../rule.ts';

/** Elements that run code, embed other pages, restyle the site or collect input. */
const FORBIDDEN: Record<string, string> = {
  script: '脚本',
  iframe: '内嵌网页',
  frame: '框架',
  frameset: '框架',
  object: '插件对象',
  embed: '插件对象',
  applet: 'Java 小程序',
  style: '样式表',
  link: '外部资源引用',
  meta: 'meta 标签（可跳转到其他网站）',
  base: 'base 标签（会改变页面上所有链接）',
  form: '表单',
  input: '输入框',
  button: '按钮',
  textarea: '输入框',
  select: '下拉框',
  svg: 'SVG（可含脚本）',
  math: 'MathML',
  template: '模板',
  portal: '内嵌网页',
};

const DANGEROUS_STYLE = /expression\s*\(|url\s*\(|behavior\s*:|-moz-binding|@import/i;

export const unsafeHtml: LintRule = {
  id: 'lint.unsafe-html',
  severity: 'error',
  title: '正文 HTML 里的脚本、内嵌网页、插件、表单、事件属性（onclick 等）和可加载外部内容的样式',
  check(subject) {
    const out: Finding[] = [];
    for (const el of subject.elements) {
      const what = FORBIDDEN[el.tag];
      if (what) {
        out.push({
          at: el.at,
          message: `正文里不能有${what}：<${el.tag}>。被篡改的网页常用它插入跳转、广告或恶意代码。`,
          hint: `删除 <${el.tag}>。年报正文只用 Markdown 写文字、标题、列表、表格和链接。`,
          value: el.text || undefined,
        });
        continue;
      }
      for (const [name, value] of Object.entries(el.attributes)) {
        if (/^on/i.test(name)) {
          out.push({
            at: el.at,
            message: `<${el.tag}> 带有事件属性 ${name}，它会在读者的浏览器里执行代码。`,
            hint: `删除 ${name}="…"。`,
            value: `${name}="${value}"`,
          });
        } else if (name === 'srcdoc') {
          out.push({ at: el.at, message: `<${el.tag}> 带有 srcdoc，会内嵌一个网页。`, hint: '删除 srcdoc 属性。', value });
        } else if (name === 'style' && DANGEROUS_STYLE.test(value)) {
          out.push({
            at: el.at,
            message: `<${el.tag}> 的样式会加载外部内容或执行代码（url()、expression() 等）。`,
            hint: '删除 style 属性；正文的版式由网站统一设定。',
            value,
          });
        }
      }
    }
    return out;
  },
};
