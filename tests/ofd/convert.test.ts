/**
 * The PDF-to-OFD conversion on a PDF made for the test with pdf-lib: a picture, a red rule, a
 * filled box and text in a face that is installed nowhere. Each must arrive at its place, the
 * picture with its pixels; the face is listed as not embedded rather than dropped silently.
 */
import { inflateSync } from 'node:zlib';
import JSZip from 'jszip';
import { PDFDocument, PDFName, rgb, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { pdfToOfd } from '../../src/ofd/convert.ts';
import { compressDeltas, num } from '../../src/ofd/ofd-xml.ts';
import { encodePng } from '../../src/ofd/png.ts';

const MM = 25.4 / 72;
const info = { title: '测试', author: '测试机关', subject: '测试', keywords: [], indexNumber: 'X-1', date: '2024-03-01' };

/** A 2 × 2 picture: red, green / blue, white. */
const PIXELS = new Uint8Array([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 255, 255, 255, 255]);

async function testPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595.28, 841.89]);
  const png = await doc.embedPng(encodePng(2, 2, PIXELS));
  page.drawImage(png, { x: 72, y: 841.89 - 72 - 144, width: 144, height: 144 });
  page.drawLine({ start: { x: 72, y: 500 }, end: { x: 523.28, y: 500 }, thickness: 1, color: rgb(1, 0, 0) });
  page.drawRectangle({ x: 100, y: 300, width: 50, height: 20, color: rgb(0, 0, 1) });
  page.drawText('OFD 1', { x: 72, y: 400, size: 20, font: await doc.embedFont(StandardFonts.Helvetica) });
  return doc.save({ useObjectStreams: false });
}

/** Decodes the converter's own PNG (8-bit RGBA, no filter) back to pixels. */
function pngPixels(png: Uint8Array): { width: number; height: number; rgba: Uint8Array } {
  const view = Buffer.from(png);
  const width = view.readUInt32BE(16);
  const height = view.readUInt32BE(20);
  let offset = 8;
  const data: Buffer[] = [];
  while (offset < view.length) {
    const length = view.readUInt32BE(offset);
    if (view.toString('latin1', offset + 4, offset + 8) === 'IDAT') data.push(view.subarray(offset + 8, offset + 8 + length));
    offset += length + 12;
  }
  const rows = inflateSync(Buffer.concat(data));
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) rgba.set(rows.subarray(y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1)), y * width * 4);
  return { width, height, rgba };
}

describe('pdfToOfd', () => {
  it('places the picture with its pixels, the rule, the box and the text where the PDF has them', async () => {
    const result = await pdfToOfd(await testPdf(), info, () => undefined);
    expect(result.pages).toBe(1);
    expect(result.missingFaces).toEqual(['Helvetica']);
    expect(result.unmappedGlyphs).toBe(0);
    const zip = await JSZip.loadAsync(result.bytes);
    const page = await zip.file('Doc_0/Pages/Page_0/Content.xml')!.async('string');

    const image = /<ofd:ImageObject ID="\d+" Boundary="([^"]+)" CTM="([^"]+)" ResourceID="(\d+)"\/>/.exec(page)!;
    expect(image[1]!.split(' ').map(Number)).toEqual([num(72 * MM), num(72 * MM), num(144 * MM), num(144 * MM)].map(Number));
    const res = await zip.file('Doc_0/DocumentRes.xml')!.async('string');
    const media = new RegExp(`<ofd:MultiMedia ID="${image[3]}" Type="Image" Format="PNG"><ofd:MediaFile>([^<]+)</ofd:MediaFile>`).exec(res)!;
    const picture = pngPixels(await zip.file(`Doc_0/Res/${media[1]}`)!.async('uint8array'));
    expect(picture).toEqual({ width: 2, height: 2, rgba: PIXELS });

    const rule = /<ofd:PathObject [^>]*LineWidth="([^"]+)"[^>]*><ofd:StrokeColor Value="255 0 0"\/><ofd:AbbreviatedData>([^<]+)</.exec(page)!;
    expect(Number(rule[1])).toBeCloseTo(MM, 3);
    expect(rule[2]).toBe(`M ${num(MM / 2)} ${num(MM / 2)} L ${num(451.28 * MM + MM / 2)} ${num(MM / 2)}`);
    expect(page).toMatch(new RegExp(`<ofd:PathObject ID="\\d+" Boundary="${num(100 * MM)} ${num((841.89 - 320) * MM)} ${num(50 * MM)} ${num(20 * MM)}" Stroke="false" Fill="true"><ofd:FillColor Value="0 0 255"/>`));

    const text = /<ofd:TextObject ID="\d+" Boundary="([^"]+)" Font="(\d+)" Size="([^"]+)"><ofd:FillColor Value="0 0 0"\/><ofd:TextCode X="0" Y="([^"]+)" DeltaX="([^"]+)">([^<]+)</.exec(page)!;
    expect(text[6]).toBe('OFD1');
    expect(Number(text[3])).toBeCloseTo(20 * MM, 3);
    const [left, top] = text[1]!.split(' ').map(Number);
    expect(left).toBeCloseTo(72 * MM, 3);
    expect(top! + Number(text[4])).toBeCloseTo((841.89 - 400) * MM, 3);
    // The space is not a character of the text, its width is in the step from D to 1.
    const steps = text[5]!.split(' ').map(Number);
    expect(steps).toHaveLength(3);
    expect(steps[2]!).toBeGreaterThan(steps[1]!);
    const fonts = await zip.file('Doc_0/PublicRes.xml')!.async('string');
    expect(fonts).toContain(`<ofd:Font ID="${text[2]}" FontName="Helvetica"></ofd:Font>`);
  });

  it('keeps a Type 3 glyph at code 32 as text (Chromium puts any glyph there; only its character tells a space)', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage([595.28, 841.89]);
    const ctx = doc.context;
    const square = ctx.register(ctx.stream('1000 0 0 0 1000 1000 d1 0 0 1000 1000 re f'));
    const cmap = '/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /T3 def 1 begincodespacerange <00> <FF> endcodespacerange 2 beginbfchar <20> <9769> <21> <5C40> endbfchar endcmap CMapName currentdict /CMap defineresource pop end end';
    const font = ctx.obj({
      Type: 'Font',
      Subtype: 'Type3',
      FontBBox: [0, 0, 1000, 1000],
      FontMatrix: [0.001, 0, 0, 0.001, 0, 0],
      CharProcs: { g32: square, g33: square },
      Encoding: { Type: 'Encoding', Differences: [32, 'g32', 'g33'] },
      FirstChar: 32,
      LastChar: 33,
      Widths: [1000, 1000],
      Resources: {},
      ToUnicode: ctx.register(ctx.stream(cmap)),
    });
    page.node.setFontDictionary(PDFName.of('T3'), ctx.register(font));
    page.node.addContentStream(ctx.register(ctx.stream('BT /T3 20 Tf 72 700 Td ( !) Tj ET')));
    const result = await pdfToOfd(await doc.save(), info, () => undefined);
    const zip = await JSZip.loadAsync(result.bytes);
    const content = await zip.file('Doc_0/Pages/Page_0/Content.xml')!.async('string');
    expect(/<ofd:TextCode X="0" Y="[^"]+" DeltaX="([^"]+)">([^<]+)</.exec(content)?.slice(1)).toEqual([num(20 * MM), '革局']);
    expect(result.unmappedGlyphs).toBe(0);
  });

  it('gives the same bytes for the same PDF', async () => {
    const pdf = await testPdf();
    const a = await pdfToOfd(pdf, info, () => undefined);
    const b = await pdfToOfd(pdf, info, () => undefined);
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
  });
});

describe('the OFD text steps', () => {
  it('writes runs of one step as `g N step`, others as they are', () => {
    expect(compressDeltas(['5.292', '5.292', '5.292', '2.646', '5.292'])).toBe('g 3 5.292 2.646 5.292');
    expect(compressDeltas(['1', '1'])).toBe('1 1');
    expect(num(-0.0001)).toBe('0');
    expect(num(1.23456)).toBe('1.235');
  });
});
