import type { BuildStage } from './stage.ts';
import { docxStage } from '../docx/stage.ts';
import { webStage } from '../web/stage.ts';
import { manifestStage } from '../integrity/manifest-stage.ts';
import { pdfStage } from '../pdf/stage.ts';

/**
 * The build stages, in order. Each renderer contributes one stage; order matters where one
 * stage reads another's output (the PDF prints the portal's print pages). The manifest stage
 * hashes what the others wrote: it stays last.
 */
export const stages: BuildStage[] = [docxStage(), webStage, pdfStage(), manifestStage];
