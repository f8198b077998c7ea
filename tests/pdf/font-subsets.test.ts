/**
 * The print faces cut to the official character set (src/pdf/print-font-subsets.ts): the faces
 * read from the print stylesheet, the cut itself, and a whole print where the body face is served
 * cut and a character outside the set still gets its glyph from the full face.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { build } from '../../src/build/build.ts';
import { readFontInfo } from '../../src/pdf/font-names.ts';
import { listFiles } from '../../src/store/files.ts';
import { subsetFont } from '../../src/pdf/font-subset.ts';
import { OutputStore } from '../../src/store/cache-store.ts';
import { findOrCut, officialCharacterSet, parsePrintFaces, printFontSubsets, systemFonts } from '../../src/pdf/print-font-subsets.ts';
import { userCacheDir } from '../../src/store/user-cache.ts';
import { pdfStage } from '../../src/pdf/stage.ts';
import { webStage } from '../../src/build/portal.ts';
import { copySample } from '../integrity/sample-project.ts';
import { missingGlyphs, openPdf, pdfFonts } from './pdf-read.ts';

const PRINT_CSS = readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/styles/print-report.css'), 'utf8');
const UMING = '/usr/share/fonts/truetype/arphic/uming.ttc';

const projects: string[] = [];
afterAll(() => projects.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('the print stylesheet’s faces', () => {
  it('are all read, with their local() names in order and their other descriptors', () => {
    const faces = parsePrintFaces(PRINT_CSS);
    expect(faces.length).toBe((PRINT_CSS.match(/@font-face/g) ?? []).length);
    const ming = faces.find((f) => f.family === 'nb-free-ming')!;
    expect(ming.localNames).toEqual(['AR PL UMing CN', 'UMingCN']);
    expect(ming.descriptors).toEqual(expect.arrayContaining([['ascent-override', '88%'], ['descent-override', '12%'], ['line-gap-override', '0%']]));
    const latinBold = faces.find((f) => f.family === 'nb-latin' && f.descriptors.some(([d, v]) => d === 'font-weight' && v === '700'))!;
    expect(latinBold.descriptors).toContainEqual(['unicode-range', 'U+0021-007E']);
    expect(faces.filter((f) => f.family === 'nb-free-serif').map((f) => f.descriptors.find(([d]) => d === 'font-weight')?.[1])).toEqual(['400', '700']);
  });

  it('are declared again, cut, under the same names, for every face installed here', () => {
    const installed = systemFonts();
    expect(installed.get('AR PL UMing CN')).toEqual({ file: UMING, index: 0 });
    const subsets = printFontSubsets('/base/_print-fonts/', undefined, installed);
    expect(subsets.faces).toContain('nb-free-ming=AR PL UMing CN');
    expect(subsets.faces).toContain('nb-latin=Liberation Serif');
    const ming = subsets.css.split('@font-face').find((rule) => rule.includes('"nb-free-ming"'))!;
    expect(ming).toMatch(/src: url\("\/base\/_print-fonts\/subset-[0-9a-f]{20}"\);/);
    expect(ming).toContain('ascent-override: 88%;');
    // Nothing installed, nothing declared: the stylesheet's local() faces are used as they are.
    expect(printFontSubsets('/base/_print-fonts/', undefined, new Map()).css).toBe('');
  });
});

describe('the official character set', () => {
  it('is GB2312 with ASCII and the punctuation and number forms of Chinese documents', () => {
    const set = new Set(officialCharacterSet());
    expect(set.size).toBeGreaterThan(7400);
    for (const ch of '中华人民共和国政府信息公开〇一二三，。、；：？！“”‘’（）《》—…①⑴ 0123456789ABCxyz%') expect(set.has(ch.codePointAt(0)!), ch).toBe(true);
    // 啰 is in 通用规范汉字表 but not in GB2312: left to the full face.
    expect(set.has('啰'.codePointAt(0)!)).toBe(false);
  });
});

describe('cutting a face', () => {
  it('keeps the asked characters of one face of a collection, and its names', () => {
    const full = readFileSync(UMING);
    const cut = subsetFont(full, 0, [...'法治政府'].map((c) => c.codePointAt(0)!));
    expect(cut.byteLength).toBeLessThan(full.byteLength / 100);
    expect(readFontInfo(Buffer.from(cut))?.names).toContain('AR PL UMing CN');
  });

  it('refuses a font file larger than HarfBuzz’s memory with a clear error, and goes on cutting others', () => {
    // HarfBuzz's memory holds about 68 MB in all, its own data included: a collection of many languages and weights is larger.
    const huge = new Uint8Array(80 * 1024 * 1024);
    huge.set(readFileSync(UMING));
    expect(() => subsetFont(huge, 0, [0x5e74])).toThrow(/字体文件太大（80 MB）/);
    // Named when the caller says which file it read.
    expect(() => subsetFont(huge, 0, [0x5e74], '/fonts/NotoSansCJK.ttc')).toThrow('字体文件 /fonts/NotoSansCJK.ttc 太大（80 MB）');
    // Before: a bare RangeError (“offset is out of bounds”) from writing the file at address 0.
    const cut = subsetFont(readFileSync(UMING), 0, [0x5e74, 0x62a5]);
    expect(readFontInfo(Buffer.from(cut))?.names).toContain('AR PL UMing CN');
  });
});

describe('printing with cut faces', () => {
  it('serves the cut body face to the browser, and draws a character outside the set from the full face', async () => {
    // The one report looked at: one print.
    const root = copySample('nianbao-pdf-subsets-', ['chenxi-2022-fazhi-zhengfu']);
    projects.push(root);
    const section = path.join(root, 'content/reports/chenxi-2022-fazhi-zhengfu');
    const first = readFileSync(path.join(section, '01-suozuo-gongzuo.md'), 'utf8');
    writeFileSync(path.join(section, '01-suozuo-gongzuo.md'), `${first.trimEnd()}\n\n不说啰嗦话。\n`);
    const result = await build({ target: root, stages: [webStage, pdfStage()], cache: true });
    expect(result.ok, JSON.stringify(!result.ok && result.error)).toBe(true);
    // Faces are cut when the browser asks for them, and kept in the build cache: the body face was asked for.
    const cutDir = path.join(root, '.cache/nianbao/print-font');
    const cutNames = listFiles(cutDir)
      .filter((f) => !f.endsWith('.json'))
      .map((f) => readFontInfo(readFileSync(path.join(cutDir, f)))?.names ?? []);
    expect(cutNames.some((names) => names.includes('AR PL UMing CN'))).toBe(true);
    const file = path.join(root, 'dist/downloads/chenxi-2022-fazhi-zhengfu.pdf');
    const doc = await openPdf(file);
    expect(await missingGlyphs(doc)).toEqual([]);
    const pages: string[] = [];
    for (let i = 1; i <= doc.numPages; i++) pages.push((await (await doc.getPage(i)).getTextContent()).items.map((it) => ('str' in it ? it.str : '')).join('').replace(/\s/g, ''));
    await doc.loadingTask.destroy();
    const withRare = pages.findIndex((t) => t.includes('不说啰嗦话。')) + 1;
    expect(withRare).toBeGreaterThan(0);
    // The body face: the cut one everywhere, and the full one only where a character needs it.
    const ming = (page: number) => pdfFonts(file, page).filter((f) => f.name.endsWith('+UMingCN'));
    expect(ming(withRare)).toHaveLength(2);
    for (let page = 1; page <= pages.length; page++) if (page !== withRare) expect(ming(page), `page ${page}`).toHaveLength(1);
    expect(pdfFonts(file).every((f) => f.embedded)).toBe(true);
  });
});

describe('the user’s cache of cut faces', () => {
  it('is found from NIANBAO_USER_CACHE, XDG_CACHE_HOME or the home folder, and can be turned off', () => {
    expect(userCacheDir({ NIANBAO_USER_CACHE: '/srv/cache' }, '/home/a')).toBe('/srv/cache');
    expect(userCacheDir({ NIANBAO_USER_CACHE: 'off', XDG_CACHE_HOME: '/x' }, '/home/a')).toBeUndefined();
    expect(userCacheDir({ XDG_CACHE_HOME: '/x' }, '/home/a')).toBe('/x/nianbao');
    // A relative XDG_CACHE_HOME is invalid by the XDG rules: ignored.
    expect(userCacheDir({ XDG_CACHE_HOME: 'rel' }, '/home/a')).toBe(path.normalize('/home/a/.cache/nianbao'));
    expect(userCacheDir({}, '')).toBeUndefined();
  });

  it('gives a new project the cut another project made, and keeps a new cut for the next', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-user-cache-'));
    projects.push(dir);
    const key = 'a'.repeat(64);
    const user = new OutputStore(path.join(dir, 'user'));
    const first = new OutputStore(path.join(dir, 'project-1'));
    let cuts = 0;
    const make = () => {
      cuts += 1;
      return Uint8Array.of(1, 2, 3);
    };
    expect([...findOrCut(key, make, first, user)]).toEqual([1, 2, 3]);
    expect(cuts).toBe(1);
    expect([...user.get('print-font', key)!]).toEqual([1, 2, 3]);
    // Another project, its own cache empty: the user's cut is used and copied, nothing is cut again.
    const second = new OutputStore(path.join(dir, 'project-2'));
    expect([...findOrCut(key, make, second, user)]).toEqual([1, 2, 3]);
    expect(cuts).toBe(1);
    expect([...second.get('print-font', key)!]).toEqual([1, 2, 3]);
    // A damaged user entry is not used: the face is cut again.
    const entry = user.entry('print-font', key)!;
    writeFileSync(entry.file, Uint8Array.of(9));
    expect([...findOrCut(key, make, new OutputStore(path.join(dir, 'project-3')), user)]).toEqual([1, 2, 3]);
    expect(cuts).toBe(2);
  });

  it('gives a build without the project cache (--no-cache) the kept cut, and keeps one it makes', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-user-cache-'));
    projects.push(dir);
    vi.stubEnv('NIANBAO_USER_CACHE', dir);
    try {
      // A module of its own each time: what an earlier build of this process cut is not at hand.
      const servedCut = async () => {
        vi.resetModules();
        const fresh = await import('../../src/pdf/print-font-subsets.ts');
        const served = Object.values(fresh.printFontSubsets('/b/', undefined).routes)[0]!;
        if (!('bytes' in served)) throw new Error('the cut face is not served as bytes');
        return Buffer.from(served.bytes());
      };
      const first = await servedCut();
      const kept = listFiles(path.join(dir, 'print-font')).filter((f) => !f.endsWith('.json'));
      expect(kept).toHaveLength(1);
      const file = path.join(dir, 'print-font', kept[0]!);
      expect(readFileSync(file).equals(first)).toBe(true);
      const stamp = statSync(file, { bigint: true });
      // The next process finds it: the same bytes, and the entry is not written again.
      expect((await servedCut()).equals(first)).toBe(true);
      const again = statSync(file, { bigint: true });
      expect([again.ino, again.mtimeNs, again.ctimeNs]).toEqual([stamp.ino, stamp.mtimeNs, stamp.ctimeNs]);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
