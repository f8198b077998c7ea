/** The Word files as output formats (see src/pipeline/stage.ts): the public copy and the filing copy. */
import type { OutputFormat } from '../pipeline/stage.ts';
import { docxFile } from './output-file.ts';
import { docxStage } from './stage.ts';
import { startDocxWorkers } from './workers.ts';

const DOCX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export const docxFormats: readonly OutputFormat[] = [
  {
    id: 'docx',
    form: 'public',
    file: docxFile('public'),
    mediaType: DOCX_MEDIA_TYPE,
    name: 'DOCX 文件',
    download: { order: 2, label: (size) => `Word 版（DOCX，${size}）`, previewLabel: 'Word 版（DOCX）' },
    // Made from the report alone (and the settings and code every key covers).
    cacheInputs: {},
    stage: () => docxStage(),
    prestart: startDocxWorkers,
    async preview(report, { root, model }) {
      const { renderReportDocx } = await import('./render.ts');
      return renderReportDocx(report, { root, settings: model.site.docx });
    },
  },
  {
    id: 'docx-filing',
    form: 'filing',
    file: docxFile('filing'),
    mediaType: DOCX_MEDIA_TYPE,
    name: '备案件 DOCX 文件',
    cacheInputs: {},
    stage: () => docxStage({ form: 'filing' }),
    prestart: startDocxWorkers,
  },
];
