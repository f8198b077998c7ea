/**
 * A worker thread of the Word stage (src/docx/stage.ts): renders the reports it is sent. Reports
 * arrive as structured clones of the model, which is plain data.
 */
import type { ReportModel } from '../content/index.ts';
import type { DocxSettings } from '../schema/docx.ts';
import { renderReportDocx } from './render.ts';

export interface DocxJob {
  report: ReportModel;
  settings: DocxSettings;
  root: string;
  form?: 'public' | 'filing';
}

export default async function renderJob(job: DocxJob): Promise<Uint8Array> {
  return renderReportDocx(job.report, { settings: job.settings, root: job.root, form: job.form ?? 'public' });
}
