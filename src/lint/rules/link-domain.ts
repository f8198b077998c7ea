import type { Finding, LintRule } from '../rule.ts';
import type { LinkRef } from '../subject.ts';
import { urlScheme } from './unsafe-url.ts';

/** The host of an absolute or protocol-relative http(s) URL; undefined for a page of this site. */
export function externalHost(url: string): string | undefined {
  const trimmed = url.trim();
  const scheme = urlScheme(trimmed);
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') return undefined;
  if (scheme === undefined && !/^[\\/]{2}/.test(trimmed)) return undefined;
  try {
    return new URL(trimmed.replace(/^[\\/]{2}/, 'https://')).hostname.replace(/\.$/, '');
  } catch {
    return undefined;
  }
}

export function hostAllowed(host: string, allowed: readonly string[]): boolean {
  return allowed.some((d) => {
    const domain = d.toLowerCase().replace(/^\*?\./, '');
    return host === domain || host.endsWith(`.${domain}`);
  });
}

/** A link is followed by the reader; anything else (images, raw HTML src) is loaded with the page. */
const isLoad = (link: LinkRef) => link.via === 'markdown-image' || (link.via === 'html' && !(link.attribute === 'href' && (link.tag === 'a' || link.tag === 'area')));

export const linkDomain: LintRule = {
  id: 'lint.link-domain',
  severity: 'error',
  title: '链接到不在允许名单上的网站，或从其他网站加载图片等内容',
  check(subject, { settings, siteDomain }) {
    const out: Finding[] = [];
    const own = siteDomain ? [siteDomain.replace(/:\d+$/, '')] : [];
    for (const link of subject.links) {
      const host = externalHost(link.url);
      if (host === undefined) continue;
      if (isLoad(link)) {
        if (hostAllowed(host, own)) continue;
        out.push({
          at: link.at,
          message: `页面会从其他网站（${host}）加载内容。政府网站不从外部加载任何内容：很多政务网络屏蔽外部网站，外部内容也可能被人替换。`,
          hint: '把图片等文件下载后放进本网站，用本站地址引用。',
          value: link.url,
        });
        continue;
      }
      if (hostAllowed(host, [...own, ...settings.allowedDomains])) continue;
      out.push({
        at: link.at,
        message: `链接指向不在允许名单上的网站：${host}。外链域名过期后常被赌博网站抢注，检查时会被认定为问题链接。`,
        hint: `确认这个网站可靠后，把 ${host} 加到 site.yaml 的 lint.allowedDomains 里；否则删除这个链接。`,
        value: link.url,
      });
    }
    return out;
  },
};
