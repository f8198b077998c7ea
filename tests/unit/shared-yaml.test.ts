/** The templates and issuers.yaml are parsed once per process while their text stays the same (src/content/yaml-source.ts). */
import { describe, expect, it } from 'vitest';
import { parseSharedYamlSource, parseYamlSource } from '../../src/content/yaml-source.ts';

const TEXT = 'id: fazhi-zhengfu\nversion: "2019"\nparts:\n  - id: a\n    title: 甲\n';

describe('a shared YAML file', () => {
  it('gives the same data and positions as a parse of its own', () => {
    const own = parseYamlSource(TEXT, 'templates/x/template.yaml');
    const first = parseSharedYamlSource(TEXT, 'templates/x/template.yaml');
    const again = parseSharedYamlSource(TEXT, 'templates/x/template.yaml');
    for (const r of [first, again]) {
      expect(r.ok && own.ok).toBe(true);
      if (!r.ok || !own.ok) continue;
      expect(r.source.data).toEqual(own.source.data);
      expect(r.source.positionOf(['parts', 0, 'title'])).toEqual(own.source.positionOf(['parts', 0, 'title']));
      expect(r.source.positionOf(['parts', 0, 'title'])).toEqual({ file: 'templates/x/template.yaml', line: 5, column: 12 });
    }
  });

  it('hands every load data of its own: a change by one caller is not seen by the next', () => {
    const first = parseSharedYamlSource(TEXT, 'templates/y/template.yaml');
    if (!first.ok) throw new Error('parse failed');
    (first.source.data as { parts: { title: string }[] }).parts[0]!.title = '改过';
    const again = parseSharedYamlSource(TEXT, 'templates/y/template.yaml');
    expect(again.ok && (again.source.data as { parts: { title: string }[] }).parts[0]!.title).toBe('甲');
  });

  it('is read again when its text changes, and names the file it was read as', () => {
    parseSharedYamlSource(TEXT, 'templates/z/template.yaml');
    const changed = parseSharedYamlSource(TEXT.replace('甲', '乙'), 'templates/z/template.yaml');
    expect(changed.ok && (changed.source.data as { parts: { title: string }[] }).parts[0]!.title).toBe('乙');
    const elsewhere = parseSharedYamlSource(TEXT, 'other/template.yaml');
    expect(elsewhere.ok && elsewhere.source.positionOf(['id']).file).toBe('other/template.yaml');
  });

  it('reports a broken file every time it is read', () => {
    const broken = 'id: a\n\tversion: b\n';
    for (let i = 0; i < 2; i++) {
      const r = parseSharedYamlSource(broken, 'templates/w/template.yaml');
      expect(r.ok).toBe(false);
      expect(!r.ok && r.diagnostics.map((d) => d.rule)).toEqual(['yaml.tab']);
    }
  });
});
