import { describe, expect, it } from 'vitest';
import { lintMarkdown, ofRule } from './lint-helpers.ts';

describe('lint.official-name', () => {
  it('reports misspelt names of the state and its organs as errors, with the right form', () => {
    const found = ofRule(lintMarkdown('深入贯彻《中华人民共合国政府信息公开条例》，配合县人民检查院开展工作。'), 'lint.official-name');
    expect(found.map((d) => [d.severity, d.value, d.hint])).toEqual([
      ['error', '中华人民共合国', '改为“中华人民共和国”。'],
      ['error', '人民检查院', '改为“人民检察院”。'],
    ]);
    expect(found[0]!.column).toBe(6);
  });

  it('sees through zero-width characters and traditional characters', () => {
    expect(ofRule(lintMarkdown('中华人民共\u200b合国'), 'lint.official-name')).toHaveLength(1);
  });

  it('takes the site’s own list', () => {
    const found = ofRule(lintMarkdown('辰溪县人民正府办公室', { officialNames: [{ wrong: '辰溪县人民正府', right: '辰溪县人民政府' }] }), 'lint.official-name');
    expect(found.map((d) => d.value)).toEqual(['辰溪县人民正府']);
  });

  it('accepts the correct names', () => {
    expect(ofRule(lintMarkdown('《中华人民共和国政府信息公开条例》、县人民检察院、县纪律检查委员会、国务院'), 'lint.official-name')).toEqual([]);
  });
});
