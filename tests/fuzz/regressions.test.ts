/**
 * Bugs the fuzzers found, kept as plain tests so that they are checked on every run whatever
 * seed fast-check draws. To add one: take the shrunk counterexample fast-check prints (replay it
 * with NIANBAO_FUZZ_SEED / NIANBAO_FUZZ_PATH, see fuzz-settings.ts), fix the bug, and write the
 * counterexample here (or, for content, as a case in tests/fixtures/broken/).
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/index.ts';
import { parseYamlSource } from '../../src/content/yaml-source.ts';
import { importReport } from '../../src/import/import-report.ts';
import { ImportError } from '../../src/import/import-error.ts';
import { localCopy } from '../../src/integrity/deployed-copy.ts';
import { MANIFEST_FORMAT, serializeManifest, type Manifest } from '../../src/integrity/manifest.ts';
import { verifyCopy } from '../../src/integrity/verify.ts';
import { BASE } from '../helpers/content-fixtures.ts';

const sandbox = mkdtempSync(path.join(tmpdir(), 'nianbao-fuzz-regressions-'));
afterAll(() => rmSync(sandbox, { recursive: true, force: true }));
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

function site(name: string, files: Record<string, string>, extra: Manifest['files'] = []): string {
  const dir = path.join(sandbox, name);
  mkdirSync(dir, { recursive: true });
  for (const [f, text] of Object.entries(files)) writeFileSync(path.join(dir, f), text);
  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    site: { name: '测试', basePath: '/' },
    build: { tool: 'nianbao', toolVersion: '0', content: { sha256: '0'.repeat(64), files: 0 } },
    files: [...Object.entries(files).map(([f, text]) => ({ path: f, size: Buffer.byteLength(text), sha256: sha(Buffer.from(text)) })), ...extra],
  };
  writeFileSync(path.join(dir, 'manifest.json'), serializeManifest(manifest));
  return dir;
}

describe('found by fuzzing', () => {
  it('content: a symlink out of the project named like a hidden file is an error, not a warning ({kind: symlink, name: ".hidden"})', () => {
    const project = path.join(sandbox, 'project');
    cpSync(BASE, project, { recursive: true });
    mkdirSync(path.join(sandbox, 'outside'));
    symlinkSync(path.join(sandbox, 'outside'), path.join(project, 'content', '.hidden'));
    const r = loadContent(project);
    expect(r.ok).toBe(false);
    expect(r.diagnostics).toContainEqual(expect.objectContaining({ rule: 'content.path-outside', file: 'content/.hidden', severity: 'error' }));
  });

  it('verify: a dangling symlink in the site folder is reported, not a crash (ENOENT from stat)', async () => {
    const dir = site('dangling', { 'index.html': '<p>x</p>' });
    symlinkSync(path.join(sandbox, 'nowhere'), path.join(dir, 'broken-link'));
    const r = await verifyCopy({ copy: localCopy(dir) });
    expect(r.ok && r.report.ok).toBe(false);
    if (r.ok) expect(r.report.problems).toContainEqual(expect.objectContaining({ path: 'broken-link', kind: 'extra' }));
  });

  it('verify: a manifest listing ../secret.txt never gets a file outside the folder checked', async () => {
    const secret = 'secret outside the site\n';
    writeFileSync(path.join(sandbox, 'secret.txt'), secret);
    for (const spelling of ['../secret.txt', 'x/../../secret.txt', '..\\secret.txt', path.join(sandbox, 'secret.txt')]) {
      const dir = site(`escape-${Buffer.from(spelling).toString('hex').slice(0, 16)}`, { 'index.html': '<p>x</p>' }, [{ path: spelling, size: secret.length, sha256: sha(Buffer.from(secret)) }]);
      const r = await verifyCopy({ copy: localCopy(dir) });
      expect(r.ok && r.report.ok, spelling).toBe(false);
      if (!r.ok) expect(r.error).toContain('相对路径');
    }
  });

  it('import: a .docx that is no Word file is an ImportError in Chinese, not a ZIP library crash ({ext: .docx, bytes: []})', async () => {
    const project = path.join(sandbox, 'import-project');
    mkdirSync(path.join(project, 'content'), { recursive: true });
    for (const bytes of [Buffer.alloc(0), Buffer.from('PK\x03\x04 not really a zip')]) {
      const file = path.join(sandbox, 'baogao.docx');
      writeFileSync(file, bytes);
      const failed = await importReport(file, { project }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(failed).toBeInstanceOf(ImportError);
      expect((failed as Error).message).toContain('不是有效的 .docx');
    }
  });

  it('YAML: an alias without its anchor (a table cell typed *0) is a diagnostic at its line, not a ReferenceError (seed 717726023)', () => {
    const r = parseYamlSource('title: x\ntables:\n  shenqing:\n    xinshou: [0, 0, *0, 0]\n', '01-x.md', 2);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.diagnostics).toEqual([expect.objectContaining({ rule: 'yaml.alias', line: 5, value: '*0' })]);
    const bomb = parseYamlSource(`a: &a [x, x]\n${Array.from({ length: 12 }, (_, i) => `b${i}: &b${i} [*${i ? `b${i - 1}` : 'a'}, *${i ? `b${i - 1}` : 'a'}]`).join('\n')}\n`, 'x.yaml');
    expect(bomb.ok).toBe(false);
  });
});
