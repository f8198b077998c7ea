/**
 * `npm run import-quality`: imports every document of tests/fixtures/import/ and prints how much of
 * each expected result import reached — headings, table cells, figures, labels, metadata fields.
 */
import path from 'node:path';
import { runCorpus, totals } from './lib/import-quality.ts';

const root = path.resolve(import.meta.dirname, '..');
const scores = await runCorpus(root);
const pct = (s: { right: number; total: number }) => (s.total ? `${((100 * s.right) / s.total).toFixed(1)}%` : '—');
const cell = (s: { right: number; total: number }) => `${s.right}/${s.total}`;
console.log(['文档', '标题', '表格格子', '数字', '指标名称', '元数据'].join('\t'));
for (const s of scores) console.log([s.file, cell(s.headings), cell(s.cells), cell(s.figures), cell(s.labels), cell(s.metadata)].join('\t'));
const t = totals(scores);
console.log('');
console.log(`${scores.length} 份文档`);
console.log(`标题正确     ${cell(t.headings)}  ${pct(t.headings)}`);
console.log(`表格格子正确 ${cell(t.cells)}  ${pct(t.cells)}`);
console.log(`数字找到     ${cell(t.figures)}  ${pct(t.figures)}`);
console.log(`指标名称准确 ${cell(t.labels)}  ${pct(t.labels)}`);
console.log(`元数据正确   ${cell(t.metadata)}  ${pct(t.metadata)}`);
if (process.argv.includes('--details')) {
  for (const s of scores) if (s.differences.length) console.log(`\n${s.file}\n  ${s.differences.join('\n  ')}`);
}
