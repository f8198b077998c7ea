import type { Block } from './blocks.ts';
import { metaPairs, readDocumentParts, type DocumentParts } from './document-parts.ts';
import { META_FIELDS } from './meta-fields.ts';

export interface ImportedSection {
  level: number;
  title: string;
  /** Markdown paragraphs and body headings (`### …`), in order; numbers not yet replaced. */
  body: string[];
  tables: string[][][];
  /** Source line of the heading, for notices. */
  line?: number;
}

export interface ImportedOutline {
  /** The document's GB/T 9704 parts (版头, 主送机关, 附件说明, 版记, CMS metadata…). */
  parts: DocumentParts;
  title?: string;
  meta: Record<string, string>;
  /** Paragraphs between the title (主送机关) and the first heading: the 导语. */
  preamble: string[];
  /** Tables before the first heading. */
  leadTables: string[][][];
  sections: ImportedSection[];
  signature?: string;
  writtenDate?: string;
}

const CN = '[一二三四五六七八九十]+';
const HEADINGS: { level: number; re: RegExp }[] = [
  { level: 1, re: new RegExp(`^${CN}[、，,.．]\\s*(.+)$`) },
  { level: 2, re: new RegExp(`^[（(]${CN}[）)]\\s*(.+)$`) },
  { level: 3, re: /^\d{1,2}[.．、]\s*(?!\d)(.+)$/ },
  { level: 4, re: /^[（(]\d{1,2}[）)]\s*(.+)$/ },
];

/** `发布时间:2023-01-04 11:30 信息来源:辰溪县司法局` → { publishedAt, source } (labels without a field are left out). */
export function parseMetaLine(text: string): Record<string, string> | undefined {
  const pairs = metaPairs(text);
  if (!pairs) return undefined;
  const out: Record<string, string> = {};
  for (const [label, value] of pairs) {
    const field = META_FIELDS[label];
    if (field && value) out[field] = value;
  }
  return out;
}

/** Splits a heading line into its title and, for run-in headings (`（一）标题。正文……`), the text after it. */
export function splitHeading(text: string, level: number): { title: string; rest?: string } | undefined {
  const m = HEADINGS.find((h) => h.level === level)!.re.exec(text);
  if (!m) return undefined;
  const content = m[1]!.trim();
  const stop = content.search(/[。！？]/);
  if (stop > 0 && stop <= 40 && stop < content.length - 1) return { title: content.slice(0, stop), rest: content.slice(stop + 1).trim() };
  return { title: content.replace(/[。：:]$/, '') };
}

export function headingLevelOf(text: string): number | undefined {
  return HEADINGS.find((h) => h.re.test(text))?.level;
}

/** Reads the outline of an official document from its blocks: its GB/T 9704 parts, then numbered headings. */
export function readOutline(blocks: Block[]): ImportedOutline {
  const parts = readDocumentParts(blocks);
  const outline: ImportedOutline = {
    parts,
    title: parts.title,
    meta: { ...parts.meta },
    preamble: [],
    leadTables: [],
    sections: [],
    signature: parts.signature,
    writtenDate: parts.writtenDate,
  };
  if (parts.docNumber) outline.meta['docNumber'] ??= parts.docNumber;

  let current: ImportedSection | undefined;
  for (const block of parts.body) {
    if (block.kind === 'table') {
      if (current) current.tables.push(block.rows);
      else outline.leadTables.push(block.rows);
      continue;
    }
    const text = block.text;
    const level = headingLevelOf(text);
    if (level !== undefined && (level <= 2 || current)) {
      const heading = splitHeading(text, level)!;
      if (level <= 2 || !current) {
        current = { level, title: heading.title, body: [], tables: [], line: block.line };
        outline.sections.push(current);
      } else {
        current.body.push(`${'#'.repeat(level)} ${heading.title}`);
      }
      if (heading.rest) current.body.push(heading.rest);
      continue;
    }
    if (current) current.body.push(text);
    else outline.preamble.push(text);
  }
  return outline;
}
