import { createHash } from 'node:crypto';
import { parse, type DefaultTreeAdapterTypes as P } from 'parse5';
import { urlsOf } from '../lint/html-elements.ts';
import { hidingReason } from '../lint/hidden-style.ts';

/**
 * What a reader (or a search engine) gets from a page: its text in lines, the URLs it links to or
 * loads, the code it runs, and what it hides. Kept for every page at build time, so that `verify`
 * can name what a tamperer added without the original files at hand.
 */
export interface PageSnapshot {
  /** Title, meta descriptions and body text, one line per block. */
  text: string[];
  /** `tag attribute url`, e.g. `a href https://…`. */
  links: string[];
  /** `script src …`, `script inline sha256:…`, `onclick on <a> sha256:…`. */
  scripts: string[];
  /** `tag: reason: text` of elements hidden by inline style or attributes. */
  hidden: string[];
}

const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'caption', 'dd', 'details', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure',
  'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary',
  'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'body', 'html', 'head', 'option', 'marquee',
]);
const NOT_TEXT = new Set(['script', 'style', 'template', 'title', 'noscript']);

const shortHash = (s: string) => `sha256:${createHash('sha256').update(s).digest('hex').slice(0, 16)}`;
const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

function childrenOf(node: P.ParentNode): P.ChildNode[] {
  return node.nodeName === 'template' ? (node as P.Template).content.childNodes : node.childNodes;
}

/** A script or handler as written, shortened for a report line. */
export function scriptPreview(code: string): string {
  const one = collapse(code);
  return one.length > 120 ? `${one.slice(0, 120)}…` : one;
}

export function snapshotPage(html: string): PageSnapshot {
  const doc = parse(html);
  const snap: PageSnapshot = { text: [], links: [], scripts: [], hidden: [] };
  let line = '';
  const flush = () => {
    const t = collapse(line);
    if (t) snap.text.push(t);
    line = '';
  };
  const textOf = (node: P.ParentNode): string =>
    childrenOf(node)
      .map((c) => (c.nodeName === '#text' ? (c as P.TextNode).value : 'tagName' in c && !NOT_TEXT.has((c as P.Element).tagName) ? textOf(c as P.Element) : ''))
      .join('');
  const walk = (node: P.ParentNode, hidden: boolean) => {
    for (const child of childrenOf(node)) {
      if (child.nodeName === '#text') {
        line += (child as P.TextNode).value;
        continue;
      }
      if (!('tagName' in child)) continue;
      const el = child as P.Element;
      const tag = el.tagName;
      const attributes = Object.fromEntries(el.attrs.map((a) => [a.prefix ? `${a.prefix}:${a.name}` : a.name, a.value]));
      for (const { attribute, url } of urlsOf({ tag, attributes })) snap.links.push(`${tag} ${attribute} ${url}`);
      for (const [name, value] of Object.entries(attributes)) if (/^on/i.test(name)) snap.scripts.push(`${name} on <${tag}> ${shortHash(value)}`);
      if (tag === 'script') {
        snap.scripts.push(attributes.src !== undefined ? `script src ${attributes.src}` : `script inline ${shortHash(textOf(el))}`);
        continue;
      }
      if (tag === 'title') {
        flush();
        line = `<title> ${textOf(el)}`;
        flush();
        continue;
      }
      if (tag === 'meta' && attributes.content && (attributes.name || attributes.property)) {
        flush();
        line = `<meta ${attributes.name ?? attributes.property}> ${attributes.content}`;
        flush();
        continue;
      }
      if (NOT_TEXT.has(tag)) continue;
      const reason = hidden ? undefined : hidingReason(tag, attributes);
      if (reason) snap.hidden.push(`<${tag}> ${reason}: ${collapse(textOf(el)).slice(0, 80)}`);
      const block = BLOCK.has(tag);
      if (block) flush();
      walk(el, hidden || reason !== undefined);
      if (block) flush();
    }
  };
  walk(doc, false);
  flush();
  return snap;
}

/** The inline script or handler whose short hash is `id`, for showing what was added. */
export function findScript(html: string, id: string): string | undefined {
  const doc = parse(html);
  let found: string | undefined;
  const walk = (node: P.ParentNode) => {
    for (const child of childrenOf(node)) {
      if (found !== undefined || !('tagName' in child)) continue;
      const el = child as P.Element;
      if (el.tagName === 'script') {
        const code = el.childNodes.map((c) => (c.nodeName === '#text' ? (c as P.TextNode).value : '')).join('');
        if (id.endsWith(shortHash(code))) found = `<script>${scriptPreview(code)}</script>`;
      }
      for (const a of el.attrs) if (/^on/i.test(a.name) && id.endsWith(shortHash(a.value))) found = `<${el.tagName} ${a.name}="${scriptPreview(a.value)}">`;
      walk(el);
    }
  };
  walk(doc);
  return found;
}
