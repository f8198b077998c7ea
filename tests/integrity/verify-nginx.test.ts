/**
 * verify against Debian's nginx serving the built sample portal with gzip on for every type, as a
 * county portal's front server does: intact, one page tampered, and nginx stopped.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build/build.ts';
import { httpGet } from '../../src/integrity/http-get.ts';
import { manifestStage } from '../../src/integrity/manifest-stage.ts';
import { webStage } from '../../src/build/portal.ts';
import { startNginx, type Nginx } from '../helpers/nginx.ts';
import { STACK_LINE } from './http-site.ts';
import { runCliAsync } from './run-cli.ts';
import { copySample } from './sample-project.ts';

const PAGE = 'reports/chenxi-2022-fazhi-zhengfu/index.html';

let project: string;
let www: string;
let nginx: Nginx;
let base: string;

beforeAll(async () => {
  project = copySample('nianbao-nginx-');
  // The portal and its manifest; the PDF and DOCX stages add nothing to what is served here.
  const result = await build({ target: project, stages: [webStage, manifestStage] });
  if (!result.ok) throw new Error(JSON.stringify(result.error ?? result.diagnostics));
  const basePath = (JSON.parse(readFileSync(path.join(result.outDir, 'manifest.json'), 'utf8')) as { site: { basePath: string } }).site.basePath;
  www = mkdtempSync(path.join(tmpdir(), 'nianbao-www-'));
  cpSync(result.outDir, www, { recursive: true });
  nginx = await startNginx(www, basePath, 'gzip on; gzip_types *; gzip_min_length 1; gzip_http_version 1.0;');
  base = `${nginx.origin}${basePath}`;
});

afterAll(async () => {
  await nginx?.stop();
  for (const d of [project, www]) if (d) rmSync(d, { recursive: true, force: true });
});

/** The page with the first digit of a sentence in its main text changed: 48 → 58. */
function changeNumber(html: string): { tampered: string; digit: string; changed: string } {
  const main = html.indexOf('<main');
  const m = />[^<>。]*?[^\d<>](\d)\d*[^<>\d]*?。/d.exec(html.slice(main));
  if (main < 0 || !m) throw new Error(`no sentence with a number in the main text of ${PAGE}`);
  const digit = m[1]!;
  const changed = String((Number(digit) + 1) % 10);
  const at = main + m.indices![1]![0];
  return { tampered: html.slice(0, at) + changed + html.slice(at + 1), digit, changed };
}

describe('verify against nginx with gzip on', () => {
  it('finds the site intact, with gzip answers', async () => {
    // nginx really compresses what verify asks for.
    const page = await httpGet(new URL(PAGE, base), { timeoutMs: 30_000, maxBytes: 1 << 24 });
    expect(page.headers['content-encoding']).toBe('gzip');
    expect(page.body.equals(readFileSync(path.join(www, PAGE)))).toBe(true);
    const r = await runCliAsync(['verify', base]);
    expect(r.output).not.toMatch(STACK_LINE);
    expect(r.output).toContain('全部');
    expect(r.code).toBe(0);
  });

  it('finds one tampered page and shows the changed number in its sentence', async () => {
    const file = path.join(www, PAGE);
    const original = readFileSync(file, 'utf8');
    const s = changeNumber(original);
    writeFileSync(file, s.tampered);
    try {
      const r = await runCliAsync(['verify', base]);
      expect(r.output).not.toMatch(STACK_LINE);
      expect(r.code).toBe(1);
      expect(r.output).toContain(`已被修改：${PAGE}`);
      expect(r.output).toContain(`新增文字：“${s.changed}”`);
      expect(r.output).toContain(`[${s.digit}→${s.changed}]`);
      const json = await runCliAsync(['verify', base, '--json']);
      expect(json.code).toBe(1);
      const problem = (JSON.parse(json.output) as { problems: { path: string; change: { edits: { removed: string; added: string; context: string }[] } }[] }).problems[0]!;
      expect(problem.path).toBe(PAGE);
      expect(problem.change.edits).toEqual([expect.objectContaining({ removed: s.digit, added: s.changed, context: expect.stringContaining(`[${s.digit}→${s.changed}]`) })]);
    } finally {
      writeFileSync(file, original);
    }
  });

  it('cannot check once nginx is stopped', async () => {
    await nginx.stop();
    for (const flags of [[], ['--json'], ['--quiet']]) {
      const r = await runCliAsync(['verify', base, ...flags]);
      expect(r.output).not.toMatch(STACK_LINE);
      expect(r.code).toBe(2);
      expect(r.output).toContain(`连接被拒绝：127.0.0.1:${nginx.port} 上没有网站服务在运行`);
    }
  });
});
