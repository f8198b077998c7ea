/**
 * Report Markdown (mdast, as the loader built it) → safe HTML. One pipeline for the web pages and
 * the print pages: mdast → hast (metric references and numbered headings) → raw HTML parsed →
 * sanitised to an allow-list → HTML text.
 */
import type { Element, ElementContent, Nodes as HastNodes, Root as HastRoot } from 'hast';
import type { Heading, Root } from 'mdast';
import { raw } from 'hast-util-raw';
import { sanitize } from 'hast-util-sanitize';
import { toHtml } from 'hast-util-to-html';
import { defaultHandlers, toHast, type State } from 'mdast-util-to-hast';
import { EXIT, visit } from 'unist-util-visit';
import type { MetricRef } from './metric-ref.ts';
import { reportSchema } from './sanitize-schema.ts';

export interface HtmlOptions {
  /** HTML heading level = Markdown depth + this (a level-1 section is an h2 under the page's h1). */
  headingOffset?: number;
  /** Prefix of generated ids (headings, footnotes), unique per section on a page. */
  idPrefix?: string;
}

/** HTML already made from a tree, by options: the report page and its print pages set the same sections alike. */
const made = new WeakMap<Root, Map<string, string>>();

/**
 * The tree as HTML. A report's trees are read-only once loaded, and the report page and the print
 * pages (public and filing) convert each section with the same options: the conversion is made
 * once a tree (half of it was a second conversion of the same sections, about 0.9 s of the
 * portal's 16 s at a thousand reports). A new model brings new trees (the live preview's reload).
 */
export function markdownToHtml(root: Root, options: HtmlOptions = {}): string {
  const key = `${options.headingOffset ?? 1}\0${options.idPrefix ?? 'md-'}`;
  let byOptions = made.get(root);
  let html = byOptions?.get(key);
  if (html === undefined) {
    html = toHtml(markdownToHast(root, options));
    if (!byOptions) made.set(root, (byOptions = new Map()));
    byOptions.set(key, html);
  }
  return html;
}

export function markdownToHast(root: Root, options: HtmlOptions = {}): HastRoot {
  const offset = options.headingOffset ?? 1;
  const prefix = options.idPrefix ?? 'md-';
  const hast = toHast(root, {
    allowDangerousHtml: true,
    clobberPrefix: `${prefix}fn-`,
    footnoteLabel: '注释',
    footnoteLabelTagName: 'p',
    footnoteLabelProperties: { className: [] },
    footnoteBackLabel: (i) => `返回正文第 ${i + 1} 处引用`,
    handlers: {
      metricRef: (_state: State, node: MetricRef): Element => ({
        type: 'element',
        tagName: 'span',
        properties: { className: ['metric'], dataMetric: node.id },
        children: [{ type: 'text', value: node.text ?? node.id }],
      }),
      heading: (state: State, node: Heading): Element => {
        const el = defaultHandlers.heading(state, node);
        el.tagName = `h${Math.min(6, Math.max(3, node.depth + offset))}`;
        const number = (node.data as { number?: string } | undefined)?.number;
        if (number) el.properties = { ...el.properties, dataNbNumber: number };
        return el;
      },
    },
  }) as HastRoot;
  // hast-util-raw parses the tree again (parse5) to take in the raw HTML Markdown may hold, some
  // 45 % of this function's time. Most sections hold none; without it, all the second parse changes
  // is a data attribute set to true (the footnotes' marks), which it reads back as an empty string.
  const parsed = hasRawHtml(hast) ? (raw(hast) as HastRoot) : dataFlagsAsText(hast);
  const clean = sanitize(parsed, reportSchema) as HastRoot;
  finish(clean, prefix);
  return clean;
}

function hasRawHtml(tree: HastRoot): boolean {
  let found = false;
  visit(tree, 'raw', () => {
    found = true;
    return EXIT;
  });
  return found;
}

/** `data-footnote-ref` as HTML parsed gives it (value ""), not as a flag (true): the same bytes as after hast-util-raw. */
function dataFlagsAsText(tree: HastRoot): HastRoot {
  visit(tree, 'element', (node: Element) => {
    for (const [key, value] of Object.entries(node.properties)) if (value === true && /^data[A-Z]/.test(key)) node.properties[key] = '';
  });
  return tree;
}

/** Numbers and ids on headings; drops what the allow-list can't express (outside-origin images, empty links). */
function finish(tree: HastRoot, prefix: string): void {
  let headings = 0;
  const walk = (parent: { children: (ElementContent | HastRoot['children'][number])[] }) => {
    parent.children = parent.children.filter((child) => {
      if (child.type !== 'element') return true;
      if (child.tagName === 'img' && isOtherOrigin(child.properties.src)) return false;
      if (child.tagName === 'a') {
        if (isOtherOrigin(child.properties.href, true)) delete child.properties.href;
        // A link with nothing to read is a hidden link (暗链), not content.
        if (!hasReadableContent(child)) return false;
      }
      return true;
    });
    for (const child of parent.children) {
      if (child.type !== 'element') continue;
      const props = child.properties;
      if (Array.isArray(props.className) && props.className.length === 0) delete props.className;
      // mdast-util-to-hast names the footnote label with a fixed id; several sections share a page.
      if (props.id === 'footnote-label') props.id = `${prefix}fn-label`;
      if (Array.isArray(props.ariaDescribedBy) && props.ariaDescribedBy.includes('footnote-label')) props.ariaDescribedBy = [`${prefix}fn-label`];
      if (/^h[3-6]$/.test(child.tagName)) {
        const number = child.properties.dataNbNumber;
        delete child.properties.dataNbNumber;
        if (typeof number === 'string' && number) {
          headings += 1;
          child.properties.id = `${prefix}${headings}`;
          child.children.unshift({ type: 'element', tagName: 'span', properties: { className: ['heading-number'] }, children: [{ type: 'text', value: number }] });
        }
      }
      walk(child);
    }
  };
  walk(tree as never);
}

/** Protocol-relative and backslash URLs have no colon, so the sanitiser's protocol check lets them through. */
function isOtherOrigin(value: unknown, linkOnly = false): boolean {
  if (typeof value !== 'string') return false;
  const v = value.trim();
  if (/^[\\/]{2}/.test(v) || /^\/\\/.test(v)) return true;
  return !linkOnly && /^[a-z][a-z0-9+.-]*:/i.test(v);
}

function hasReadableContent(node: HastNodes): boolean {
  if (node.type === 'text') return node.value.trim().length > 0;
  if (node.type === 'element') {
    if (node.tagName === 'img') return typeof node.properties.alt === 'string' && node.properties.alt.trim().length > 0;
    return node.children.some((c) => hasReadableContent(c));
  }
  return false;
}
