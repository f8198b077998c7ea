import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/index.ts';
import { formatDiagnostic } from '../../src/diagnostics/print.ts';
import { runCliParallel } from '../helpers/cli.ts';
import { brokenCases, projectWithCase } from '../helpers/content-fixtures.ts';

const cases = brokenCases();
// The real CLI for the first case of each family of rules (yaml., schema., table., …): every case
// prints through the same formatDiagnostic, checked for each case below without a process of its own.
const families = new Set<string>();
const throughCli = new Set<string>(cases.filter((c) => !families.has(c.expect.rule.split('.')[0]!) && families.add(c.expect.rule.split('.')[0]!)).map((c) => c.name));
const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('the broken-input corpus (tests/fixtures/broken)', () => {
  it('has at least 30 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  describe.concurrent.each(cases)('$name: $title', (c) => {
    it('gives its specific Chinese diagnostic at the right file and line', () => {
      const dir = projectWithCase(c);
      made.push(dir);
      const result = loadContent(dir);
      expect(result.ok).toBe(false);
      const match = result.diagnostics.find(
        (d) => d.rule === c.expect.rule && d.file === c.expect.file && d.line === c.expect.line && d.message.includes(c.expect.message),
      );
      expect(match, `expected ${JSON.stringify(c.expect)} among\n${JSON.stringify(result.diagnostics, null, 1)}`).toBeDefined();
      expect(match!.severity).toBe('error');
      expect(match!.message).toMatch(/[\u4e00-\u9fff]/);
      if (c.expect.hint) expect(match!.hint ?? '').toContain(c.expect.hint);
      if (c.expect.only) expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([match]);
      // As `nianbao check` prints it.
      const where = c.expect.line > 0 ? `${c.expect.file}:${c.expect.line}:` : c.expect.file;
      const printed = formatDiagnostic(match!);
      expect(printed).toContain(where);
      expect(printed).toContain(c.expect.message);
    });
  });

  describe.concurrent.each(cases.filter((c) => throughCli.has(c.name)))('$name, through the CLI', (c) => {
    it('makes `nianbao check` exit 1 with the message and no stack trace', async () => {
      const dir = projectWithCase(c);
      made.push(dir);
      const { code, stdout, output } = await runCliParallel(['check', dir]);
      expect(code).toBe(1);
      const where = c.expect.line > 0 ? `${c.expect.file}:${c.expect.line}:` : c.expect.file;
      expect(stdout).toContain(where);
      expect(stdout).toContain(c.expect.message);
      expect(output).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
      expect(output).not.toMatch(/\b(TypeError|ReferenceError|SyntaxError|Error):/);
    });
  });
});
