/**
 * Matching folds traditional characters to simplified ones a character at a time
 * (src/lint/normalize.ts), with OpenCC's dictionaries cut to their one-character entries. For
 * every Han character it must give what OpenCC's full tw→cn and hk→cn converters give (the
 * first that turns it into one other character), which is how it was done before.
 */
import * as OpenCC from 'opencc-js/t2cn';
import { describe, expect, it } from 'vitest';
import { simplifyChar } from '../../src/lint/normalize.ts';

describe('folding traditional characters', () => {
  it('gives what OpenCC’s full converters give, for every Han character', () => {
    const full = [OpenCC.Converter({ from: 'tw', to: 'cn' }), OpenCC.Converter({ from: 'hk', to: 'cn' })];
    const expected = (ch: string): string => {
      for (const convert of full) {
        const c = convert(ch);
        if (c !== ch && [...c].length === 1) return c;
      }
      return ch;
    };
    const differ: string[] = [];
    let han = 0;
    let changed = 0;
    for (let cp = 0; cp <= 0x3ffff; cp++) {
      const ch = String.fromCodePoint(cp);
      if (!/\p{Script=Han}/u.test(ch)) continue;
      han++;
      const want = expected(ch);
      if (want !== ch) changed++;
      if (simplifyChar(ch) !== want) differ.push(`${ch} U+${cp.toString(16)}: ${simplifyChar(ch)} ≠ ${want}`);
    }
    expect(differ.slice(0, 20)).toEqual([]);
    // The Han characters of Unicode, and some thousands OpenCC simplifies.
    expect(han).toBeGreaterThan(90_000);
    expect(changed).toBeGreaterThan(2_000);
    expect(['娛', '樂', '機', '萬', '裡', '着'].map(simplifyChar).join('')).toBe('娱乐机万里着');
  });
});
