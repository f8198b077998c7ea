/**
 * A published 索引号 never changes: before a build replaces an output folder, every derived
 * number is compared with the one the previous output published for that report (its
 * data/<slug>.json). A difference stops the build, before anything is written.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ContentModel } from '../content/index.ts';
import { diag, type Diagnostic } from '../diagnostics/diagnostic.ts';

export function checkPublishedIndexNumbers(model: Pick<ContentModel, 'root' | 'reports'>, outDir: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const report of model.reports) {
    if (!report.indexNumberDerived) continue; // written down: the editor's own, deliberate value
    const file = path.join(outDir, 'data', `${report.slug}.json`);
    if (!existsSync(file)) continue;
    let published: unknown;
    try {
      published = (JSON.parse(readFileSync(file, 'utf8')) as { indexNumber?: unknown }).indexNumber;
    } catch {
      continue;
    }
    if (typeof published !== 'string' || published === report.indexNumber) continue;
    out.push(
      diag('error', 'build.index-number-changed', report.metaAt.publishedAt, `这份报告已发布的索引号是 ${published}，这次自动编号却是 ${report.indexNumber}：已发布的索引号不能改变，没有构建。`, {
        hint: `在 report.yaml 里写上「indexNumber: ${published}」，再运行 nianbao number 把其他报告的索引号也写下来。`,
        value: report.indexNumber,
      }),
    );
  }
  return out;
}
