/**
 * A process's first OFD conversion pays for more than the conversion: loading pdf.js, reading the
 * font files (20–30 MB a CJK collection) and HarfBuzz's first cut. The 法治政府 sample took 1.0 s
 * first and 0.2 s the next time. A build that converts a handful of reports on its own thread (an
 * edit) does these while that thread waits on the portal's process (src/ofd/format.ts), and the
 * conversion after the printing, near the end of the build, no longer pays for them.
 */
import { printFaceFonts } from '../pdf/print-font-subsets.ts';
import { loadPdfJs } from '../store/pdfjs.ts';
import { prepareFaces } from './faces.ts';
import { finderFor } from './worker.ts';

const prepared = new Map<string, Promise<void>>();

/**
 * Prepares conversions with the faces of `fontsDir` (licensed fonts, read as the face finder names
 * them) and the installed ones the print stylesheet names, once a process for each folder. Never
 * rejects: whatever fails here, the conversion meets again and reports.
 */
export function prepareConversion(fontsDir: string): Promise<void> {
  let done = prepared.get(fontsDir);
  if (!done) {
    done = (async () => {
      await loadPdfJs();
      // Reads the folder's licensed fonts into the process's store, as it names them.
      finderFor(fontsDir);
      await prepareFaces(printFaceFonts());
    })().catch(() => {});
    prepared.set(fontsDir, done);
  }
  return done;
}
