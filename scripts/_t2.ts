import { loadContent } from '../src/content/index.ts';
const r = loadContent(process.argv[2] ?? '.');
for (const d of r.diagnostics) console.log(`${d.file}:${d.line}:${d.column} ${d.severity} ${d.rule} ${d.message}${d.hint ? '\n  提示：' + d.hint : ''}`);
if (r.ok) for (const rep of r.model.reports) console.log(rep.slug, rep.sections.map(s => s.number + s.title).join(' | '), Object.keys(rep.metrics).length, rep.rules.length);
