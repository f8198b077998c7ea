import type { Element, ElementContent, Root, RootContent } from 'hast';
import { toText } from 'hast-util-to-text';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { hidingReason } from '../lint/hidden-style.ts';
import type { Block, ImportNotice } from './blocks.ts';

const DROPPED = new Set(['script', 'style', 'noscript', 'iframe', 'object', 'embed', 'template', 'head', 'form', 'button', 'select']);
const BLOCKS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'blockquote', 'pre', 'dt', 'dd']);

const snippet = (el: Element) => toText(el).replace(/\s+/g, ' ').slice(0, 60);

/**
 * Reads an HTML page (or mammoth's HTML of a DOCX) into blocks. Scripts, frames and hidden
 * elements are not imported; each is reported so the editor sees what the page carried.
 */
export function blocksFromHtml(html: string, notices: ImportNotice[]): Block[] {
  const tree = unified().use(rehypeParse).parse(html) as Root;
  const blocks: Block[] = [];
  let pending: string[] = [];
  const flush = () => {
    const text = pending.join('').replace(/[ \t\u00a0]+/g, ' ').trim();
    if (text) blocks.push({ kind: 'text', text });
    pending = [];
  };

  const walk = (node: RootContent | ElementContent) => {
    if (node.type === 'text') {
      pending.push(node.value);
      return;
    }
    if (node.type !== 'element') return;
    const tag = node.tagName;
    // The lint's own judgement of hidden markup (暗链): what import drops is what check would refuse.
    const hidden = hidingReason(tag, attributesOf(node));
    if (DROPPED.has(tag) || hidden) {
      if (tag === 'script') notices.push({ severity: 'error', message: '网页里有脚本（<script>），没有导入。', where: snippet(node) || String(node.properties?.['src'] ?? '') });
      else if (tag === 'iframe' || tag === 'object' || tag === 'embed') notices.push({ severity: 'error', message: `网页里有嵌入内容（<${tag}>），没有导入。`, where: String(node.properties?.['src'] ?? node.properties?.['data'] ?? '') });
      else if (hidden) {
        const links = collectLinks(node);
        notices.push({
          severity: 'error',
          message: `网页里有隐藏的${links.length ? '链接（暗链）' : '内容'}（${hidden}），没有导入。`,
          where: [snippet(node), ...links].filter(Boolean).join(' '),
        });
      }
      return;
    }
    if (tag === 'br') {
      flush();
      return;
    }
    if (tag === 'table') {
      flush();
      blocks.push({ kind: 'table', rows: tableRows(node) });
      return;
    }
    const isBlock = BLOCKS.has(tag) || tag === 'div' || tag === 'section' || tag === 'article' || tag === 'tr';
    if (isBlock) flush();
    if (/^h[1-6]$/.test(tag)) {
      const text = toText(node).replace(/\s+/g, ' ').trim();
      if (text) blocks.push({ kind: 'text', text, headingLevel: Number(tag[1]) });
      return;
    }
    for (const child of node.children) walk(child);
    if (isBlock) flush();
  };
  for (const child of tree.children) walk(child);
  flush();
  return blocks;
}

function attributesOf(node: Element): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(node.properties ?? {})) {
    if (value === false || value === undefined || value === null) continue;
    out[key.toLowerCase()] = Array.isArray(value) ? value.join(' ') : String(value);
  }
  return out;
}

function collectLinks(node: Element): string[] {
  const out: string[] = [];
  const visit = (n: ElementContent) => {
    if (n.type !== 'element') return;
    if (n.tagName === 'a' && n.properties?.['href']) out.push(String(n.properties['href']));
    n.children.forEach(visit);
  };
  visit(node);
  return out;
}

/** A table's rows as a grid: a merged cell (colspan, rowspan) repeats its text in every position it covers. */
function tableRows(table: Element): string[][] {
  const grid: string[][] = [];
  const taken: boolean[][] = [];
  let r = 0;
  const visit = (n: ElementContent) => {
    if (n.type !== 'element') return;
    if (n.tagName === 'table') return; // a nested table is its own block
    if (n.tagName === 'tr') {
      grid[r] ??= [];
      taken[r] ??= [];
      let c = 0;
      for (const cell of n.children) {
        if (cell.type !== 'element' || (cell.tagName !== 'td' && cell.tagName !== 'th')) continue;
        while (taken[r]![c]) c++;
        const text = toText(cell).replace(/\s+/g, '').trim();
        const colspan = Math.max(1, Math.min(50, Number(cell.properties?.['colSpan'] ?? 1) || 1));
        const rowspan = Math.max(1, Math.min(200, Number(cell.properties?.['rowSpan'] ?? 1) || 1));
        for (let dr = 0; dr < rowspan; dr++) {
          grid[r + dr] ??= [];
          taken[r + dr] ??= [];
          for (let dc = 0; dc < colspan; dc++) {
            grid[r + dr]![c + dc] = text;
            taken[r + dr]![c + dc] = true;
          }
        }
        c += colspan;
      }
      r++;
      return;
    }
    n.children.forEach(visit);
  };
  table.children.forEach(visit);
  return grid.map((row) => Array.from({ length: row.length }, (_, i) => row[i] ?? ''));
}
