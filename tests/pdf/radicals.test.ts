/**
 * The radical table of src/pdf/to-unicode.ts checked against a real CJK font: every CJK Radicals
 * Supplement or Kangxi radical that Noto Serif CJK SC draws with an ideograph's glyph (so that Chromium may
 * name the glyph by the radical) is put back to that ideograph.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readFontInfo } from '../../src/pdf/font-names.ts';
import { unifiedIdeographs } from '../../src/pdf/to-unicode.ts';

const NOTO_SERIF_BOLD = '/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc';

/** Code point → glyph of the collection's font named `name` (format 12 character map). */
function characterMap(file: string, name: string): Map<number, number> {
  const data = readFileSync(file);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const index = Array.from({ length: view.getUint32(8) }, (_, i) => i).find((i) => readFontInfo(data, i)?.names.includes(name));
  expect(index, name).toBeDefined();
  const font = view.getUint32(12 + index! * 4);
  let cmap = 0;
  for (let i = 0; i < view.getUint16(font + 4); i++) {
    const rec = font + 12 + i * 16;
    if (data.toString('latin1', rec, rec + 4) === 'cmap') cmap = view.getUint32(rec + 8);
  }
  const map = new Map<number, number>();
  for (let i = 0; i < view.getUint16(cmap + 2); i++) {
    const sub = cmap + view.getUint32(cmap + 4 + i * 8 + 4);
    if (view.getUint16(sub) !== 12) continue;
    for (let g = 0; g < view.getUint32(sub + 12); g++) {
      const at = sub + 16 + g * 12;
      const [start, end, glyph] = [view.getUint32(at), view.getUint32(at + 4), view.getUint32(at + 8)];
      for (let cp = start; cp <= end; cp++) map.set(cp, glyph + cp - start);
    }
    break;
  }
  return map;
}

describe('radicals that share a glyph with an ideograph', () => {
  it('are all mapped back to that ideograph', () => {
    // The face Chromium picks for text in zh-CN.
    const cmap = characterMap(NOTO_SERIF_BOLD, 'Noto Serif CJK SC');
    const ideographOf = new Map<number, number>();
    for (const [cp, glyph] of cmap) if (cp >= 0x4e00 && cp <= 0x9fff && !ideographOf.has(glyph)) ideographOf.set(glyph, cp);
    const shared: [string, string][] = [];
    for (let cp = 0x2e80; cp <= 0x2fdf; cp++) {
      const ideograph = cmap.has(cp) ? ideographOf.get(cmap.get(cp)!) : undefined;
      if (ideograph) shared.push([String.fromCodePoint(cp), String.fromCodePoint(ideograph)]);
    }
    expect(shared.length).toBeGreaterThan(200);
    const wrong = shared.filter(([radical, ideograph]) => unifiedIdeographs(radical) !== ideograph);
    expect(wrong).toEqual([]);
  });
});
