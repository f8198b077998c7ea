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
import type { BuildContext, BuildStage } from '../pipeline/stage.ts';
import { recordPhase } from '../pipeline/timing.ts';
import { refreshDownloadLinks } from '../web/downloads.ts';
import { findBrowser } from './browser-path.ts';
import { launchChromium, type PrintBrowser } from './chromium.ts';
import { takeEarlyBrowser } from './early-browser.ts';
import { pdfFile } from './output-file.ts';
import { reportDocumentInfo } from './document-info.ts';
import { finishPdf } from './finish-pdf.ts';
import { fontRoutes } from './font-routes.ts';
import { runPrintJobs } from './pool.ts';
import { guardPage, printPage } from './print-page.ts';
import { filingPrintPagePath, printPagePath } from './print-layout.ts';
import { findFlowEnd, markFlowEnd, placeTail, type TailLayout } from './filing-print.ts';
import { describeKept } from './signature-page.ts';
import { applyFixes, describeRepeats, printSettled, type Print } from './print-settle.ts';
import { removePrintPages, type LastOutputPages } from './print-pages.ts';
import { describeTimeline, lap, type PrintTimeline } from './print-timeline.ts';
import { serveSite } from './site-server.ts';
import { pdfStageName } from './stage-name.ts';

export interface PdfStageOptions {
  /** Where CHROME_PATH / PUPPETEER_EXECUTABLE_PATH are read; default process.env. */
  env?: Record<string, string | undefined>;
  /** Reports printed at once, at most; default the CPU count (see printTabs). */
  concurrency?: number;
  /** Starts the browser (tests wrap it to simulate a crash). */
  launch?: (executablePath: string) => Promise<PrintBrowser>;
  /** The licensed-fonts folder; default `<project>/fonts`. */
  fontsDir?: string;
  /** The public copy (default) or the filing copy (备案件, its own print page). */
  form?: 'public' | 'filing';
  /**
   * Remove the print pages when done (default). The stage that prints first leaves them for the
   * other when a build prints both forms.
   */
  tidy?: boolean;
}

export function pdfStage(options: PdfStageOptions = {}): BuildStage {
  return {
    ...pdfStageName(options.form),
    run: (ctx) => printReports(ctx, options),
  };
}

/**
 * Tabs to print `reports` with, at most `most`: one for every four reports. A tab's first print
 * loads the page's stylesheet and fonts (about 1.2 s of CPU), as much as three more prints: two
 * reports printed in two tabs took 3.5–4.3 s of CPU, in one 3.0–3.2 s, in the same time (2.2 s);
 * four took as long either way, eight were faster in two. An edit's build prints a report or two
 * while the search index is made beside it, on the other core.
 */
export function printTabs(reports: number, most: number): number {
  return Math.max(1, Math.min(most, Math.ceil(reports / 4)));
}

async function printReports(ctx: BuildContext, options: PdfStageOptions): Promise<void> {
  const { model } = ctx;
  const base = model.site.basePath;
  const filing = options.form === 'filing';
  const tidy = options.tidy ?? true;
  if (model.reports.length === 0) {
    if (tidy) removePrintPages(ctx.outDir, base, lastOutputPages(ctx));
    return;
  }
  const browser = findBrowser({ env: options.env ?? process.env, platform: process.platform, exists: existsSync, home: homedir() });
  if (!browser.ok) throw new Error(browser.message);
  ctx.log(`浏览器：${browser.path}（${browser.from}）`);

  const fonts = fontRoutes(options.fontsDir ?? path.join(ctx.root, 'fonts'), base, ctx.log, { store: ctx.cache?.store });
  const server = await serveSite(ctx.outDir, base, fonts.routes);
  const publicOrigin = model.site.domain ? `https://${model.site.domain}` : undefined;
  // The browser a small rebuild started ahead (early-browser.ts) is the first one; a test's own launcher is used as given.
  const launch = options.launch ?? (async (executable: string) => (await takeEarlyBrowser(executable)) ?? launchChromium(executable));
  const substituted = new Set<string>();
  const { signaturePage } = model.site.docx;
  try {
    const concurrency = printTabs(model.reports.length, options.concurrency ?? availableParallelism());
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
        const timeline: PrintTimeline = {};
        const target = {
          timeline,
          url: `${server.origin}${filing ? filingPrintPagePath(base, report.slug) : printPagePath(base, report.slug)}`,
          origin: server.origin,
          fontStylesheet: fonts.stylesheet && `${server.origin}${fonts.stylesheet}`,
          publicOrigin,
        };
        let printed: Uint8Array;
        let placed = '';
        const print: Print = (beforePrint) => printPage(page, { ...target, beforePrint });
        if (filing) {
          // Printed until settled (print-settle.ts) with a marker where the text ends, then once more
          // with the 版记 placed below the text as it then ends (filing-print.ts).
          let hasTail = false;
          const settled = await printSettled(print, signaturePage, async (p) => (hasTail = await markFlowEnd(p)));
          printed = settled.pdf;
          if (hasTail) {
            const end = await findFlowEnd(settled.pdf);
            let layout: TailLayout | undefined;
            printed = await print(async (p) => (await applyFixes(p, settled, signaturePage), (layout = await placeTail(p, end))));
            if (layout) placed = `，版记在第 ${layout.page} 页${layout.blankBefore ? '（前有空白页，两页不编页码）' : ''}`;
          }
          placed += describeKept(settled, signaturePage) + describeRepeats(settled);
        } else {
          const settled = await printSettled(print, signaturePage);
          printed = settled.pdf;
          placed = describeKept(settled, signaturePage) + describeRepeats(settled);
        }
        let mark = performance.now();
        const { bytes, pages, substitutes } = await finishPdf(printed, reportDocumentInfo(report));
        substitutes.forEach((f) => substituted.add(f));
        mark = lap(timeline, 'finish', mark);
        const name = pdfFile(filing ? 'filing' : 'public')(report.slug);
        const file = path.join(ctx.outDir, name);
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, bytes);
        lap(timeline, 'write', mark);
        for (const [step, seconds] of Object.entries(timeline)) recordPhase(`pdf.${step}`, seconds);
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        const size = `${Math.round(bytes.length / 1024)} KB，${seconds} 秒：${describeTimeline(timeline)}`;
        ctx.log(filing ? `${name}（备案件，${pages} 页${placed}，${size}）` : `${name}（${pages} 页${placed}，${size}）`);
      },
    });
  } finally {
    await server.close();
  }
  if (substituted.size) {
    const faces = [...substituted].sort().join('、');
    (ctx.notice ?? ctx.log)(`注意：${filing ? '备案件 PDF' : 'PDF'} 用了代替公文字体的字体：${faces}。正式发文请把单位授权的公文字体放进 fonts/ 文件夹（见 README“字体”），用 nianbao conform --strict 检查；每份 PDF 的文档属性 SubstituteFonts 也列出它用的代替字体。`);
  }
  if (tidy) removePrintPages(ctx.outDir, base, lastOutputPages(ctx));
  if (!filing) refreshDownloadLinks(ctx.outDir, model, ctx.formats);
}

/** The pages this build put back from the last output unchanged (known by their recorded digests), when it has one. */
function lastOutputPages(ctx: BuildContext): LastOutputPages | undefined {
  const last = ctx.cache?.lastOutput?.();
  const { digests } = ctx;
  if (!last || !digests) return undefined;
  return {
    unchanged: (page) => {
      const rel = path.relative(ctx.outDir, page).split(path.sep).join('/');
      const published = last.files[rel];
      return published !== undefined && digests.lookup(page)?.sha256 === published;
    },
    held: (rel) => last.files[rel] !== undefined,
  };
}

function firstLine(error: Error): string {
  return error.message.split('\n')[0] ?? '';
}
