/**
 * The OFD copies (GB/T 33190-2016, the national fixed-layout format archives take) as output
 * formats: each made from the printed PDF of its form (convert.ts explains why from the PDF).
 * Declared without the stage's code (pdf.js and the OFD writer), which a build loads when the stage runs.
 */
import path from 'node:path';
import type { ReportModel } from '../content/index.ts';
import { reportDocumentInfo } from '../pdf/document-info.ts';
import { filingPdf, publicPdf } from '../pdf/format.ts';
import { lazyStage, type BuildStage, type OutputFormat } from '../pipeline/stage.ts';
import { whileWaiting } from '../pipeline/while-waiting.ts';
import { sha256 } from '../store/cache-store.ts';
import { ofdFile } from './output-file.ts';
import type { OfdStageOptions } from './stage.ts';
import { ofdStageName } from './stage-name.ts';
import { WORKERS_FROM } from './workers-from.ts';

/** An OFD copy is made from its PDF: it depends on what the PDF depends on, and on the same earlier report. */
const madeFromPdf = (pdf: OutputFormat): OutputFormat['cacheInputs'] => ({
  previousReport: pdf.cacheInputs.previousReport,
  tools: (root) => sha256(`ofd\n${pdf.cacheInputs.tools?.(root) ?? '-'}`),
});

const ofdStage = (options: OfdStageOptions): BuildStage => lazyStage(ofdStageName(options.form), async () => (await import('./stage.ts')).ofdStage(options));

/**
 * A handful of reports is converted on the build's own thread (an edit): what the first conversion
 * needs (pdf.js, the font files, HarfBuzz) is made ready while that thread waits on the portal's
 * process (prepare.ts, src/pipeline/while-waiting.ts). Settles once done.
 */
export function prepareAhead(reports: number, root: string): Promise<void> | undefined {
  if (reports < 1 || reports >= WORKERS_FROM) return undefined;
  return whileWaiting(() => import('./prepare.ts').then((m) => m.prepareConversion(path.join(root, 'fonts'))));
}

export const publicOfd: OutputFormat = {
  id: 'ofd',
  form: 'public',
  file: ofdFile('public'),
  mediaType: 'application/ofd',
  name: 'OFD 文件',
  download: { order: 3, label: (size) => `OFD 版（${size}）`, previewLabel: 'OFD 版' },
  madeFrom: publicPdf,
  cacheInputs: madeFromPdf(publicPdf),
  stage: () => ofdStage({ form: 'public', pdfFile: publicPdf.file }),
  prestart: prepareAhead,
  async preview(report: ReportModel, env) {
    const pdf = await publicPdf.preview!(report, env);
    const { pdfToOfd } = await import('./convert.ts');
    const { faceFinder } = await import('./faces.ts');
    return (await pdfToOfd(pdf, reportDocumentInfo(report), faceFinder(path.join(env.root, 'fonts')))).bytes;
  },
};

export const filingOfd: OutputFormat = {
  id: 'ofd-filing',
  form: 'filing',
  file: ofdFile('filing'),
  mediaType: 'application/ofd',
  name: '备案件 OFD 文件',
  madeFrom: filingPdf,
  cacheInputs: madeFromPdf(filingPdf),
  stage: () => ofdStage({ form: 'filing', pdfFile: filingPdf.file }),
  prestart: prepareAhead,
};

export const ofdFormats: readonly OutputFormat[] = [publicOfd, filingOfd];
