/** Small helpers for the benchmark's figures. */
export function median(values: number[]): number {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export const secs = (s: number) => (Number.isFinite(s) ? s.toFixed(s < 10 ? 2 : 1) : '—');
export const ms = (s: number) => (Number.isFinite(s) ? (s * 1000).toFixed(1) : '—');
export const ratio = (r: number) => (Number.isFinite(r) ? `${r.toFixed(2)}×` : '—');

/** A plain-text table, columns padded for CJK width (two columns a character). */
export function table(head: string[], rows: string[][]): string {
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);
  const cols = head.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c + ' '.repeat(cols[i]! - width(c))).join(' | ')} |`;
  return [line(head), `|${cols.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}
