/**
 * The Word files as output formats (see src/pipeline/stage.ts): the public copy and the filing copy.
 * Declared without the stage's code (the docx library): commands that make no Word file, `verify`
 * from cron above all, start without loading it; a build loads it when the stage runs.
 */
import { lazyStage, type BuildStage, type OutputFormat } from '../pipeline/stage.ts';
import { docxFile } from './output-file.ts';
import type { DocxStageOptions } from './stage.ts';
import { docxStageName } from './stage-name.ts';
// Light (Piscina, which verify loads anyway), and loaded now: the build starts the workers before it
// reads the content, synchronously, so that they load the renderer meanwhile.
import { startDocxWorkers } from './workers.ts';

const DOCX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const docxStage = (options: DocxStageOptions): BuildStage => lazyStage(docxStageName(options.form), async () => (await import('./stage.ts')).docxStage(options));

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
    stage: () => docxStage({}),
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
