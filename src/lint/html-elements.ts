import type { DefaultTreeAdapterTypes as P } from 'parse5';
import { hidingReason } from './hidden-style.ts';

/** An element of parsed HTML, with what matters for spotting injected content. */
export interface ParsedElement {
  tag: string;
  attributes: Record<string, string>;
  /** Offset of `<` in the parsed text. */
  offset: number;
  /** Offsets of each attribute's name in the parsed text. */
  attributeOffsets: Record<string, number>;
  hiddenBy?: string;
  containsLink: boolean;
  /** Contains an image or other media, so it shows something even without text. */
  containsMedia: boolean;
  /** Targets of the links it is or contains. */
  hrefs: string[];
  /** Text content, whitespace collapsed. */
  text: string;
}

const MEDIA = new Set(['img', 'picture', 'svg', 'video', 'canvas', 'object', 'embed', 'iframe', 'input', 'button']);

export interface ParsedText {
  value: string;
  offset: number;
  /** Inside script, style or template: never shown as text. */
  inert: boolean;
  hidden: boolean;
}

const INERT = new Set(['script', 'style', 'template', 'noembed', 'noframes', 'xmp', 'textarea', 'title']);

function childrenOf(node: P.ParentNode): P.ChildNode[] {
  return node.nodeName === 'template' ? (node as P.Template).content.childNodes : node.childNodes;
}

/** Flattens a parse5 tree (document or fragment parsed with `sourceCodeLocationInfo`). */
export function flattenHtml(root: P.ParentNode): { elements: ParsedElement[]; texts: ParsedText[] } {
  const elements: ParsedElement[] = [];
  const texts: ParsedText[] = [];
  const walk = (node: P.ParentNode, hiddenBy: string | undefined, inert: boolean): { media: boolean; hrefs: string[]; text: string } => {
    let media = false;
    const hrefs: string[] = [];
    let text = '';
    for (const child of childrenOf(node)) {
      if (child.nodeName === '#text') {
        const t = child as P.TextNode;
        texts.push({ value: t.value, offset: t.sourceCodeLocation?.startOffset ?? 0, inert, hidden: hiddenBy !== undefined });
        if (!inert) text += t.value;
        continue;
      }
      if (!('tagName' in child)) continue;
      const el = child as P.Element;
      const attributes: Record<string, string> = {};
      const attributeOffsets: Record<string, number> = {};
      for (const a of el.attrs) {
        const name = a.prefix ? `${a.prefix}:${a.name}` : a.name;
        attributes[name] = a.value;
        attributeOffsets[name] = el.sourceCodeLocation?.attrs?.[a.name]?.startOffset ?? el.sourceCodeLocation?.startOffset ?? 0;
      }
      const own = hidingReason(el.tagName, attributes);
      const entry: ParsedElement = {
        tag: el.tagName,
        attributes,
        attributeOffsets,
        offset: el.sourceCodeLocation?.startOffset ?? 0,
        containsLink: false,
        containsMedia: false,
        hrefs: [],
        text: '',
      };
      const hidden = hiddenBy ?? own;
      if (hidden !== undefined) entry.hiddenBy = hidden;
      elements.push(entry);
      const inner = walk(el, hidden, inert || INERT.has(el.tagName));
      const ownHref = (el.tagName === 'a' || el.tagName === 'area') && attributes.href !== undefined ? [attributes.href] : [];
      entry.hrefs = [...ownHref, ...inner.hrefs];
      entry.containsLink = entry.hrefs.length > 0;
      entry.containsMedia = inner.media || MEDIA.has(el.tagName);
      entry.text = inner.text.replace(/\s+/g, ' ').trim();
      hrefs.push(...entry.hrefs);
      media ||= entry.containsMedia;
      text += inner.text;
    }
    return { media, hrefs, text };
  };
  walk(root, undefined, false);
  return { elements, texts };
}

/** Attributes whose value is a URL the browser follows or loads. */
export const URL_ATTRIBUTES = ['href', 'src', 'action', 'formaction', 'data', 'poster', 'background', 'cite', 'longdesc', 'xlink:href', 'manifest', 'ping', 'lowsrc', 'dynsrc'];

/** Every URL an element refers to, with the attribute it is in. */
export function urlsOf(el: Pick<ParsedElement, 'tag' | 'attributes'>): { attribute: string; url: string }[] {
  const out: { attribute: string; url: string }[] = [];
  for (const name of URL_ATTRIBUTES) {
    const v = el.attributes[name];
    if (v !== undefined && v.trim() !== '') out.push({ attribute: name, url: v.trim() });
  }
  for (const name of ['srcset', 'imagesrcset']) {
    const v = el.attributes[name];
    if (v) for (const part of v.split(',')) if (part.trim()) out.push({ attribute: name, url: part.trim().split(/\s+/)[0]! });
  }
  if (el.tag === 'meta' && /refresh/i.test(el.attributes['http-equiv'] ?? '')) {
    const m = /url\s*=\s*['"]?([^'"\s;]+)/i.exec(el.attributes.content ?? '');
    if (m) out.push({ attribute: 'content', url: m[1]! });
  }
  return out;
}
