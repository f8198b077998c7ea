/** The OFD copy's faces: found by the PostScript name the PDF gives them, the fonts/ folder first. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as hb from 'harfbuzzjs';
import { afterAll, describe, expect, it } from 'vitest';
import { cutFace, faceFinder, heldFontFiles, heldOfficialCuts } from '../../src/ofd/faces.ts';
import { subsetFont } from '../../src/pdf/font-subset.ts';
import { renamedFont } from '../pdf/fixtures.ts';

const WENKAI = '/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf';
const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-ofd-faces-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('faceFinder', () => {
  it("finds an office's licensed face in fonts/ by its PostScript name, and installed faces by theirs", () => {
    const fonts = path.join(dir, 'fonts');
    mkdirSync(fonts);
    writeFileSync(path.join(fonts, 'kaiti-licensed.ttf'), renamedFont(WENKAI, { family: 'Nb Kai Test', postscript: 'NbTestKaiti-Folder', chinese: '测试楷体' }));
    const find = faceFinder(fonts);
    expect(find('NbTestKaiti-Folder')).toEqual({ file: path.join(fonts, 'kaiti-licensed.ttf'), index: 0, extension: 'ttf' });
    expect(find('LXGWWenKai-Regular')?.file).toBe(WENKAI);
    // Noto CJK is a collection of CFF faces: the right member, cut as an OpenType/CFF face.
    expect(find('NotoSerifCJKsc-Bold')).toMatchObject({ extension: 'otf' });
    expect(find('NoSuchFace-Regular')).toBeUndefined();
  });

  it('cuts a face to the characters given, keeping a character map for each', () => {
    const face = faceFinder(path.join(dir, 'none'))('UMingCN')!;
    const cut = cutFace(face, ['政府', '信息公开', '2022']);
    const mapped = [...new hb.Face(new hb.Blob(cut.buffer as ArrayBuffer)).collectUnicodes()].map((c) => String.fromCodePoint(c)).sort();
    expect(mapped).toEqual([...new Set('政府信息公开2022')].sort());
  });

  it('cuts text within the official character set from the face’s official cut, the same bytes as from the whole file, and other text from the file', () => {
    const find = faceFinder(path.join(dir, 'none'));
    const text = ['二〇二二年政府信息公开工作年度报告', '（一）主动公开情况：1,234 件；“一网通办”。'];
    const codePoints = [...new Set([...text.join('')].map((c) => c.codePointAt(0)!))].sort((a, b) => a - b);
    // A TrueType collection and a CFF collection, the print's faces.
    for (const name of ['UMingCN', 'NotoSerifCJKsc-Bold']) {
      const face = find(name)!;
      expect(Buffer.from(cutFace(face, text)).equals(Buffer.from(subsetFont(readFileSync(face.file), face.index, codePoints)))).toBe(true);
      expect(heldOfficialCuts()).toContain(`${face.file}#${face.index}`);
    }
    // 喆 is not in GB2312: cut from the file itself, which has it.
    const ming = find('UMingCN')!;
    const beyond = cutFace(ming, ['陈喆']);
    expect([...new hb.Face(new hb.Blob(beyond.buffer as ArrayBuffer)).collectUnicodes()].map((c) => String.fromCodePoint(c)).sort()).toEqual(['喆', '陈'].sort());
    expect(heldFontFiles()).toContain(ming.file);
  });
});
