/**
 * Cheap properties, many runs: the pieces every content file goes through (YAML with positions,
 * the zod schemas and their Chinese diagnostics, section files from raw bytes, number hints)
 * never throw, give well-formed diagnostics, and give the same answer twice.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.ts';
import { numberTextHint, validateYaml } from '../../src/content/schema-diagnostics.ts';
import { readSectionFile } from '../../src/content/section-file.ts';
import { parseYamlSource } from '../../src/content/yaml-source.ts';
import { ReportMeta } from '../../src/schema/report.ts';
import { SectionFrontmatter } from '../../src/schema/section.ts';
import { BASE, BROKEN } from '../helpers/content-fixtures.ts';
import { fuzzParameters, fuzzTimeout, nastyText, scaled } from './fuzz-settings.ts';

const work = mkdtempSync(path.join(tmpdir(), 'nianbao-fuzz-parsers-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const reportsDir = path.join(BASE, 'content', 'reports');
/** Every valid content file of the base fixture, as text: the seeds that mutations start from. */
const seeds = readdirSync(reportsDir).flatMap((r) => readdirSync(path.join(reportsDir, r)).map((f) => readFileSync(path.join(reportsDir, r, f), 'utf8')));
/** Real GBK bytes (a section saved by a Chinese Windows editor), to splice into files. */
const gbk = readFileSync(path.join(BROKEN, '08-encoding-gbk', 'files', 'content', 'reports', 'fz-2022', '05-xiayibu.md'));

/** A valid file with one edit of the kinds editors make: a line replaced, text inserted, a span cut. */
export const mutatedText = fc
  .record({ seed: fc.constantFrom(...seeds), at: fc.nat(), len: fc.nat({ max: 40 }), insert: nastyText(), kind: fc.constantFrom('replace-line', 'insert', 'cut') })
  .map(({ seed, at, len, insert, kind }) => {
    if (kind === 'replace-line') {
      const lines = seed.split('\n');
      lines[at % lines.length] = insert;
      return lines.join('\n');
    }
    const i = at % (seed.length + 1);
    return kind === 'insert' ? seed.slice(0, i) + insert + seed.slice(i) : seed.slice(0, i) + seed.slice(i + len);
  });

/** Bytes as they arrive from other tools: UTF-8, UTF-16 with or without BOM, GBK pieces, noise. */
export const mutatedBytes = fc.oneof(
  mutatedText.map((t) => Buffer.from(t, 'utf8')),
  mutatedText.map((t) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')])),
  mutatedText.map((t) => Buffer.from(t, 'utf16le')),
  fc.record({ t: mutatedText, at: fc.nat(), n: fc.nat({ max: 64 }) }).map(({ t, at, n }) => {
    const b = Buffer.from(t, 'utf8');
    const i = at % (b.length + 1);
    return Buffer.concat([b.subarray(0, i), gbk.subarray(0, n), b.subarray(i)]);
  }),
  fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a)),
);

function wellFormed(d: Diagnostic): void {
  expect(['error', 'warning']).toContain(d.severity);
  expect(d.rule).toMatch(/^[a-z-]+(\.[a-z-]+)+$/);
  expect(typeof d.file).toBe('string');
  expect(Number.isInteger(d.line) && d.line >= 0).toBe(true);
  expect(Number.isInteger(d.column) && d.column >= 0).toBe(true);
  expect(d.message).toMatch(/[\u4e00-\u9fff]/);
}

describe('fuzz: YAML sources and schemas', () => {
  const runs = 2500;
  it(`never throw on mutated or random YAML, and answer the same twice (${scaled(runs)} runs)`, { timeout: fuzzTimeout(runs, 3) }, () => {
    fc.assert(
      fc.property(fc.oneof(mutatedText, fc.string({ maxLength: 200, unit: 'binary' })), (text) => {
        const once = () => {
          const parsed = parseYamlSource(text, 'x.yaml');
          if (!parsed.ok) return parsed.diagnostics;
          const out: Diagnostic[] = [];
          for (const schema of [SectionFrontmatter, ReportMeta]) {
            const checked = validateYaml(schema as never, parsed.source);
            if (!checked.ok) out.push(...checked.diagnostics);
          }
          return out;
        };
        const first = once();
        first.forEach(wellFormed);
        expect(once()).toEqual(first);
      }),
      fuzzParameters(runs),
    );
  });
});

describe('fuzz: section files from raw bytes', () => {
  const runs = 1500;
  it(`read any bytes into a section or diagnostics, never an exception (${scaled(runs)} runs)`, { timeout: fuzzTimeout(runs, 5) }, () => {
    const file = path.join(work, '01-x.md');
    fc.assert(
      fc.property(mutatedBytes, (bytes) => {
        writeFileSync(file, bytes);
        const r = readSectionFile(file, '01-x.md');
        if (!r.ok) {
          expect(r.diagnostics.length).toBeGreaterThan(0);
          r.diagnostics.forEach(wellFormed);
        } else {
          // Cells set aside as “not a number” are never passed on as numbers; a blank cell (null,
          // as import writes one) stays blank, for check's table.blank-cell.
          for (const rows of Object.values(r.section.frontmatter.tables)) for (const cells of Object.values(rows)) for (const c of cells) expect(c === '/' || c === null || Number.isFinite(c)).toBe(true);
        }
        const again = readSectionFile(file, '01-x.md');
        const comparable = (x: typeof r) => (x.ok ? { ...x.section, source: undefined } : x);
        expect(comparable(again)).toEqual(comparable(r));
      }),
      fuzzParameters(runs),
    );
  });
});

describe('fuzz: number hints', () => {
  const runs = 2000;
  it(`suggest a finite number or nothing, for any text (${scaled(runs)} runs)`, () => {
    fc.assert(
      fc.property(fc.oneof(nastyText(), fc.string({ unit: 'grapheme' })), (s) => {
        const hint = numberTextHint(s, (n) => {
          expect(Number.isFinite(n)).toBe(true);
          return `value: ${n}`;
        });
        if (hint !== undefined) expect(hint).toMatch(/value: -?[\d.e+-]+$/);
      }),
      fuzzParameters(runs),
    );
  });
});
