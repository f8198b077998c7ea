/**
 * Every output format nianbao makes, in the order their stages run among themselves (the formats
 * printed from the portal run after it). A new format is a folder of its own declaring an
 * OutputFormat (src/pipeline/stage.ts) and one line here; nothing else names it.
 */
import { docxFormats } from '../docx/format.ts';
import { ofdFormats } from '../ofd/format.ts';
import { pdfFormats } from '../pdf/format.ts';
import type { OutputFormat } from '../pipeline/stage.ts';

export const OUTPUT_FORMATS: readonly OutputFormat[] = [...docxFormats, ...pdfFormats, ...ofdFormats];
