import type { Nodes, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import type { YamlSource } from '../diagnostics/diagnostic.ts';
import { collectRawHtml } from './body-html.ts';
import { PieceMap, positionWithin } from './positions.ts';
import type { LinkRef, LintSource, LintSubject, PublishedText } from './subject.ts';

/** Every string value written in a YAML file, with its key path. */
function yamlTexts(source: LintSource, yaml: YamlSource): PublishedText[] {
  const out: PublishedText[] = [];
  const walk = (value: unknown, path: (string | number)[]) => {
    if (typeof value === 'string') {
      if (value.trim() === '') return;
      const start = yaml.positionOf(path);
      out.push({
        file: source.file,
        sourceKind: source.kind,
        kind: 'field',
        where: path.join('.'),
        text: value,
        at: (i) => positionWithin(source.file, start, value, i),
      });
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, [...path, i]));
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
    }
  };
  walk(yaml.data, []);
  return out;
}

/** Stands for inline code in prose: code is checked on its own, not for Chinese typography. */
const CODE_MARK = '\ufffc';

/** The visible characters of a paragraph, heading or table cell, each traceable to its source. */
function blockText(file: string, block: Nodes): PieceMap {
  const map = new PieceMap(file);
  const add = (node: Nodes): void => {
    switch (node.type) {
      case 'text':
        map.add(node.value, node.position?.start);
        return;
      case 'inlineCode':
        map.add(CODE_MARK, node.position?.start, false);
        return;
      case 'metricRef':
        map.add(node.text ?? '', node.position?.start, false);
        return;
      case 'break':
        map.add('\n', node.position?.start, false);
        return;
      case 'html':
      case 'image':
        return;
      default:
        if ('children' in node) for (const c of node.children as Nodes[]) add(c);
    }
  };
  add(block);
  return map;
}

function markdownSubject(file: string, tree: Root, subject: LintSubject): void {
  const text = (kind: PublishedText['kind'], where: string, value: string, at: PublishedText['at']) =>
    subject.texts.push({ file, sourceKind: 'section', kind, where, text: value, at });
  const start = (node: Nodes) => ({ file, line: node.position?.start.line ?? 0, column: node.position?.start.column ?? 0 });

  visit(tree, (node: Nodes) => {
    switch (node.type) {
      case 'paragraph':
      case 'heading':
      case 'tableCell': {
        const map = blockText(file, node);
        if (map.text.trim() !== '') text('block', node.type, map.text, (i) => map.at(i));
        return;
      }
      case 'code': {
        const from = { line: (node.position?.start.line ?? 0) + 1, column: 1 };
        text('code', 'code', node.value, (i) => positionWithin(file, from, node.value, i));
        return;
      }
      case 'inlineCode': {
        // Backticks around the value: the value starts one column in.
        const from = { line: node.position?.start.line ?? 0, column: (node.position?.start.column ?? 0) + 1 };
        text('code', 'inlineCode', node.value, (i) => positionWithin(file, from, node.value, i));
        return;
      }
      case 'link':
      case 'image':
      case 'definition': {
        const at = start(node);
        const hasImage = node.type === 'link' && node.children.some((c) => c.type === 'image' || c.type === 'imageReference');
        const visible = node.type === 'link' ? toString(node) || (hasImage ? '[图片]' : '') : '';
        const link: LinkRef = {
          file,
          url: node.url,
          at,
          text: visible,
          via: node.type === 'link' ? 'markdown-link' : node.type === 'image' ? 'markdown-image' : 'definition',
        };
        subject.links.push(link);
        if (node.title) text('link-title', `${node.type}.title`, node.title, () => at);
        if (node.type === 'image' && node.alt) text('image-alt', 'image.alt', node.alt, () => at);
        return;
      }
    }
  });
  const raw = collectRawHtml(file, tree);
  subject.elements.push(...raw.elements);
  subject.links.push(...raw.links);
  subject.texts.push(...raw.texts);
}

/** Gathers what gets published from every parsed content file. */
export function collectSubject(sources: readonly LintSource[]): LintSubject {
  const subject: LintSubject = { texts: [], links: [], elements: [] };
  for (const source of sources) {
    if (source.yaml) subject.texts.push(...yamlTexts(source, source.yaml));
    if (source.body) markdownSubject(source.file, source.body, subject);
  }
  // URLs are text too: a gambling site's pinyin domain is an injected term.
  for (const link of subject.links) {
    subject.texts.push({ file: link.file, sourceKind: 'section', kind: 'url', where: link.via, text: link.url, at: () => link.at });
  }
  return subject;
}
