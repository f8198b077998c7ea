import type { Nodes, Root } from 'mdast';
import { parseFragment } from 'parse5';
import { flattenHtml, urlsOf } from './html-elements.ts';
import { PieceMap } from './positions.ts';
import type { HtmlElement, LinkRef, PublishedText } from './subject.ts';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const WRAP: Partial<Record<Nodes['type'], string>> = {
  paragraph: 'p',
  blockquote: 'blockquote',
  list: 'ul',
  listItem: 'li',
  table: 'table',
  tableRow: 'tr',
  tableCell: 'td',
  emphasis: 'em',
  strong: 'strong',
  delete: 'del',
};

/**
 * Raw HTML in Markdown is split into pieces around the Markdown it wraps (`<span style="display:none">`,
 * a Markdown link, `</span>`). The body is written out as one HTML text, Markdown rendered plainly,
 * so that the browser's parse (parse5) sees the same nesting; raw pieces keep exact positions.
 */
function serialize(tree: Root, file: string): { map: PieceMap; raw: [number, number][] } {
  const map = new PieceMap(file);
  const raw: [number, number][] = [];
  const out = (s: string, node: Nodes) => map.add(s, node.position?.start, false);
  const visit = (node: Nodes): void => {
    switch (node.type) {
      case 'html': {
        const from = map.text.length;
        map.add(node.value, node.position?.start, true);
        raw.push([from, map.text.length]);
        return;
      }
      case 'text':
      case 'inlineCode':
        out(esc(node.value), node);
        return;
      case 'code':
        out(`<pre>${esc(node.value)}</pre>`, node);
        return;
      case 'metricRef':
        out(esc(node.text ?? ''), node);
        return;
      case 'break':
        out('<br>', node);
        return;
      case 'thematicBreak':
        out('<hr>', node);
        return;
      case 'image':
        out(`<img src="${esc(node.url)}" alt="${esc(node.alt ?? '')}">`, node);
        return;
      case 'link':
        out(`<a href="${esc(node.url)}">`, node);
        for (const c of node.children) visit(c);
        out('</a>', node);
        return;
      case 'heading':
        out(`<h${node.depth}>`, node);
        for (const c of node.children) visit(c);
        out(`</h${node.depth}>`, node);
        return;
      default: {
        const tag = WRAP[node.type];
        if (tag) out(`<${tag}>`, node);
        if ('children' in node) for (const c of node.children as Nodes[]) visit(c);
        if (tag) out(`</${tag}>`, node);
      }
    }
  };
  visit(tree);
  return { map, raw };
}

function hasRawHtml(node: Nodes): boolean {
  if (node.type === 'html') return true;
  return 'children' in node && (node.children as Nodes[]).some(hasRawHtml);
}

/** Elements, URLs and text written as raw HTML in a Markdown body. */
export function collectRawHtml(file: string, tree: Root): { elements: HtmlElement[]; links: LinkRef[]; texts: PublishedText[] } {
  const result = { elements: [] as HtmlElement[], links: [] as LinkRef[], texts: [] as PublishedText[] };
  if (!hasRawHtml(tree)) return result;
  const { map, raw } = serialize(tree, file);
  const isRaw = (offset: number) => raw.some(([a, b]) => offset >= a && offset < b);
  const { elements, texts } = flattenHtml(parseFragment(map.text, { sourceCodeLocationInfo: true }));
  for (const el of elements) {
    if (!isRaw(el.offset)) continue;
    const at = map.at(el.offset);
    const element: HtmlElement = { file, tag: el.tag, attributes: el.attributes, at, containsLink: el.containsLink, hrefs: el.hrefs, containsMedia: el.containsMedia, text: el.text };
    if (el.hiddenBy !== undefined) element.hiddenBy = el.hiddenBy;
    result.elements.push(element);
    for (const { attribute, url } of urlsOf(el)) {
      result.links.push({ file, url, at: map.at(el.attributeOffsets[attribute] ?? el.offset), text: el.text, via: 'html', tag: el.tag, attribute });
    }
    for (const [name, value] of Object.entries(el.attributes)) {
      if (name === 'style' || urlsOf({ tag: el.tag, attributes: { [name]: value } }).length > 0 || value.trim() === '') continue;
      const start = el.attributeOffsets[name] ?? el.offset;
      result.texts.push({ file, sourceKind: 'section', kind: 'html-attr', where: `<${el.tag} ${name}>`, text: value, at: () => map.at(start) });
    }
  }
  for (const t of texts) {
    if (t.inert || !isRaw(t.offset) || t.value.trim() === '') continue;
    const start = t.offset;
    result.texts.push({ file, sourceKind: 'section', kind: 'html-text', where: 'html', text: t.value, at: (i) => map.at(start + i) });
  }
  return result;
}
