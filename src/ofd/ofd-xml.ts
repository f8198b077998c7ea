/**
 * The XML parts of an OFD package (GB/T 33190-2016): the entry file OFD.xml with the document's
 * metadata, Document.xml with the page list and the outline, the resource files, and one
 * Content.xml per page holding text objects (characters with their positions) and path objects.
 * Every number is in millimetres, rounded to 0.001 mm, so the same drawing gives the same bytes.
 */
import type { DocumentInfo } from '../pdf/document-info.ts';
import type { DrawnPage, Glyph, OutlineEntry, PathCommand, Picture, Shape } from './pdf-drawing.ts';

export const OFD_NS = 'http://www.ofdspec.org/2016';
const HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n';

export const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A length in mm as OFD writes it: at most three decimals, no trailing zeros, no `-0`. */
export function num(v: number): string {
  const r = Math.round(v * 1000) / 1000;
  return Object.is(r, -0) || r === 0 ? '0' : String(r);
}

export interface FontResource {
  id: number;
  /** The face's PostScript name. */
  name: string;
  /** Its file under the resource folder, when embedded. */
  file?: string;
}

export interface PictureResource {
  id: number;
  file: string;
}

export function ofdEntry(info: DocumentInfo, docId: string, creatorVersion: string): string {
  const keywords = info.keywords.length ? `<ofd:Keywords>${info.keywords.map((k) => `<ofd:Keyword>${esc(k)}</ofd:Keyword>`).join('')}</ofd:Keywords>` : '';
  const custom: [string, string][] = [
    ['索引号', info.indexNumber],
    ['发布机构', info.author],
    ['成文日期', info.date],
  ];
  return (
    `${HEAD}<ofd:OFD xmlns:ofd="${OFD_NS}" Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo>` +
    `<ofd:DocID>${docId}</ofd:DocID><ofd:Title>${esc(info.title)}</ofd:Title><ofd:Author>${esc(info.author)}</ofd:Author>` +
    `<ofd:Subject>${esc(info.subject)}</ofd:Subject><ofd:CreationDate>${info.date}</ofd:CreationDate><ofd:ModDate>${info.date}</ofd:ModDate>` +
    `${keywords}<ofd:Creator>nianbao</ofd:Creator><ofd:CreatorVersion>${esc(creatorVersion)}</ofd:CreatorVersion>` +
    `<ofd:CustomDatas>${custom.map(([k, v]) => `<ofd:CustomData Name="${esc(k)}">${esc(v)}</ofd:CustomData>`).join('')}</ofd:CustomDatas>` +
    `</ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>\n`
  );
}

export interface DocumentPart {
  maxUnitId: number;
  /** The first page's box stands for the document's; each page repeats its own. */
  pageBox: { width: number; height: number };
  pages: { id: number; loc: string }[];
  outline: OutlineEntry[];
  hasPictures: boolean;
}

export function documentXml(doc: DocumentPart): string {
  const outlineElem = (e: OutlineEntry): string =>
    `<ofd:OutlineElem Title="${esc(e.title)}"><ofd:Actions><ofd:Action Event="CLICK"><ofd:Goto>` +
    `<ofd:Dest Type="XYZ" PageID="${doc.pages[e.page]!.id}" Left="0" Top="${num(e.top)}"/></ofd:Goto></ofd:Action></ofd:Actions>` +
    `${e.children.map(outlineElem).join('')}</ofd:OutlineElem>`;
  const outlines = doc.outline.length ? `<ofd:Outlines>${doc.outline.map(outlineElem).join('')}</ofd:Outlines>` : '';
  return (
    `${HEAD}<ofd:Document xmlns:ofd="${OFD_NS}"><ofd:CommonData><ofd:MaxUnitID>${doc.maxUnitId}</ofd:MaxUnitID>` +
    `<ofd:PageArea><ofd:PhysicalBox>0 0 ${num(doc.pageBox.width)} ${num(doc.pageBox.height)}</ofd:PhysicalBox></ofd:PageArea>` +
    `<ofd:PublicRes>PublicRes.xml</ofd:PublicRes>${doc.hasPictures ? '<ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes>' : ''}</ofd:CommonData>` +
    `<ofd:Pages>${doc.pages.map((p) => `<ofd:Page ID="${p.id}" BaseLoc="${p.loc}"/>`).join('')}</ofd:Pages>${outlines}</ofd:Document>\n`
  );
}

export function publicResXml(fonts: FontResource[]): string {
  const list = fonts
    .map((f) => `<ofd:Font ID="${f.id}" FontName="${esc(f.name)}">${f.file ? `<ofd:FontFile>${esc(f.file)}</ofd:FontFile>` : ''}</ofd:Font>`)
    .join('');
  return `${HEAD}<ofd:Res xmlns:ofd="${OFD_NS}" BaseLoc="Res">${fonts.length ? `<ofd:Fonts>${list}</ofd:Fonts>` : ''}</ofd:Res>\n`;
}

export function documentResXml(pictures: PictureResource[]): string {
  const list = pictures.map((p) => `<ofd:MultiMedia ID="${p.id}" Type="Image" Format="PNG"><ofd:MediaFile>${p.file}</ofd:MediaFile></ofd:MultiMedia>`).join('');
  return `${HEAD}<ofd:Res xmlns:ofd="${OFD_NS}" BaseLoc="Res"><ofd:MultiMedias>${list}</ofd:MultiMedias></ofd:Res>\n`;
}

/** What a page's objects need from the package: IDs, and the resources of faces and pictures. */
export interface PageIds {
  next(): number;
  font(face: string, glyphs: Glyph[]): number;
  picture(picture: Picture): number;
}

export function pageXml(page: DrawnPage, ids: PageIds): string {
  const layerId = ids.next();
  const objects: string[] = [];
  const marks = page.marks;
  for (let i = 0; i < marks.length; ) {
    const mark = marks[i]!;
    if (mark.kind === 'glyph') {
      // One text object per run of glyphs in one face, size and colour along one baseline.
      const run: Glyph[] = [mark.glyph];
      let j = i + 1;
      for (; j < marks.length; j++) {
        const next = marks[j]!;
        if (next.kind !== 'glyph' || !sameRun(run[run.length - 1]!, next.glyph)) break;
        run.push(next.glyph);
      }
      objects.push(textObject(run, ids));
      i = j;
    } else {
      objects.push(mark.kind === 'shape' ? pathObject(mark.shape, ids.next()) : imageObject(mark.picture, ids));
      i++;
    }
  }
  return (
    `${HEAD}<ofd:Page xmlns:ofd="${OFD_NS}"><ofd:Area><ofd:PhysicalBox>0 0 ${num(page.width)} ${num(page.height)}</ofd:PhysicalBox></ofd:Area>` +
    `<ofd:Content><ofd:Layer ID="${layerId}" Type="Body">${objects.join('')}</ofd:Layer></ofd:Content></ofd:Page>\n`
  );
}

const sameRun = (a: Glyph, b: Glyph): boolean => a.face === b.face && a.color === b.color && Math.abs(a.size - b.size) < 0.001 && Math.abs(a.y - b.y) < 0.001 && b.x > a.x;

function textObject(run: Glyph[], ids: PageIds): string {
  const first = run[0]!;
  const last = run[run.length - 1]!;
  const size = first.size;
  // The box holds the em squares of the run: from one em above the baseline to a quarter em below it.
  const left = first.x;
  const top = first.y - size;
  const width = last.x + size - left;
  const font = ids.font(first.face, run);
  const id = ids.next();
  let text = '';
  const deltas: string[] = [];
  run.forEach((g, k) => {
    const chars = [...g.text];
    text += g.text;
    // A glyph standing for several characters (a ligature) gives its advance to the first.
    const next = run[k + 1];
    chars.forEach((_, c) => {
      if (c < chars.length - 1) deltas.push('0');
      else if (next) deltas.push(num(next.x - g.x));
    });
  });
  const delta = deltas.length ? ` DeltaX="${compressDeltas(deltas)}"` : '';
  return (
    `<ofd:TextObject ID="${id}" Boundary="${num(left)} ${num(top)} ${num(width)} ${num(size * 1.25)}" Font="${font}" Size="${num(size)}">` +
    `<ofd:FillColor Value="${first.color}"/><ofd:TextCode X="0" Y="${num(size)}"${delta}>${esc(text)}</ofd:TextCode></ofd:TextObject>`
  );
}

/** Repeated steps written as `g N d`, as OFD allows (a line of 28 characters on the grid is one `g`). */
export function compressDeltas(deltas: string[]): string {
  const out: string[] = [];
  for (let i = 0; i < deltas.length; ) {
    let j = i + 1;
    while (j < deltas.length && deltas[j] === deltas[i]) j++;
    out.push(j - i > 2 ? `g ${j - i} ${deltas[i]}` : deltas.slice(i, j).join(' '));
    i = j;
  }
  return out.join(' ');
}

function bounds(commands: PathCommand[], pad: number): { x: number; y: number; w: number; h: number } {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const c of commands) for (let k = 1; k < c.length; k += 2) (xs.push(c[k] as number), ys.push(c[k + 1] as number));
  const x = Math.min(...xs) - pad;
  const y = Math.min(...ys) - pad;
  return { x, y, w: Math.max(...xs) + pad - x, h: Math.max(...ys) + pad - y };
}

function pathObject(shape: Shape, id: number): string {
  const box = bounds(shape.commands, shape.stroke ? shape.lineWidth / 2 : 0);
  const data = shape.commands
    .map((c) => (c[0] === 'Z' ? 'C' : [c[0] === 'C' ? 'B' : c[0], ...c.slice(1).map((v, k) => num((v as number) - (k % 2 === 0 ? box.x : box.y)))].join(' ')))
    .join(' ');
  const attrs = [
    `ID="${id}"`,
    `Boundary="${num(box.x)} ${num(box.y)} ${num(box.w)} ${num(box.h)}"`,
    ...(shape.stroke ? [`LineWidth="${num(shape.lineWidth)}"`] : ['Stroke="false"']),
    ...(shape.fill ? ['Fill="true"'] : []),
    ...(shape.evenOdd ? ['Rule="Even-Odd"'] : []),
  ];
  const colours = `${shape.stroke ? `<ofd:StrokeColor Value="${shape.stroke}"/>` : ''}${shape.fill ? `<ofd:FillColor Value="${shape.fill}"/>` : ''}`;
  return `<ofd:PathObject ${attrs.join(' ')}>${colours}<ofd:AbbreviatedData>${data}</ofd:AbbreviatedData></ofd:PathObject>`;
}

function imageObject(picture: Picture, ids: PageIds): string {
  const resource = ids.picture(picture);
  const id = ids.next();
  const { x, y, w, h } = picture;
  return `<ofd:ImageObject ID="${id}" Boundary="${num(x)} ${num(y)} ${num(w)} ${num(h)}" CTM="${num(w)} 0 0 ${num(h)} 0 0" ResourceID="${resource}"/>`;
}
