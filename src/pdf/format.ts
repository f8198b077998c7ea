/**
 * The printed PDFs as output formats (see src/pipeline/stage.ts): the public copy and the filing copy.
 * Declared without the stage's code (puppeteer-core, pdf-lib, pdf.js): commands that print nothing,
 * `verify` from cron above all, start without loading it; a build loads it when the stage runs.
 */
import { existsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { lazyStage, type BuildStage, type OutputFormat } from '../pipeline/stage.ts';
import { sha256 } from '../store/cache-store.ts';
import { folderDigest } from '../store/files.ts';
import { findBrowser } from './browser-path.ts';
import { startEarlyBrowser } from './early-browser.ts';
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

const pdfStage = (options: PdfStageOptions): BuildStage => lazyStage(pdfStageName(options.form), async () => (await import('./stage.ts')).pdfStage(options));

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
  prestart: (reports) => startEarlyBrowser(reports),
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
  prestart: (reports) => startEarlyBrowser(reports),
};

export const pdfFormats: readonly OutputFormat[] = [publicPdf, filingPdf];
