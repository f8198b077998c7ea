/**
 * The OFD copy of a report (GB/T 33190-2016), made from its printed PDF. The layout is the PDF's:
 * every character stays where Chromium set it, so the OFD has the PDF's pages, line breaks and
 * page numbers, and the grid checks made on the PDF hold for it. The characters are text objects
 * in the faces the PDF used (embedded, cut to what the document uses) so that they can be searched
 * and copied; rules and boxes are path objects; the outline and the filing metadata come along.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { DocumentInfo } from '../pdf/document-info.ts';
import { cutFace, type FaceFinder } from './faces.ts';
import { documentResXml, documentXml, ofdEntry, pageXml, publicResXml, type FontResource, type PageIds, type PictureResource } from './ofd-xml.ts';
import { readDrawing, type Glyph, type Picture } from './pdf-drawing.ts';
import { encodePng } from './png.ts';
import { deterministicZip, type PackagePart } from '../store/zip.ts';

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export interface OfdResult {
  bytes: Uint8Array;
  pages: number;
  /** Faces named by the PDF and found nowhere here: not embedded (a reader substitutes them). */
  missingFaces: string[];
  /** Glyphs the PDF draws with no character behind them, so not in the OFD's text. */
  unmappedGlyphs: number;
}

export async function pdfToOfd(pdf: Uint8Array, info: DocumentInfo, findFace: FaceFinder): Promise<OfdResult> {
  const drawing = await readDrawing(pdf);
  const parts = new Map<string, PackagePart>();
  let lastId = 0;
  const next = () => ++lastId;

  // Faces first (their IDs come before the pages'), with every character the document sets in them.
  const textOf = new Map<string, string[]>();
  for (const page of drawing.pages) for (const m of page.marks) if (m.kind === 'glyph') (textOf.get(m.glyph.face) ?? textOf.set(m.glyph.face, []).get(m.glyph.face)!).push(m.glyph.text);
  const fonts: FontResource[] = [];
  const fontIds = new Map<string, number>();
  const missingFaces: string[] = [];
  for (const [name, text] of [...textOf].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const id = next();
    fontIds.set(name, id);
    const face = findFace(name);
    if (face) {
      const file = `font_${id}.${face.extension}`;
      parts.set(`Doc_0/Res/${file}`, cutFace(face, text));
      fonts.push({ id, name, file });
    } else {
      fonts.push({ id, name });
      missingFaces.push(name);
    }
  }

  const pictures: PictureResource[] = [];
  const ids: PageIds = {
    next,
    font: (face: string, _run: Glyph[]) => fontIds.get(face)!,
    picture: (picture: Picture) => {
      const id = next();
      const file = `image_${id}.png`;
      parts.set(`Doc_0/Res/${file}`, encodePng(picture.width, picture.height, picture.rgba));
      pictures.push({ id, file });
      return id;
    },
  };
  const pageRefs = drawing.pages.map((page, i) => {
    const id = next();
    parts.set(`Doc_0/Pages/Page_${i}/Content.xml`, pageXml(page, ids));
    return { id, loc: `Pages/Page_${i}/Content.xml` };
  });
  const first = drawing.pages[0] ?? { width: 210, height: 297 };
  parts.set('Doc_0/PublicRes.xml', publicResXml(fonts));
  if (pictures.length) parts.set('Doc_0/DocumentRes.xml', documentResXml(pictures));
  parts.set(
    'Doc_0/Document.xml',
    documentXml({ maxUnitId: lastId, pageBox: { width: first.width, height: first.height }, pages: pageRefs, outline: drawing.outline, hasPictures: pictures.length > 0 }),
  );
  // DocID: a UUID-like 32 hex digits that names this document and stays the same across builds.
  const docId = createHash('sha256').update(`${info.indexNumber}\n${info.title}\n${info.date}`).digest('hex').slice(0, 32);
  parts.set('OFD.xml', ofdEntry(info, docId, VERSION));
  const unmappedGlyphs = drawing.pages.reduce((n, p) => n + p.unmapped, 0);
  return { bytes: new Uint8Array(await deterministicZip(parts, info.date, 'OFD.xml')), pages: drawing.pages.length, missingFaces, unmappedGlyphs };
}
