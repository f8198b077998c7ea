import type { Nodes } from 'mdast';

/** The text a reader sees: literal text plus the formatted values of metric references. */
export function plainText(node: Nodes): string {
  if (node.type === 'metricRef') return node.text ?? '';
  if ('value' in node && typeof node.value === 'string') return node.type === 'html' ? '' : node.value;
  if ('children' in node) {
    const sep = node.type === 'root' || node.type === 'list' || node.type === 'table' ? '\n' : '';
    return (node.children as Nodes[]).map(plainText).join(sep);
  }
  return '';
}
