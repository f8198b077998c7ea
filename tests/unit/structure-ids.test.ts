/**
 * The tagged PDF's structure ids (src/pdf/structure-ids.ts): Chromium numbers them by DOM node,
 * in whatever order the nodes were first needed; the finished PDF numbers them in the structure
 * tree's order, so the same document gives the same bytes however Chromium numbered it.
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { renumberStructureIds } from '../../src/pdf/structure-ids.ts';

/** A table head of two cells and a data cell naming the first as its header, under Chromium's numbers. */
async function tagged(first: number, second: number, cell: number): Promise<PDFDocument> {
  const doc = await PDFDocument.create();
  const c = doc.context;
  const id = (n: number) => PDFString.of(`node${String(n).padStart(8, '0')}`);
  const root = c.register(c.obj({ Type: 'StructTreeRoot' }));
  const documentElem = c.register(c.obj({ Type: 'StructElem', S: 'Document', P: root }));
  const thA = c.register(c.obj({ Type: 'StructElem', S: 'TH', P: documentElem, ID: id(first) }));
  const thB = c.register(c.obj({ Type: 'StructElem', S: 'TH', P: documentElem, ID: id(second) }));
  const td = c.register(c.obj({ Type: 'StructElem', S: 'TD', P: documentElem, ID: id(cell), A: c.obj({ O: 'Table', Headers: c.obj([id(first)]) }) }));
  (c.lookup(documentElem) as PDFDict).set(PDFName.of('K'), c.obj([thA, thB, td]));
  // Chromium's ID tree: one leaf, sorted by its own numbers.
  const named = [
    [first, thA],
    [second, thB],
    [cell, td],
  ].sort(([a], [b]) => (a as number) - (b as number));
  const leaf = c.register(c.obj({ Limits: c.obj([id(named[0]![0] as number), id(named[2]![0] as number)]), Names: c.obj(named.flatMap(([n, ref]) => [id(n as number), ref])) }));
  const tree = c.register(c.obj({ Kids: c.obj([leaf]) }));
  const rootDict = c.lookup(root) as PDFDict;
  rootDict.set(PDFName.of('K'), documentElem);
  rootDict.set(PDFName.of('IDTree'), tree);
  doc.catalog.set(PDFName.of('StructTreeRoot'), root);
  doc.addPage([100, 100]);
  return doc;
}

const idOf = (doc: PDFDocument, s: string) => {
  const documentElem = doc.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict).lookup(PDFName.of('K'), PDFDict);
  const kids = documentElem.lookup(PDFName.of('K'), PDFArray);
  return [0, 1, 2].map((i) => kids.lookup(i, PDFDict)).filter((e) => e.get(PDFName.of('S'))!.toString() === `/${s}`).map((e) => (e.get(PDFName.of('ID')) as PDFString).asString());
};

describe('structure ids of the finished PDF', () => {
  it('are numbered in the structure tree’s order, references and the ID tree following', async () => {
    const doc = await tagged(90, 36, 50);
    expect(renumberStructureIds(doc)).toBe(3);
    expect(idOf(doc, 'TH')).toEqual(['node00000001', 'node00000002']);
    expect(idOf(doc, 'TD')).toEqual(['node00000003']);
    const root = doc.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict);
    const leaf = root.lookup(PDFName.of('IDTree'), PDFDict).lookup(PDFName.of('Kids'), PDFArray).lookup(0, PDFDict);
    const names = leaf.lookup(PDFName.of('Names'), PDFArray);
    const keys = [0, 2, 4].map((i) => (names.get(i) as PDFString).asString());
    expect(keys).toEqual(['node00000001', 'node00000002', 'node00000003']);
    // Each name still leads to the element that carries it.
    for (const i of [0, 2, 4]) expect((names.lookup(i + 1, PDFDict).get(PDFName.of('ID')) as PDFString).asString()).toBe(keys[i / 2]);
    const limits = leaf.lookup(PDFName.of('Limits'), PDFArray);
    expect([0, 1].map((i) => (limits.get(i) as PDFString).asString())).toEqual(['node00000001', 'node00000003']);
    const td = root.lookup(PDFName.of('K'), PDFDict).lookup(PDFName.of('K'), PDFArray).lookup(2, PDFDict);
    expect((td.lookup(PDFName.of('A'), PDFDict).lookup(PDFName.of('Headers'), PDFArray).get(0) as PDFString).asString()).toBe('node00000001');
  });

  it('give the same bytes whatever order Chromium numbered the nodes in', async () => {
    const save = async (doc: PDFDocument) => {
      renumberStructureIds(doc);
      return Buffer.from(await doc.save({ useObjectStreams: false })).toString('latin1').replace(/\/CreationDate[^\n]*|\/ModDate[^\n]*|\/ID \[[^\]]*\]/g, '');
    };
    const one = await save(await tagged(36, 90, 120));
    const other = await save(await tagged(90, 36, 120));
    expect(other).toBe(one);
    // Before renumbering, they differ: the test would notice a renumbering by Chromium's order.
    const raw = async (a: number, b: number) => Buffer.from(await (await tagged(a, b, 120)).save({ useObjectStreams: false })).toString('latin1').replace(/\/CreationDate[^\n]*|\/ModDate[^\n]*|\/ID \[[^\]]*\]/g, '');
    expect(await raw(90, 36)).not.toBe(await raw(36, 90));
  });
});
