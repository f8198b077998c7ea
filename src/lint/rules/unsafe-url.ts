import type { Finding, LintRule } from '../rule.ts';

const SAFE_SCHEMES = new Set(['http', 'https', 'mailto', 'tel']);

/**
 * The scheme of a URL as the browser reads it: browsers drop tabs, line breaks and leading control
 * characters, so `java\tscript:` is still javascript:. Undefined for a relative URL.
 */
export function urlScheme(url: string): string | undefined {
  const cleaned = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
  const m = /^([a-z][a-z0-9+.-]*):/.exec(cleaned);
  return m?.[1];
}

export const unsafeUrl: LintRule = {
  id: 'lint.unsafe-url',
  severity: 'error',
  title: 'javascript:、data:、vbscript: 等可执行或内嵌内容的链接地址',
  check(subject) {
    const out: Finding[] = [];
    for (const link of subject.links) {
      const scheme = urlScheme(link.url);
      if (scheme === undefined || SAFE_SCHEMES.has(scheme)) continue;
      out.push({
        at: link.at,
        message: `链接地址用了 ${scheme}: 协议${link.tag ? `（<${link.tag} ${link.attribute}>）` : ''}，${scheme === 'javascript' || scheme === 'vbscript' ? '点击时会执行代码' : '可能内嵌或打开不安全的内容'}。`,
        hint: '链接只能指向 http(s) 网址、本站页面、电子邮箱（mailto:）或电话（tel:）。删除或改正这个链接。',
        value: link.url,
      });
    }
    return out;
  },
};
