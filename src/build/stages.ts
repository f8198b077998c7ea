import type { BuildStage } from './stage.ts';
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
 */
export const stages: BuildStage[] = [perReportCache(docxStage(), 'docx'), reusableWeb(webStage), perReportCache(pdfStage(), 'pdf'), manifestStage];
