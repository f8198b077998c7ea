/**
 * The checks and values that need every report at once, computed once per load: derived 索引号
 * (and their uniqueness), the warning for published reports whose 索引号 is not yet written down,
 * and the county roll-ups.
 */
import { diag, type Diagnostic } from '../diagnostics/diagnostic.ts';
import type { Issuer } from '../schema/issuer.ts';
import { deriveIndexNumbers } from './index-numbers.ts';
import type { ReportModel } from './model.ts';
import { checkRollups } from './rollups.ts';

export interface AcrossOptions {
  /** YYYY-MM-DD: reports published before it should have their 索引号 written down. */
  today: string;
  /** `issuer\0year\0type` of reports that exist but did not load. */
  unloaded?: ReadonlySet<string>;
}

export function resolveAcrossReports(reports: readonly ReportModel[], issuers: readonly Issuer[], options: AcrossOptions): Diagnostic[] {
  const out: Diagnostic[] = [];
  const derived = deriveIndexNumbers(
    reports.map((r) => ({ slug: r.slug, issuer: r.issuer, publishedAt: r.meta.publishedAt, draft: r.meta.status === 'draft', indexNumber: r.meta.indexNumber })),
  );
  const seen = new Map<string, ReportModel>();
  for (const r of [...reports].sort((a, b) => a.slug.localeCompare(b.slug))) {
    r.indexNumber = r.meta.indexNumber ?? derived.get(r.slug)!;
    r.indexNumberDerived = r.meta.indexNumber === undefined;
    const other = seen.get(r.indexNumber);
    if (other) {
      out.push(
        diag('error', 'report.duplicate-index-number', { file: `${fileOf(r)}`, line: 0, column: 0 }, `索引号 ${r.indexNumber} 与报告 ${other.slug} 的重复。`, {
          hint: r.indexNumberDerived ? '这个索引号是自动编的，与另一份报告手写的相同：检查那份报告的索引号，或在这份报告里写上 indexNumber。' : '每份报告的索引号都不同：检查流水号。',
          value: r.indexNumber,
        }),
      );
    } else seen.set(r.indexNumber, r);
    if (r.indexNumberDerived && r.meta.status !== 'draft' && r.meta.publishedAt.slice(0, 10) < options.today) {
      out.push(
        diag('warning', 'report.index-number-unrecorded', r.metaAt.publishedAt, `这份报告已于 ${r.meta.publishedAt} 发布，索引号 ${r.indexNumber} 却还是自动编号：以后增删报告可能改变它。`, {
          hint: '运行 nianbao number，把自动编出的索引号写进 report.yaml（只插入 indexNumber 一行，不改动其他内容）。',
          value: r.indexNumber,
        }),
      );
    }
  }
  out.push(...checkRollups(reports, issuers, options.unloaded));
  return out;
}

const fileOf = (r: ReportModel) => r.metaAt.issuer.file;
