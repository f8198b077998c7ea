import type { Block } from './blocks.ts';

/** A plain-text report: one paragraph a line, as copied from a web page or a Word file. */
export function blocksFromText(text: string): Block[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line, i) => ({ kind: 'text' as const, text: line.replace(/^[\s\u3000]+|[\s\u3000]+$/g, ''), line: i + 1 }))
    .filter((b) => b.text !== '');
}
