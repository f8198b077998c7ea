/**
 * `nianbao number`: writes derived 索引号 into report.yaml, so that a published number can no
 * longer move when reports are added. Only the one line is inserted; the rest of the file stays
 * byte for byte (comments, order, quoting, BOM, line ends).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deriveIndexNumbers, type NumberedReport } from './index-numbers.ts';
import type { ContentModel, ReportModel } from './model.ts';

export interface IndexNumberRecord {
  report: ReportModel;
  /** report.yaml, relative to the project root. */
  file: string;
  indexNumber: string;
}

/**
 * The derived numbers to write: those of the published reports (of `year`, if given), plus any
 * other derived number that writing them would move (written too, so that none changes).
 */
export function indexNumbersToRecord(model: Pick<ContentModel, 'root' | 'reports' | 'drafts'>, year?: number): IndexNumberRecord[] {
  const all = [...model.reports, ...model.drafts];
  const chosen = new Set(model.reports.filter((r) => r.indexNumberDerived && (year === undefined || r.meta.year === year)).map((r) => r.slug));
  for (;;) {
    const numbered: NumberedReport[] = all.map((r) => ({
      slug: r.slug,
      issuer: r.issuer,
      publishedAt: r.meta.publishedAt,
      draft: r.meta.status === 'draft',
      indexNumber: chosen.has(r.slug) ? r.indexNumber : r.meta.indexNumber,
    }));
    const after = deriveIndexNumbers(numbered);
    const moved = all.filter((r) => r.indexNumberDerived && !chosen.has(r.slug) && r.meta.status !== 'draft' && after.get(r.slug) !== r.indexNumber);
    if (moved.length === 0) break;
    for (const r of moved) chosen.add(r.slug);
  }
  return all
    .filter((r) => chosen.has(r.slug))
    .sort((a, b) => a.slug.localeCompare(b.slug))
    .map((report) => ({ report, file: path.relative(model.root, path.join(report.dir, 'report.yaml')).split(path.sep).join('/'), indexNumber: report.indexNumber }));
}

/**
 * Inserts `indexNumber: …` into report.yaml text: in place of a commented-out `# indexNumber:`
 * line (the skeletons have one), else after `docNumber:` or `publishedAt:`, else at the end.
 * Returns the new text and the 1-based line written.
 */
export function insertIndexNumber(text: string, indexNumber: string): { text: string; line: number } {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  const entry = `indexNumber: ${indexNumber}`;
  const placeholder = lines.findIndex((l) => /^#\s*indexNumber:/.test(l));
  if (placeholder >= 0) {
    lines[placeholder] = entry;
    return { text: lines.join(eol), line: placeholder + 1 };
  }
  const after = ['docNumber', 'publishedAt'].map((key) => lines.findIndex((l) => l.startsWith(`${key}:`))).find((i) => i >= 0);
  if (after !== undefined) {
    lines.splice(after + 1, 0, entry);
    return { text: lines.join(eol), line: after + 2 };
  }
  const endsWithNewline = lines.at(-1) === '';
  if (endsWithNewline) lines.splice(lines.length - 1, 0, entry);
  else lines.push(entry);
  return { text: lines.join(eol) + (endsWithNewline ? '' : eol), line: endsWithNewline ? lines.length - 1 : lines.length };
}

/** Writes one record into its report.yaml; returns the line written. */
export function recordIndexNumber(root: string, record: IndexNumberRecord): number {
  const file = path.join(root, record.file);
  const { text, line } = insertIndexNumber(readFileSync(file, 'utf8'), record.indexNumber);
  writeFileSync(file, text);
  return line;
}
