/**
 * Every output format nianbao makes, in the order their stages run among themselves (the formats
 * printed from the portal run after it). A new format is a folder of its own declaring an
 * OutputFormat (src/pipeline/stage.ts) and one line here; nothing else names it. The declarations
 * are light (names, files, media types): each loads its stage's code when a build runs the stage,
 * so that `verify`, `bundle`, `server-config` and the portal's renderer start without Chromium's
 * driver, the PDF and Word libraries.
 */
import { docxFormats } from '../docx/format.ts';
import { ofdFormats } from '../ofd/format.ts';
import { pdfFormats } from '../pdf/format.ts';
import type { OutputFormat } from '../pipeline/stage.ts';

export const OUTPUT_FORMATS: readonly OutputFormat[] = [...docxFormats, ...pdfFormats, ...ofdFormats];
