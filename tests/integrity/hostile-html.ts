import { parseFragment } from 'parse5';
import { flattenHtml, urlsOf } from '../../src/lint/html-elements.ts';
import { hidingReason } from '../../src/lint/hidden-style.ts';
import { urlScheme } from '../../src/lint/rules/unsafe-url.ts';

const EXECUTABLE_TAGS = new Set(['script', 'iframe', 'frame', 'object', 'embed', 'applet', 'style', 'link', 'meta', 'base', 'form', 'svg', 'math', 'template', 'portal']);
const SAFE_SCHEMES = new Set(['http', 'https', 'mailto', 'tel']);

/**
 * Everything in an HTML fragment that could run code, load from elsewhere or hide content, as the
 * browser will parse it. Empty for safe HTML.
 */
export function dangersIn(html: string): string[] {
  const out: string[] = [];
  const { elements } = flattenHtml(parseFragment(html));
  for (const el of elements) {
    if (EXECUTABLE_TAGS.has(el.tag)) out.push(`<${el.tag}>`);
    for (const [name, value] of Object.entries(el.attributes)) {
      if (/^on/i.test(name)) out.push(`${name}="${value}"`);
      if (name === 'style' || name === 'srcdoc' || name === 'hidden') out.push(`${name}="${value}"`);
    }
    for (const { url } of urlsOf(el)) {
      const scheme = urlScheme(url);
      if (scheme !== undefined && !SAFE_SCHEMES.has(scheme)) out.push(`${scheme}: ${url}`);
    }
    const hidden = hidingReason(el.tag, el.attributes);
    if (hidden) out.push(`hidden <${el.tag}>: ${hidden}`);
  }
  return out;
}
