import type { Root } from 'mdast';
import type { YamlSource } from '../diagnostics/diagnostic.ts';
import type { SourcePosition } from '../diagnostics/diagnostic.ts';

/** One content file as the loader parsed it: its YAML values and, for a section, its Markdown body. */
export interface LintSource {
  file: string;
  kind: 'site' | 'report' | 'section';
  yaml?: YamlSource;
  body?: Root;
}

export type TextKind =
  /** A string written in YAML (title, metric label, issuer, site footer…). */
  | 'field'
  /** The visible text of a paragraph, heading or table cell. */
  | 'block'
  | 'code'
  | 'link-title'
  | 'image-alt'
  | 'url'
  /** Text and attribute values inside raw HTML. */
  | 'html-text'
  | 'html-attr';

/** A piece of text that gets published, and how to find each of its characters in the source. */
export interface PublishedText {
  file: string;
  sourceKind: LintSource['kind'];
  kind: TextKind;
  /** For YAML values: the key path, e.g. `metrics.2.label`; for blocks: `paragraph`, `heading`, `tableCell`. */
  where: string;
  text: string;
  /** Source position of the character at `offset` (UTF-16) in `text`. */
  at(offset: number): SourcePosition;
}

/** A URL the page will link to or load. */
export interface LinkRef {
  file: string;
  url: string;
  at: SourcePosition;
  /** The visible text of the link ('' when nothing is visible). */
  text: string;
  via: 'markdown-link' | 'markdown-image' | 'definition' | 'html';
  /** For raw HTML: the element and attribute, e.g. `a` / `href`. */
  tag?: string;
  attribute?: string;
}

/** An element written as raw HTML in Markdown. */
export interface HtmlElement {
  file: string;
  tag: string;
  attributes: Record<string, string>;
  at: SourcePosition;
  /** Why this element, or an ancestor, is not visible; undefined when it is. */
  hiddenBy?: string;
  /** True when the element is, or contains, a link. */
  containsLink: boolean;
  /** Targets of the links it is or contains. */
  hrefs: string[];
  /** Contains an image or other media, so it shows something even without text. */
  containsMedia: boolean;
  /** Its text content, whitespace collapsed. */
  text: string;
}

/** Everything the lint rules look at, gathered once from the sources. */
export interface LintSubject {
  texts: PublishedText[];
  links: LinkRef[];
  elements: HtmlElement[];
}
