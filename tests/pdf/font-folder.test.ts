/** The licensed-fonts folder: recognising official faces by the names inside the files. */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readFontInfo } from '../../src/pdf/font-names.ts';
import { folderFontCss, officialFaceOf, scanFontFolder } from '../../src/pdf/font-folder.ts';
import { renamedFont } from './fixtures.ts';

const UMING = '/usr/share/fonts/truetype/arphic/uming.ttc';
const WENKAI = '/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf';
const WENKAI_BOLD = '/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Bold.ttf';
const NOTO_SERIF = '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('font file names', () => {
  it('reads family, full and PostScript names, weight and format of TrueType, OpenType and collections', () => {
    const uming = readFontInfo(readFileSync(UMING))!;
    expect(uming.format).toBe('collection');
    expect(uming.names).toEqual(expect.arrayContaining(['AR PL UMing CN', 'UMingCN']));
    const wenkai = readFontInfo(readFileSync(WENKAI))!;
    expect(wenkai).toMatchObject({ format: 'truetype', weight: 400, italic: false });
    expect(wenkai.names).toEqual(expect.arrayContaining(['LXGW WenKai', '霞鹜文楷', 'LXGWWenKai-Regular']));
    expect(readFontInfo(readFileSync(WENKAI_BOLD))!.weight).toBe(700);
    // A collection is named by its first font.
    expect(readFontInfo(readFileSync(NOTO_SERIF))).toMatchObject({ format: 'collection', names: expect.arrayContaining(['Noto Serif CJK JP']) });
  });

  it('refuses what is not a font', () => {
    expect(readFontInfo(new TextEncoder().encode('not a font at all, just text'))).toBeUndefined();
    expect(readFontInfo(new Uint8Array(4))).toBeUndefined();
  });
});

describe('official faces', () => {
  it('knows the names the official faces go by, in Chinese and in English', () => {
    const cases: [string, string | undefined][] = [
      ['方正小标宋简体', 'xiaobiaosong'],
      ['FZXiaoBiaoSong-B05S', 'xiaobiaosong'],
      ['仿宋_GB2312', 'fangsong'],
      ['FangSong_GB2312', 'fangsong'],
      ['仿宋', 'fangsong'],
      ['楷体_GB2312', 'kaiti'],
      ['KaiTi', 'kaiti'],
      ['黑体', 'heiti'],
      ['SimHei', 'heiti'],
      ['宋体', 'songti'],
      ['SimSun', 'songti'],
      ['Times New Roman', 'latin'],
      ['AR PL UMing CN', undefined],
      ['Noto Serif CJK SC', undefined],
    ];
    for (const [name, face] of cases) expect(officialFaceOf([name]), name).toBe(face);
  });

  it('declares each file as the nb-folder family of its face; 小标宋 at the title’s weight, Latin for ASCII only', () => {
    const css = folderFontCss(
      [
        { file: 'FZXBSJW.TTF', face: 'xiaobiaosong', weight: 400, italic: false, format: 'truetype', name: '方正小标宋简体' },
        { file: '仿宋_GB2312.ttf', face: 'fangsong', weight: 400, italic: false, format: 'truetype', name: '仿宋_GB2312' },
        { file: 'times.ttf', face: 'latin', weight: 400, italic: false, format: 'truetype', name: 'Times New Roman' },
      ],
      (f) => `/base/_print-fonts/${encodeURIComponent(f)}`,
    );
    expect(css).toContain('font-family: "nb-folder-xiaobiaosong";\n  src: url("/base/_print-fonts/FZXBSJW.TTF") format("truetype");\n  font-weight: 700;');
    expect(css).toContain(`src: url("/base/_print-fonts/${encodeURIComponent('仿宋_GB2312.ttf')}")`);
    expect(css).toMatch(/"nb-folder-latin";[^}]*unicode-range: U\+0021-007E;/);
    expect(css.match(/unicode-range/g)).toHaveLength(1);
  });

  it('picks files up by their inner names, whatever they are called, and says why it skips others', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-fonts-'));
    dirs.push(dir);
    writeFileSync(path.join(dir, 'a.ttf'), renamedFont(WENKAI, { family: 'Test Face', postscript: 'TestFace-Regular', chinese: '仿宋测试' }));
    copyFileSync(WENKAI, path.join(dir, 'simkai.ttf'));
    copyFileSync(UMING, path.join(dir, 'uming.ttc'));
    writeFileSync(path.join(dir, 'broken.ttf'), 'not a font');
    writeFileSync(path.join(dir, 'web.woff2'), 'x');
    writeFileSync(path.join(dir, 'README.md'), '# fonts');
    const scan = scanFontFolder(dir);
    expect(scan.fonts.map((f) => [f.file, f.face])).toEqual([
      ['a.ttf', 'fangsong'],
      ['simkai.ttf', 'kaiti'],
    ]);
    expect(scan.skipped.map((s) => s.file).sort()).toEqual(['broken.ttf', 'uming.ttc', 'web.woff2']);
    expect(scan.skipped.find((s) => s.file === 'uming.ttc')!.reason).toContain('AR PL UMing CN');
    expect(scanFontFolder(path.join(dir, 'missing'))).toEqual({ fonts: [], skipped: [] });
  });
});
