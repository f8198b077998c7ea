/**
 * verify against Debian's nginx serving the built sample portal with gzip on for every type, as a
 * county portal's front server does: intact, one page tampered, and nginx stopped. The intact site
 * is checked by the command line; the rest by the same command run in this process
 * (tests/helpers/in-process-cli.ts).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/in-process-cli.ts';
import { httpGet } from '../../src/integrity/http-get.ts';
import { startNginx, type Nginx } from '../helpers/nginx.ts';
import { sharedBuild } from '../helpers/shared-builds.ts';
import { STACK_LINE } from './http-site.ts';
import { runCliAsync } from './run-cli.ts';

const PAGE = 'reports/chenxi-2022-fazhi-zhengfu/index.html';

let www: string;
let nginx: Nginx;
let base: string;

beforeAll(async () => {
  // The run's shared build of the samples (only read here): the portal, its downloads (PDF, OFD,
  // Word, which nginx compresses too) and its manifest, copied to where nginx serves it.
  const { dist } = await sharedBuild('ndbg');
  const basePath = (JSON.parse(readFileSync(path.join(dist, 'manifest.json'), 'utf8')) as { site: { basePath: string } }).site.basePath;
  www = mkdtempSync(path.join(tmpdir(), 'nianbao-www-'));
  cpSync(dist, www, { recursive: true });
  nginx = await startNginx(www, basePath, 'gzip on; gzip_types *; gzip_min_length 1; gzip_http_version 1.0;');
  base = `${nginx.origin}${basePath}`;
});

afterAll(async () => {
  await nginx?.stop();
  if (www) rmSync(www, { recursive: true, force: true });
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
    // Run in this process, as the tests below run it, the command prints the same, on the same streams.
    const { code, stdout, stderr } = await runInProcess(['verify', base]);
    expect({ code, stdout, stderr }).toEqual({ code: r.code, stdout: r.stdout, stderr: r.stderr });
  });

  it('finds one tampered page and shows the changed number in its sentence', async () => {
    const file = path.join(www, PAGE);
    const original = readFileSync(file, 'utf8');
    const s = changeNumber(original);
    writeFileSync(file, s.tampered);
    try {
      const r = await runInProcess(['verify', base]);
      expect(r.output).not.toMatch(STACK_LINE);
      expect(r.code).toBe(1);
      expect(r.output).toContain(`已被修改：${PAGE}`);
      expect(r.output).toContain(`新增文字：“${s.changed}”`);
      expect(r.output).toContain(`[${s.digit}→${s.changed}]`);
      const json = await runInProcess(['verify', base, '--json']);
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
      const r = await runInProcess(['verify', base, ...flags]);
      expect(r.output).not.toMatch(STACK_LINE);
      expect(r.code).toBe(2);
      expect(r.output).toContain(`连接被拒绝：127.0.0.1:${nginx.port} 上没有网站服务在运行`);
    }
  });
});
