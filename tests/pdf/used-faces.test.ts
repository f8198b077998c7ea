/** The faces standing in for official ones: named in each PDF's properties and in the build log. */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { substituteFaces } from '../../src/pdf/used-faces.ts';
import { sharedBuild } from '../helpers/shared-builds.ts';
import { pdfFonts } from './pdf-read.ts';

describe('substituteFaces', () => {
  it('names each face that is not an official one, with the style it belongs to', () => {
    expect(substituteFaces(['FZXiaoBiaoSong-B05S', 'FangSong_GB2312', 'UMingCN', 'LiberationSerif', 'NotoSerifCJKsc-Bold', 'WenQuanYiZenHei', 'LXGWWenKai-Regular', 'Mystery'])).toEqual([
      'UMingCN（宋体类）',
      'LiberationSerif（西文类）',
      'NotoSerifCJKsc-Bold（宋体类）',
      'WenQuanYiZenHei（黑体类）',
      'LXGWWenKai-Regular（楷体类）',
      'Mystery（未知字体）',
    ]);
  });
});

describe('a printed sample', () => {
  it('lists in its properties every face it embeds (Type 3 ones included), and the build log says so in CI too', async () => {
    const build = await sharedBuild('ndbg');
    const file = path.join(build.dist, 'downloads/chenxi-2022-fazhi-zhengfu.pdf');
    const custom = execFileSync('pdfinfo', ['-custom', file], { encoding: 'utf8' });
    const listed = /^SubstituteFonts:\s*(.+)$/m.exec(custom)?.[1]?.split('、') ?? [];
    // The faces pdffonts sees with a name; Chromium's Type 3 fonts have none there but name their descriptors.
    const named = [...new Set(pdfFonts(file).map((f) => f.name.replace(/^[A-Z]{6}\+/, '')).filter((n) => n && n !== '[none]'))];
    expect(named.length).toBeGreaterThan(2);
    for (const face of named) expect(listed.some((l) => l.startsWith(`${face}（`)), face).toBe(true);
    expect(listed).toContain('NotoSerifCJKsc-Bold（宋体类）');
    expect(build.output).toMatch(/^ {2}注意：PDF 用了代替公文字体的字体：.*UMingCN（宋体类）/m);
  });
});
