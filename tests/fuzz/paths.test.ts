/**
 * Paths from users and content: whatever is written (`..`, absolute, `..\`, symlinks, names with
 * dots and spaces), a path resolveInside accepts really lies inside the folder, and writing
 * there leaves everything outside untouched. Cheap: many runs.
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { REPORT_SLUG, reportSlugProblem } from '../../src/content/report-slug.ts';
import { isWithin, resolveInside } from '../../src/paths/project-path.ts';
import { treeSnapshot } from '../helpers/tree-snapshot.ts';
import { fuzzParameters, fuzzTimeout, scaled } from './fuzz-settings.ts';

const sandbox = realpathSync(mkdtempSync(path.join(tmpdir(), 'nianbao-fuzz-paths-')));
afterAll(() => rmSync(sandbox, { recursive: true, force: true }));
const root = path.join(sandbox, 'root');
const outside = path.join(sandbox, 'outside');
mkdirSync(path.join(root, 'reports', 'a'), { recursive: true });
mkdirSync(outside);
writeFileSync(path.join(outside, 'sentinel.txt'), 'must stay');
symlinkSync(outside, path.join(root, 'escape'));
symlinkSync(path.join(root, 'reports', 'a'), path.join(root, 'inner'));
symlinkSync(path.join(sandbox, 'nowhere'), path.join(root, 'dangling'));

const segment = fc.oneof(
  fc.constantFrom('..', '.', '', 'reports', 'a', 'escape', 'inner', 'dangling', 'root', 'outside', 'x', 'a b', '中文', '.hidden', '..x', 'x..', 'C:', '~'),
  fc.string({ maxLength: 3 }).filter((s) => !s.includes('\0')),
);
const given = fc
  .record({ absolute: fc.constantFrom('', '', '', '/', sandbox + '/', 'C:\\'), parts: fc.array(fc.tuple(segment, fc.constantFrom('/', '\\')), { minLength: 1, maxLength: 6 }) })
  .map(({ absolute, parts }) => absolute + parts.map(([s, sep], i) => (i === 0 ? s : sep + s)).join(''));

describe('fuzz: resolveInside', () => {
  const runs = 3000;
  it(`accepts only paths that really are inside; writing there changes nothing outside (${scaled(runs)} runs)`, { timeout: fuzzTimeout(runs, 2) }, () => {
    const before = treeSnapshot(outside);
    fc.assert(
      fc.property(given, (p) => {
        const v = resolveInside(root, p);
        if (!v.ok) {
          expect(v.message).toMatch(/[\u4e00-\u9fff]/);
          return;
        }
        expect(isWithin(root, v.path)).toBe(true);
        // Write where it says, then check the real location and the world outside.
        const file = path.join(v.path, 'probe.txt');
        try {
          mkdirSync(v.path, { recursive: true });
          writeFileSync(file, 'x');
        } catch {
          return; // e.g. a name the file system refuses: nothing written anywhere
        }
        try {
          expect(isWithin(root, realpathSync(file))).toBe(true);
          expect(treeSnapshot(outside)).toEqual(before);
        } finally {
          rmSync(file, { force: true });
        }
      }),
      fuzzParameters(runs),
    );
  });
});

describe('fuzz: report slugs', () => {
  const runs = 3000;
  const slug = fc.oneof(
    fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/),
    fc.array(fc.constantFrom('a', 'z', '0', '-', '.', '..', '/', '\\', ' ', '中', 'A', '_', '\u3000'), { maxLength: 8 }).map((a) => a.join('')),
    fc.string({ maxLength: 12 }),
  );
  it(`a slug is accepted exactly when it follows REPORT_SLUG, and then stays in reports/ (${scaled(runs)} runs)`, () => {
    fc.assert(
      fc.property(slug, (s) => {
        const problem = reportSlugProblem(s);
        expect(problem === undefined).toBe(REPORT_SLUG.test(s) && s.length <= 100);
        if (problem === undefined) expect(resolveInside(path.join(root, 'reports'), s).ok).toBe(true);
        else expect(problem).toMatch(/[\u4e00-\u9fff]/);
      }),
      fuzzParameters(runs),
    );
  });
});
