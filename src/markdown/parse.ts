import type { Root } from 'mdast';
import remarkDirective from 'remark-directive';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { metricRefsFromDirectives, type DirectiveProblem } from './metric-ref.ts';

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkDirective);

export interface ParsedMarkdown {
  tree: Root;
  problems: DirectiveProblem[];
}

/** Markdown is parsed once, here; every output walks this tree. Lines are shifted by `firstLine - 1`. */
export function parseMarkdown(text: string, firstLine = 1): ParsedMarkdown {
  const tree = processor.runSync(processor.parse(text)) as Root;
  const problems = metricRefsFromDirectives(tree);
  shiftPositions(tree, firstLine - 1);
  for (const p of problems) p.line += firstLine - 1;
  return { tree, problems };
}

function shiftPositions(node: { position?: { start: { line: number }; end: { line: number } }; children?: unknown[] }, by: number) {
  if (node.position) {
    node.position.start.line += by;
    node.position.end.line += by;
  }
  for (const child of node.children ?? []) shiftPositions(child as typeof node, by);
}
