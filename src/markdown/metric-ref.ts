import type { Root, PhrasingContent, Text } from 'mdast';
import type { TextDirective, LeafDirective, ContainerDirective } from 'mdast-util-directive';
import { visit, SKIP } from 'unist-util-visit';

/**
 * A metric reference in the text: `:m[tiaojieyuan-zongshu]`. Resolved by the loader, which fills
 * `text` through formatMetric, so every renderer prints the same characters.
 */
export interface MetricRef {
  type: 'metricRef';
  id: string;
  /** The formatted value, set when the metric is known. */
  text?: string;
  position?: TextDirective['position'];
}

declare module 'mdast' {
  interface PhrasingContentMap {
    metricRef: MetricRef;
  }
  interface RootContentMap {
    metricRef: MetricRef;
  }
}

export const METRIC_DIRECTIVE = 'm';

export interface DirectiveProblem {
  kind: 'unknown-directive' | 'empty-ref';
  name: string;
  line: number;
  column: number;
}

/**
 * Turns `:m[id]` directives into metricRef nodes. Other directives are not part of the content
 * format: they go back to plain text (an ASCII colon in prose must not vanish) and are reported.
 */
export function metricRefsFromDirectives(tree: Root): DirectiveProblem[] {
  const problems: DirectiveProblem[] = [];
  visit(tree, (node, index, parent) => {
    if (node.type !== 'textDirective' && node.type !== 'leafDirective' && node.type !== 'containerDirective') return;
    if (!parent || index === undefined) return;
    const directive = node as TextDirective | LeafDirective | ContainerDirective;
    const pos = directive.position?.start ?? { line: 0, column: 0 };
    const label = directive.children
      .map((c) => ('value' in c ? String(c.value) : ''))
      .join('')
      .trim();
    if (directive.type === 'textDirective' && directive.name === METRIC_DIRECTIVE) {
      if (!label) problems.push({ kind: 'empty-ref', name: directive.name, line: pos.line, column: pos.column });
      const ref: MetricRef = { type: 'metricRef', id: label, position: directive.position };
      (parent.children as PhrasingContent[])[index] = ref;
      return SKIP;
    }
    // `11:30` and `3:1` parse as directives named 30 and 1: plain prose, nothing to report.
    if (/^[A-Za-z]/.test(directive.name)) problems.push({ kind: 'unknown-directive', name: directive.name, line: pos.line, column: pos.column });
    const text: Text = { type: 'text', value: `:${directive.name}${label ? `[${label}]` : ''}` };
    (parent.children as PhrasingContent[])[index] = text;
    return SKIP;
  });
  return problems;
}
