/**
 * The PDF stage: the portal's print pages, served from the folder being built, printed by one
 * Chromium (several tabs at once) to downloads/<slug>.pdf, with the report's filing metadata.
 * Runs after the web stage (which built the print pages) and before the manifest (which hashes
 * the PDFs). Any failure throws, and the build then leaves the previous dist/ as it was.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, homedir } from 'node:os';
import path from 'node:path';
import type { ReportModel } from '../content/index.ts';
import { outputPaths, type BuildContext, type BuildStage } from '../build/stage.ts';
import { refreshDownloadLinks } from '../web/downloads.ts';
import { findBrowser } from './browser-path.ts';
import { launchChromium, type PrintBrowser } from './chromium.ts';
import { reportDocumentInfo } from './document-info.ts';
import { finishPdf } from './finish-pdf.ts';
import { fontRoutes } from './font-routes.ts';
import { runPrintJobs } from './pool.ts';
import { guardPage, printPage } from './print-page.ts';
import { printPagePath } from './print-layout.ts';
import { removePrintPages } from './print-pages.ts';
import { serveSite } from './site-server.ts';

export interface PdfStageOptions {
  /** Where CHROME_PATH / PUPPETEER_EXECUTABLE_PATH are read; default process.env. */
  env?: Record<string, string | undefined>;
  /** Reports printed at once; default the CPU count. */
  concurrency?: number;
  /** Starts the browser (tests wrap it to simulate a crash). */
  launch?: (executablePath: string) => Promise<PrintBrowser>;
  /** The licensed-fonts folder; default `<project>/fonts`. */
  fontsDir?: string;
}

export function pdfStage(options: PdfStageOptions = {}): BuildStage {
  return {
    id: 'pdf',
    label: '生成 PDF（打印版）',
    run: (ctx) => printReports(ctx, options),
  };
}

async function printReports(ctx: BuildContext, options: PdfStageOptions): Promise<void> {
  const { model } = ctx;
  const base = model.site.basePath;
  if (model.reports.length === 0) {
    removePrintPages(ctx.outDir, base);
    return;
  }
  const browser = findBrowser({ env: options.env ?? process.env, platform: process.platform, exists: existsSync, home: homedir() });
  if (!browser.ok) throw new Error(browser.message);
  ctx.log(`浏览器：${browser.path}（${browser.from}）`);

  const fonts = fontRoutes(options.fontsDir ?? path.join(ctx.root, 'fonts'), base, ctx.log, { store: ctx.cache?.store });
  const server = await serveSite(ctx.outDir, base, fonts.routes);
  const publicOrigin = model.site.domain ? `https://${model.site.domain}` : undefined;
  const launch = options.launch ?? launchChromium;
  try {
    const concurrency = Math.max(1, Math.min(options.concurrency ?? availableParallelism(), model.reports.length));
    await runPrintJobs<ReportModel, Awaited<ReturnType<PrintBrowser['newPage']>>>(model.reports, {
      concurrency,
      launch: () => launch(browser.path),
      preparePage: (page) => guardPage(page, server.origin),
      closePage: (page) => page.close(),
      describe: (report) => `报告“${report.meta.title}”的 PDF 生成失败（已重试一次）`,
      onRetry: (report, error, died) =>
        ctx.log(died ? `浏览器意外退出，已重新启动，重新打印 ${report.slug}（${firstLine(error)}）` : `打印 ${report.slug} 出错，重试一次：${firstLine(error)}`),
      run: async (report, page) => {
        const started = performance.now();
        const printed = await printPage(page, {
          url: `${server.origin}${printPagePath(base, report.slug)}`,
          origin: server.origin,
          fontStylesheet: fonts.stylesheet && `${server.origin}${fonts.stylesheet}`,
          publicOrigin,
        });
        const { bytes, pages } = await finishPdf(printed, reportDocumentInfo(report));
        const name = outputPaths.pdf(report.slug);
        const file = path.join(ctx.outDir, name);
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, bytes);
        ctx.log(`${name}（${pages} 页，${Math.round(bytes.length / 1024)} KB，${((performance.now() - started) / 1000).toFixed(1)} 秒）`);
      },
    });
  } finally {
    await server.close();
  }
  removePrintPages(ctx.outDir, base);
  refreshDownloadLinks(ctx.outDir, model);
}

function firstLine(error: Error): string {
  return error.message.split('\n')[0] ?? '';
}
