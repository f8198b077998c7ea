/**
 * A small XML reader for the parts of a DOCX (document, styles, settings, footers, theme): elements
 * with their attributes, text and children, in document order. OOXML is plain XML without DTDs, so
 * a tokenizer is enough; the project keeps no XML parser among its runtime dependencies.
 */

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}

export type XmlNode = XmlElement | string;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (m, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
    return ENTITIES[e] ?? m;
  });
}

const TOKEN = /<!\[CDATA\[([\s\S]*?)\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<\/([^\s>]+)\s*>|<([^\s/>]+)((?:\s+[^\s=]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
const ATTR = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** Parses `xml` into a root element named `#document`; throws on unbalanced tags. */
export function parseXml(xml: string): XmlElement {
  const root: XmlElement = { name: '#document', attrs: {}, children: [] };
  const stack: XmlElement[] = [root];
  for (const m of xml.matchAll(TOKEN)) {
    const top = stack[stack.length - 1]!;
    if (m[1] !== undefined) top.children.push(m[1]);
    else if (m[2] !== undefined) {
      if (top.name !== m[2]) throw new Error(`XML 标签不配对：</${m[2]}>`);
      stack.pop();
    } else if (m[3] !== undefined) {
      const attrs: Record<string, string> = {};
      for (const a of (m[4] ?? '').matchAll(ATTR)) attrs[a[1]!] = decodeEntities(a[2] ?? a[3] ?? '');
      const el: XmlElement = { name: m[3], attrs, children: [] };
      top.children.push(el);
      if (m[5] !== '/') stack.push(el);
    } else if (m[6] !== undefined) {
      if (stack.length > 1) top.children.push(decodeEntities(m[6]));
    }
  }
  if (stack.length !== 1) throw new Error(`XML 没有结束：<${stack[stack.length - 1]!.name}>`);
  return root;
}

export const elements = (node: XmlElement): XmlElement[] => node.children.filter((c): c is XmlElement => typeof c !== 'string');

/** The first child element called `name`. */
export const child = (node: XmlElement | undefined, name: string): XmlElement | undefined =>
  node ? elements(node).find((c) => c.name === name) : undefined;

/** Every element called `name` below `node`, in document order (not below a match). */
export function findAll(node: XmlElement, name: string, into: XmlElement[] = []): XmlElement[] {
  for (const c of elements(node)) {
    if (c.name === name) into.push(c);
    else findAll(c, name, into);
  }
  return into;
}

/** The first element called `name` below `node`. */
export const find = (node: XmlElement, name: string): XmlElement | undefined => findAll(node, name)[0];

/** `w:val` (or another attribute) of the child `name`. */
export const val = (node: XmlElement | undefined, name: string, attr = 'w:val'): string | undefined => child(node, name)?.attrs[attr];
