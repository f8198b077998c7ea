/**
 * The printed PDFs as output formats (see src/pipeline/stage.ts): the public copy and the filing copy.
 * Declared without the stage's code (puppeteer-core, pdf-lib, pdf.js): commands that print nothing,
 * `verify` from cron above all, start without loading it; a build loads it when the stage runs.
 */
import { existsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { lazyStage, type BuildStage, type OutputFormat } from '../pipeline/stage.ts';
import { whileWaiting } from '../pipeline/while-waiting.ts';
import { sha256 } from '../store/cache-store.ts';
import { folderDigest } from '../store/files.ts';
import { loadPdfJs } from '../store/pdfjs.ts';
import { findBrowser } from './browser-path.ts';
import { EARLY_BROWSER_UP_TO, startEarlyBrowser } from './early-browser.ts';
import { pdfFile } from './output-file.ts';
import { filingPrintPagePath, printPagePath } from './print-layout.ts';
import type { PdfStageOptions } from './stage.ts';
import { pdfStageName } from './stage-name.ts';

/** The fonts/ folder and the browser binary: what else a printed page depends on. */
function printingInputs(root: string): string {
  const browser = findBrowser({ env: process.env, platform: process.platform, exists: existsSync, home: homedir() });
  const binary = browser.ok && existsSync(browser.path) ? `${browser.path}\0${statSync(browser.path).size}\0${statSync(browser.path).mtimeMs}` : '-';
  return sha256([folderDigest(path.join(root, 'fonts')), binary].join('\n'));
}

// The printed report compares its figures with last year's report of its series: that report's
// inputs are part of the key. Its charts are only wholes with their parts, read from the report
// itself; the web page's charts over the years read the whole series, which this key doesn't cover,
// so the print leaves them out (src/web/charts/select.ts paperCharts).
const cacheInputs: OutputFormat['cacheInputs'] = { previousReport: true, tools: printingInputs };

const stageCode = () => import('./stage.ts');
const pdfStage = (options: PdfStageOptions): BuildStage => lazyStage(pdfStageName(options.form), async () => (await stageCode()).pdfStage(options));

/**
 * For a handful of reports to print (an edit), the browser starts ahead (early-browser.ts), and the
 * stage's code and pdf.js (which reads each print back; about 0.2 s to load) load while the build's
 * thread waits on the portal's process (src/pipeline/while-waiting.ts).
 */
function printAhead(reports: number): void {
  startEarlyBrowser(reports);
  if (reports >= 1 && reports <= EARLY_BROWSER_UP_TO) void whileWaiting(() => stageCode().then(() => loadPdfJs()).then(() => {}));
}

export const publicPdf: OutputFormat = {
  id: 'pdf',
  form: 'public',
  file: pdfFile('public'),
  mediaType: 'application/pdf',
  name: 'PDF 文件',
  download: { order: 1, label: (size) => `PDF 版（${size}）`, previewLabel: 'PDF 版' },
  printPage: printPagePath,
  cacheInputs,
  // With the filing copies, the public print leaves the print pages for the filing one, which removes them.
  stage: (forms) => pdfStage({ tidy: !forms.includes('filing') }),
  prestart: printAhead,
  async preview(report, { root, siteUrl, model }) {
    const { printPreviewPdf } = await import('./preview.ts');
    return printPreviewPdf(report, { siteUrl, root, signaturePage: model.site.docx.signaturePage });
  },
};

export const filingPdf: OutputFormat = {
  id: 'pdf-filing',
  form: 'filing',
  file: pdfFile('filing'),
  mediaType: 'application/pdf',
  name: '备案件 PDF 文件',
  printPage: filingPrintPagePath,
  cacheInputs,
  stage: () => pdfStage({ form: 'filing' }),
  prestart: printAhead,
};

export const pdfFormats: readonly OutputFormat[] = [publicPdf, filingPdf];
