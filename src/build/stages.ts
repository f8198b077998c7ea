import type { BuildStage, DocumentForm } from '../pipeline/stage.ts';
import { perReportCache, reusableWeb } from './cached-stages.ts';
import { docxStage } from '../docx/stage.ts';
import { webStage } from '../web/stage.ts';
import { manifestStage } from '../integrity/manifest-stage.ts';
import { pdfStage } from '../pdf/stage.ts';

/**
 * The build stages, in order. Each renderer contributes one stage; order matters where one
 * stage reads another's output (the PDF prints the portal's print pages). The manifest stage
 * hashes what the others wrote: it stays last. The per-report stages and the portal go through
 * the build cache (cached-stages.ts); without a cache in the context they run as they are.
 * With the filing copies (备案件) each report gets two more files; the public PDF stage then
 * leaves the print pages for the filing one, which removes them.
 */
export function stagesFor(forms: readonly DocumentForm[] = ['public']): BuildStage[] {
  const filing = forms.includes('filing');
  return [
    perReportCache(docxStage(), 'docx'),
    ...(filing ? [perReportCache(docxStage({ form: 'filing' }), 'docx-filing')] : []),
    reusableWeb(webStage),
    perReportCache(pdfStage({ tidy: !filing }), 'pdf'),
    ...(filing ? [perReportCache(pdfStage({ form: 'filing' }), 'pdf-filing')] : []),
    manifestStage,
  ];
}

/** The stages of a build of the public copies (the default). */
export const stages: BuildStage[] = stagesFor();
