/** What the PDF step changes in Chromium's file, on a small PDF made here (no browser needed). */
import { deflateSync, inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFRef, PDFString } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { finishPdf } from '../../src/pdf/finish-pdf.ts';
import { repairToUnicodeCMap, unifiedIdeographs } from '../../src/pdf/to-unicode.ts';

const CMAP = `/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
1 begincodespacerange
<0000> <FFFF>
endcodespacerange
3 beginbfchar
<0003> <2FA0>
<0004> <2EA0>
<0005> <6EAA>
endbfchar
2 beginbfrange
<0010> <0012> <2F08>
<0020> <0021> <4E00>
endbfrange
endcmap
CMapName currentdict /CMap defineresource pop
end
end`;

/** A one-page PDF in the shape Chromium writes: a font with a ToUnicode map, a structure tree with element ids. */
async function chromiumLikePdf(firstNode: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.addPage([595, 842]);
  const { context } = doc;
  const toUnicode = context.register(context.stream(deflateSync(Buffer.from(CMAP, 'latin1')), { Filter: 'FlateDecode' }));
  context.register(context.obj({ Type: 'Font', Subtype: 'Type3', ToUnicode: toUnicode }));
  const id = (n: number) => PDFString.of(`node${String(firstNode + n).padStart(8, '0')}`);
  const th = context.obj({ Type: 'StructElem', S: 'TH', ID: id(0) }) as PDFDict;
  const td = context.obj({ Type: 'StructElem', S: 'TD', ID: id(7), A: context.obj({ O: 'Table', Headers: context.obj([id(0)]) }) }) as PDFDict;
  const idTree = context.obj({ Names: context.obj([id(0), context.register(th), id(7), context.register(td)]) });
  const root = context.register(context.obj({ Type: 'StructTreeRoot', IDTree: context.register(idTree) }));
  doc.catalog.set(PDFName.of('StructTreeRoot'), root);
  doc.catalog.set(PDFName.of('Lang'), PDFString.of('zh-CN'));
  doc.catalog.set(PDFName.of('MarkInfo'), context.obj({ Marked: true }));
  doc.setTitle('print page title');
  doc.setCreationDate(new Date(Date.UTC(2026, 0, 1, 12, 0, firstNode)));
  return doc.save({ useObjectStreams: false });
}

const info = { title: '辰溪县司法局2022年政府信息公开工作年度报告', author: '辰溪县司法局', subject: '2022年度政府信息公开工作年度报告', keywords: ['政府信息公开'], indexNumber: '11431223MB1C44906X/2023-00003', date: '2023-01-18' };

describe('radicals in ToUnicode maps', () => {
  it('are put back to the ideographs they stand for', () => {
    expect(unifiedIdeographs('⾠溪县⼈⺠政府⼯作')).toBe('辰溪县人民政府工作');
    expect(unifiedIdeographs('\uF900')).toBe('豈');
    expect(unifiedIdeographs('一、（2022年）')).toBe('一、（2022年）');
  });

  it('are rewritten in single mappings and ranges, leaving the rest of the map alone', () => {
    const fixed = repairToUnicodeCMap(CMAP);
    expect(fixed).toContain('<0003> <8FB0>');
    expect(fixed).toContain('<0004> <6C11>');
    expect(fixed).toContain('<0005> <6EAA>');
    // ⼈⼉⼊ (U+2F08…) became 人儿入: no longer a run, so single mappings.
    expect(fixed).toMatch(/3 beginbfchar\n<0010> <4EBA>\n<0011> <513F>\n<0012> <5165>\nendbfchar/);
    expect(fixed).toContain('1 beginbfrange\n<0020> <0021> <4E00>\nendbfrange');
    expect(repairToUnicodeCMap(fixed)).toBe(fixed);
  });
});

describe('finishing a printed PDF', () => {
  it('keeps the structure, language and marking, and dates it by the 成文日期', async () => {
    const { bytes } = await finishPdf(await chromiumLikePdf(36), info);
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(doc.catalog.get(PDFName.of('StructTreeRoot'))).toBeInstanceOf(PDFRef);
    expect(String(doc.catalog.get(PDFName.of('Lang')))).toBe('(zh-CN)');
    expect(doc.getTitle()).toBe(info.title);
    expect(doc.getAuthor()).toBe('辰溪县司法局');
    expect(doc.getProducer()).toBe('nianbao');
    const infoDict = doc.context.lookup(doc.context.trailerInfo.Info) as PDFDict;
    expect((infoDict.lookup(PDFName.of('IndexNumber')) as PDFHexString).decodeText()).toBe('11431223MB1C44906X/2023-00003');
    expect(doc.getCreationDate()?.toISOString()).toBe('2023-01-17T16:00:00.000Z');
    const font = doc.context.enumerateIndirectObjects().map(([, o]) => o).find((o) => o instanceof PDFDict && o.get(PDFName.of('Subtype')) === PDFName.of('Type3')) as PDFDict;
    const cmap = inflateSync((doc.context.lookup(font.get(PDFName.of('ToUnicode'))) as PDFRawStream).contents).toString('latin1');
    expect(cmap).toContain('<0004> <6C11>');
  });

  it('gives the same bytes for prints that differ in dates and in the browser’s node numbers', async () => {
    const [a, b] = await Promise.all([finishPdf(await chromiumLikePdf(36), info), finishPdf(await chromiumLikePdf(1037), info)]);
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
    const doc = await PDFDocument.load(a.bytes, { updateMetadata: false });
    const text = Buffer.from(a.bytes).toString('latin1');
    expect(text).toContain('/ID (node00000001)');
    expect(text).toContain('/ID (node00000002)');
    expect(text).toMatch(/\/Headers \[ \(node00000001\) \]/);
    const root = doc.context.lookup(doc.catalog.get(PDFName.of('StructTreeRoot'))) as PDFDict;
    const names = (doc.context.lookup((doc.context.lookup(root.get(PDFName.of('IDTree'))) as PDFDict).get(PDFName.of('Names'))) as PDFArray)
      .asArray()
      .filter((o) => o instanceof PDFString)
      .map((s) => (s as PDFString).asString());
    expect(names).toEqual(['node00000001', 'node00000002']);
  });
});
