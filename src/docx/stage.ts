import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Piscina } from 'piscina';
import type { BuildStage, DocumentForm } from '../pipeline/stage.ts';
import type { ReportModel } from '../content/index.ts';
import { docxFile } from './output-file.ts';
import { renderReportDocx } from './render.ts';
import type { DocxSettings } from '../schema/docx.ts';
import type { DocxJob } from './worker.ts';

/** File sizes as the portal and the build log show them. */
export function formatSize(bytes: number): string {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(2)} MB`;
}

/** Below this many reports, starting worker threads costs more than it saves. */
const WORKERS_FROM = 8;

export interface DocxStageOptions {
  /** Settings come from site.yaml (`docx:`) unless given. */
  settings?: DocxSettings;
  /** Worker threads; default the CPU count, none for a handful of reports. 0 renders on the main thread. */
  threads?: number;
  /** The public copy (default) or the filing copy (备案件, with 版头 and 版记). */
  form?: DocumentForm;
}

/** The build stage writing one official-format Word file per report to `downloads/`. */
export function docxStage(options: DocxStageOptions = {}): BuildStage {
  const form = options.form ?? 'public';
  return {
    id: form === 'filing' ? 'docx-filing' : 'docx',
    label: form === 'filing' ? '生成 Word 文件（备案件）' : '生成 Word 文件（公文格式）',
    async run(ctx) {
      const settings = options.settings ?? ctx.model.site.docx;
      const { reports } = ctx.model;
      const threads = Math.min(options.threads ?? (reports.length >= WORKERS_FROM ? availableParallelism() : 0), reports.length);
      const pool = threads > 1 ? new Piscina<DocxJob, Uint8Array>({ filename: new URL('./worker.ts', import.meta.url).href, minThreads: threads, maxThreads: threads }) : undefined;
      const render = (report: ReportModel): Promise<Uint8Array> =>
        pool ? pool.run({ report, settings, root: ctx.root, form }) : renderReportDocx(report, { settings, root: ctx.root, form });
      try {
        // All queued at once; written in report order as they come back.
        const pending = reports.map((report) => render(report).then((bytes) => ({ bytes }), (error: unknown) => ({ error: error as Error })));
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
        await pool?.destroy();
      }
    },
  };
}
