/**
 * The OFD stage: each report's printed PDF (already in the folder being built) converted to an
 * OFD copy next to it (convert.ts). Runs after the PDF stage of the same form; several reports at
 * once in worker threads when there are enough of them.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ReportModel } from '../content/index.ts';
import { reportDocumentInfo } from '../pdf/document-info.ts';
import { runInOrder } from '../pipeline/in-order.ts';
import type { BuildStage, DocumentForm } from '../pipeline/stage.ts';
import { threadCount, threadPool, type ThreadNeeds } from '../pipeline/worker-threads.ts';
import { refreshDownloadLinks } from '../web/downloads.ts';
import type { OfdResult } from './convert.ts';
import { ofdFile } from './output-file.ts';
import { ofdStageName } from './stage-name.ts';
import convertJob, { type OfdJob } from './worker.ts';
import { WORKERS_FROM } from './workers-from.ts';

/** Jobs out per thread: one running, the rest queued or waiting to be written. */
const JOBS_PER_THREAD = 4;
/**
 * pdf.js reading one report's PDF, and the faces cut from it (some 20 MB live, 170 MB of heap at
 * most, measured); the font files each thread reads once are outside the heap. V8's limit is
 * higher than that: under 384 MB the stage took 99 ms a report, under 2048 MB 64 ms (200 reports,
 * two threads; the process's peak 1067 → 1131 MB).
 */
export const OFD_THREAD: ThreadNeeds = { heapMb: 384, youngMb: 32, otherMb: 160, limitMb: 2048 };

export interface OfdStageOptions {
  form: DocumentForm;
  /** Where the printed PDF of a report is, under the site. */
  pdfFile(slug: string): string;
  /** Worker threads; default one per core as memory allows (src/pipeline/worker-threads.ts), none for a handful of reports. */
  threads?: number;
}

export function ofdStage(options: OfdStageOptions): BuildStage {
  const filing = options.form === 'filing';
  return {
    ...ofdStageName(options.form),
    async run(ctx) {
      const { reports } = ctx.model;
      const threads = Math.min(options.threads ?? threadCount(reports.length, OFD_THREAD, WORKERS_FROM), reports.length);
      const pool = threads > 1 ? threadPool<OfdJob, OfdResult>(new URL('./worker.ts', import.meta.url), threads, OFD_THREAD) : undefined;
      const fontsDir = path.join(ctx.root, 'fonts');
      const convert = (report: ReportModel): Promise<OfdResult> => {
        const pdfFile = path.join(ctx.outDir, options.pdfFile(report.slug));
        // The PDF stage of the same form runs first; without its file there is nothing to convert.
        if (!existsSync(pdfFile)) return Promise.reject(new Error(`没有找到它的 PDF 文件 ${options.pdfFile(report.slug)}（OFD 文件由 PDF 转成，构建须包含 PDF 阶段）`));
        const job: OfdJob = { pdfFile, info: reportDocumentInfo(report), fontsDir, cacheDir: ctx.cache?.store.dir };
        return pool ? pool.run(job) : convertJob(job);
      };
      const unembedded = new Set<string>();
      try {
        // A few reports per thread out at once, written in report order as they come back.
        await runInOrder(
          reports,
          Math.max(1, threads) * JOBS_PER_THREAD,
          (report) => convert(report).catch((error: Error) => Promise.reject(new Error(`报告“${report.meta.title}”的 OFD 文件生成失败：${error.message}`))),
          (result, report) => {
            const name = ofdFile(options.form)(report.slug);
            const file = path.join(ctx.outDir, name);
            mkdirSync(path.dirname(file), { recursive: true });
            writeFileSync(file, result.bytes);
            result.missingFaces.forEach((f) => unembedded.add(f));
            if (result.unmappedGlyphs) ctx.log(`注意：${name} 中有 ${result.unmappedGlyphs} 个字形在 PDF 里没有对应的文字（缺少 ToUnicode），OFD 只能照位置留空，请核对这份报告的 PDF。`);
            ctx.log(`${name}（${result.pages} 页，${Math.round(result.bytes.length / 1024)} KB）`);
          },
        );
      } finally {
        await pool?.destroy();
      }
      if (unembedded.size) ctx.log(`注意：OFD 文件未嵌入以下字体（本机和 fonts/ 文件夹中都没有找到），阅读器将用其他字体代替：${[...unembedded].join('、')}`);
      if (!filing) refreshDownloadLinks(ctx.outDir, ctx.model, ctx.formats);
    },
  };
}
