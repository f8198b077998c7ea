/**
 * What the PDF step changes in Chromium's file. Chromium fills the info dictionary with the page
 * title, its own name and the time of printing; here the info dictionary and an XMP packet carry
 * the report's metadata dated by the 成文日期, the /ID is a digest of the content, the structure's
 * element ids are renumbered (structure-ids.ts) and the text of radicals is repaired
 * (to-unicode.ts), so the same content gives the same bytes. Everything else
 * Chromium wrote (structure tree, /Lang, /MarkInfo, outline, fonts, pages) is kept as it was.
 */
import { createHash } from 'node:crypto';
import { ParseSpeeds, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString } from 'pdf-lib';
import { pdfDate, PRODUCER, xmpPacket, type DocumentInfo } from './document-info.ts';
import { renumberStructureIds } from './structure-ids.ts';
import { repairToUnicode } from './to-unicode.ts';
import { substituteFaces, usedFaces } from './used-faces.ts';

export async function finishPdf(pdf: Uint8Array, info: DocumentInfo): Promise<{ bytes: Uint8Array; pages: number; substitutes: string[] }> {
  // Parsed and saved in one go: pdf-lib's default yields to the event loop every 100 objects.
  const doc = await PDFDocument.load(pdf, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  const { context, catalog } = doc;
  const date = PDFString.of(pdfDate(info.date));
  const dict = context.obj({}) as PDFDict;
  dict.set(PDFName.of('Title'), PDFHexString.fromText(info.title));
  dict.set(PDFName.of('Author'), PDFHexString.fromText(info.author));
  dict.set(PDFName.of('Subject'), PDFHexString.fromText(info.subject));
  if (info.keywords.length) dict.set(PDFName.of('Keywords'), PDFHexString.fromText(info.keywords.join('; ')));
  dict.set(PDFName.of('IndexNumber'), PDFHexString.fromText(info.indexNumber));
  // The faces that stand in for official ones, in the document's properties where a clerk looks.
  const substitutes = substituteFaces(usedFaces(doc));
  if (substitutes.length) dict.set(PDFName.of('SubstituteFonts'), PDFHexString.fromText(substitutes.join('、')));
  dict.set(PDFName.of('Creator'), PDFString.of(PRODUCER));
  dict.set(PDFName.of('Producer'), PDFString.of(PRODUCER));
  dict.set(PDFName.of('CreationDate'), date);
  dict.set(PDFName.of('ModDate'), date);
  // Chromium's own dictionary is replaced in place: no stale print time stays behind in the file.
  const old = context.trailerInfo.Info;
  if (old instanceof PDFRef) context.assign(old, dict);
  else context.trailerInfo.Info = context.register(dict);

  const xmp = context.stream(new TextEncoder().encode(xmpPacket(info)), { Type: 'Metadata', Subtype: 'XML' });
  const existing = catalog.get(PDFName.of('Metadata'));
  if (existing instanceof PDFRef) context.assign(existing, xmp);
  else catalog.set(PDFName.of('Metadata'), context.register(xmp));
  // Viewers show the title, not the file name.
  catalog.getOrCreateViewerPreferences().setDisplayDocTitle(true);

  repairToUnicode(doc);
  renumberStructureIds(doc);

  // The /ID: a digest of the finished document itself, taken with a blank one in its place; the
  // digest has the blank's length, so it is written over it and no offset moves.
  const options = { useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false, objectsPerTick: Infinity };
  const blank = '0'.repeat(32);
  context.trailerInfo.ID = context.obj([PDFHexString.of(blank), PDFHexString.of(blank)]);
  const bytes = Buffer.from(await doc.save(options));
  const id = createHash('md5').update(bytes).digest('hex').toUpperCase();
  const placeholder = Buffer.from(`<${blank}>`, 'latin1');
  const at = bytes.lastIndexOf(placeholder);
  const previous = bytes.lastIndexOf(placeholder, at - 1);
  if (at < 0 || previous < 0 || bytes.lastIndexOf(Buffer.from('trailer', 'latin1')) > previous) throw new Error('PDF 的 /ID 位置未找到');
  for (const from of [previous, at]) bytes.write(`<${id}>`, from, 'latin1');
  return { bytes, pages: doc.getPageCount(), substitutes };
}
