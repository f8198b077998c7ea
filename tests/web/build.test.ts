/**
 * Properties of the portal build as a whole: byte-identical output for the same content, any base
 * path, and a plain `astro build` that checks content with the CLI's own code.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { astroBuild as astroCli } from '../helpers/astro-cli.ts';
import { REPO, runCli } from '../helpers/cli.ts';
import { copySample } from '../integrity/sample-project.ts';
import { crawl } from '../helpers/crawl.ts';
import { serveStatic, type StaticServer } from '../helpers/static-server.ts';
import { buildPages, PAGES_AND_DOCX, removeBuilds } from './site-builds.ts';
import { sharedBuild } from '../helpers/shared-builds.ts';

/** Every file the portal wrote (downloads come from other stages). */
const files = (dir: string) =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(path.join(dir, f)).isFile() && !f.startsWith('downloads/'))
    .sort();

function astroBuild(env: Record<string, string>, outDir: string) {
  const r = astroCli(outDir, env, 300_000);
  return { code: r.status, output: `${r.stdout}${r.stderr}` };
}

describe('portal build', () => {
  const servers: StaticServer[] = [];
  const scratch: string[] = [];
  afterAll(async () => {
    for (const s of servers) await s.close();
    removeBuilds();
    for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
  });

  it('indexes for search every page meant to be found, which all lie under reports/ (the only folder Pagefind reads)', async () => {
    const dist = (await sharedBuild('fzzfjs')).dist;
    const searchable = files(dist).filter((f) => f.endsWith('.html') && readFileSync(path.join(dist, f), 'utf8').includes('data-pagefind-body'));
    expect(searchable.sort()).toEqual(['reports/chenxi-2022-fazhi-zhengfu/index.html', 'reports/chenxi-sifaju-2022-xinxi-gongkai/index.html']);
    const entry = JSON.parse(readFileSync(path.join(dist, 'pagefind/2022/pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
    expect(Object.values(entry.languages).reduce((n, l) => n + l.page_count, 0)).toBe(searchable.length);
  });

  // One build for both: a build under a two-level base path, started beside the Astro working
  // folders of a killed build and of a running one.
  it('works under a two-level base path, and removes the Astro working folders of builds that were killed, keeping those of running ones', async () => {
    const parent = path.join(REPO, '.cache');
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const running = spawn('sleep', ['infinity']);
    const dead = path.join(parent, `astro-${gone.stdout}-killed`);
    const alive = path.join(parent, `astro-${running.pid}-running`);
    for (const dir of [dead, alive]) mkdirSync(path.join(dir, '.astro'), { recursive: true });
    let dist: string;
    try {
      // The web stage does the clean-up (src/web/stage.ts); the Word files give the pages download links under the base.
      dist = await buildPages('/a/b/', undefined, PAGES_AND_DOCX);
      expect(existsSync(dead)).toBe(false);
      expect(existsSync(alive)).toBe(true);
    } finally {
      running.kill();
      rmSync(alive, { recursive: true, force: true });
    }
    const server = await serveStatic(dist, '/a/b/');
    servers.push(server);
    const result = await crawl(server.url);
    expect(result.broken).toEqual([]);
    expect(result.visited.size).toBeGreaterThan(10);
    expect(readFileSync(path.join(dist, 'index.html'), 'utf8')).toContain('href="/a/b/reports/chenxi-2022-fazhi-zhengfu/"');
  });

  it('lets a plain `astro build` check the content with the CLI’s code and stop with its Chinese diagnostics', async () => {
    // The two samples (not the county year), one with a mistake.
    const project = copySample('nianbao-invalid-');
    const valid = copySample('nianbao-valid-');
    scratch.push(project, valid);
    const section = path.join(project, 'content/reports/chenxi-2022-fazhi-zhengfu/08-maodun-jiufen.md');
    writeFileSync(section, readFileSync(section, 'utf8').replace('人民调解员:m[tiaojieyuan]，其中', '人民调解员:m[tiaojieyuan-zongshu]，其中'));

    const check = runCli(['check', project]);
    expect(check.code).toBe(1);
    const message = '正文引用了不存在的指标「tiaojieyuan-zongshu」';
    const where = check.output.match(/content\/reports\/chenxi-2022-fazhi-zhengfu\/08-maodun-jiufen\.md:\d+:\d+/)![0];
    expect(check.output).toContain(message);

    const astroOut = mkdtempSync(path.join(tmpdir(), 'nianbao-astro-'));
    scratch.push(astroOut);
    const out = path.join(astroOut, 'dist');
    const failed = astroBuild({ NIANBAO_ROOT: project }, out);
    expect(failed.code).not.toBe(0);
    expect(failed.output).toContain('内容检查未通过，网站没有生成。');
    expect(failed.output).toContain(message);
    expect(failed.output).toContain(where);
    expect(existsSync(path.join(out, 'index.html'))).toBe(false);

    const ok = astroBuild({ NIANBAO_ROOT: valid, NIANBAO_BASE: '/fzzfjs/' }, out);
    expect(ok.code, ok.output).toBe(0);
    expect(readFileSync(path.join(out, 'reports/chenxi-2022-fazhi-zhengfu/index.html'), 'utf8')).toContain('<meta name="PubDate" content="2023-01-04 11:30">');
    // The data files nianbao build writes itself (each report's and the combined ones) come from
    // Astro's endpoints here, with the same bytes: the same two samples, the same sub-path.
    const built = (await sharedBuild('fzzfjs')).dist;
    const dataFiles = files(path.join(built, 'data')).filter((f) => /\.(json|csv)$/.test(f));
    expect(dataFiles).toEqual(expect.arrayContaining(['chenxi-2022-fazhi-zhengfu.json', 'chenxi-sifaju-2022-xinxi-gongkai.csv', 'fazhi-zhengfu/all.json']));
    expect(files(path.join(out, 'data')).filter((f) => /\.(json|csv)$/.test(f))).toEqual(dataFiles);
    for (const f of dataFiles) expect(readFileSync(path.join(out, 'data', f), 'utf8'), f).toBe(readFileSync(path.join(built, 'data', f), 'utf8'));
  });
});
