import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BuildStage, DocumentForm } from '../pipeline/stage.ts';
import type { ReportModel } from '../content/index.ts';
import { docxFile } from './output-file.ts';
import { renderReportDocx } from './render.ts';
import { docxStageName } from './stage-name.ts';
import type { DocxSettings } from '../schema/docx.ts';
import { defaultWorkerCount, takeDocxWorkers, TASKS_PER_WORKER, WORKERS_FROM } from './workers.ts';

/** File sizes as the portal and the build log show them. */
export function formatSize(bytes: number): string {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(2)} MB`;
}


export interface DocxStageOptions {
  /** Settings come from site.yaml (`docx:`) unless given. */
  settings?: DocxSettings;
  /**
   * Threads rendering: the main thread (which has the renderer loaded already) and one worker
   * fewer; default the CPU count, the main thread alone for a handful of reports. 0 or 1: the main
   * thread alone.
   */
  threads?: number;
  /** The public copy (default) or the filing copy (备案件, with 版头 and 版记). */
  form?: DocumentForm;
}

type Outcome = { bytes: Uint8Array } | { error: Error };

/** The build stage writing one official-format Word file per report to `downloads/`. */
export function docxStage(options: DocxStageOptions = {}): BuildStage {
  const form = options.form ?? 'public';
  return {
    ...docxStageName(form),
    async run(ctx) {
      const settings = options.settings ?? ctx.model.site.docx;
      const { reports } = ctx.model;
      const threads = Math.min(options.threads ?? (reports.length >= WORKERS_FROM ? defaultWorkerCount() + 1 : 0), reports.length);
      const pool = threads > 1 ? takeDocxWorkers(threads - 1) : undefined;
      const job = { settings, root: ctx.root, form };
      // The reports go to the main thread and the workers as each is free for one; each report's
      // result is awaited in report order below.
      const settle: ((outcome: Outcome) => void)[] = [];
      const pending = reports.map(() => new Promise<Outcome>((resolve) => settle.push(resolve)));
      let next = 0;
      const lane = async (render: (report: ReportModel) => Promise<Uint8Array>): Promise<void> => {
        for (let i = next++; i < reports.length; i = next++) {
          settle[i]!(await render(reports[i]!).then((bytes) => ({ bytes }), (error: unknown) => ({ error: error as Error })));
        }
      };
      const lanes = [
        lane((report) => renderReportDocx(report, job)),
        ...Array.from({ length: pool ? (threads - 1) * TASKS_PER_WORKER : 0 }, () => lane((report) => pool!.run({ report, ...job }))),
      ];
      try {
        for (const [i, report] of reports.entries()) {
          const done = await pending[i]!;
          if ('error' in done) throw new Error(`报告“${report.meta.title}”的 Word 文件生成失败：${done.error.message}`);
          const name = docxFile(form)(report.slug);
          const file = path.join(ctx.outDir, name);
          mkdirSync(path.dirname(file), { recursive: true });
          writeFileSync(file, done.bytes);
          ctx.log(`${name}（${formatSize(done.bytes.length)}）`);
        }
      } finally {
        // A failed report stops the writing: the lanes stop taking reports, and the pool goes once they have.
        next = reports.length;
        await Promise.allSettled(lanes);
        await pool?.destroy();
      }
    },
  };
}
