import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runInOrder } from '../pipeline/in-order.ts';
import type { BuildStage, DocumentForm } from '../pipeline/stage.ts';
import { threadCount, threadPool, type ThreadNeeds } from '../pipeline/worker-threads.ts';
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
/** Jobs out per thread: one running, the rest queued or waiting to be written. */
const JOBS_PER_THREAD = 4;
/** A report's Word file keeps tens of MB alive (its model, the document tree, the zip); the charts' PNGs are made outside the heap. */
export const DOCX_THREAD: ThreadNeeds = { heapMb: 256, youngMb: 8, otherMb: 64 };

export interface DocxStageOptions {
  /** Settings come from site.yaml (`docx:`) unless given. */
  settings?: DocxSettings;
  /** Worker threads; default one per core as memory allows (src/pipeline/worker-threads.ts), none for a handful of reports. 0 renders on the main thread. */
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
      const threads = Math.min(options.threads ?? threadCount(reports.length, DOCX_THREAD, WORKERS_FROM), reports.length);
      const pool = threads > 1 ? threadPool<DocxJob, Uint8Array>(new URL('./worker.ts', import.meta.url), threads, DOCX_THREAD) : undefined;
      const render = (report: ReportModel): Promise<Uint8Array> =>
        pool ? pool.run({ report, settings, root: ctx.root, form }) : renderReportDocx(report, { settings, root: ctx.root, form });
      try {
        // A few reports per thread out at once, written in report order as they come back.
        await runInOrder(
          reports,
          Math.max(1, threads) * JOBS_PER_THREAD,
          (report) => render(report).catch((error: Error) => Promise.reject(new Error(`报告“${report.meta.title}”的 Word 文件生成失败：${error.message}`))),
          (bytes, report) => {
            const name = docxFile(form)(report.slug);
            const file = path.join(ctx.outDir, name);
            mkdirSync(path.dirname(file), { recursive: true });
            writeFileSync(file, bytes);
            ctx.log(`${name}（${formatSize(bytes.length)}）`);
          },
        );
      } finally {
        await pool?.destroy();
      }
    },
  };
}
