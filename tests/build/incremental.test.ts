/**
 * Incremental builds: what a rebuild makes again after no change, one edited section, a template
 * change, a corrupt cache or a tampered dist/, and that the result is byte for byte a cold build's.
 * The tests run in order on one project, each rebuild starting from the one before. The template
 * change is made with the Word stage alone and undone, and the report of a new type comes last
 * before the cache is deleted (whose full build removes it again): every other test then starts
 * from the one section edit, whose cold build is made once (coldManifest). The second edit (the
 * Pagefind test, which compares with a bundle made from scratch, not with a cold build) comes
 * after all of them, so that no other state of the input needs a cold build of its own.
 */
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { build, type BuildResult } from '../../src/build/build.ts';
import { INTEGRITY_FILES, PAGES_FILE } from '../../src/integrity/manifest.ts';
import { listFiles } from '../../src/store/files.ts';
import { readOutputRecord } from '../../src/build/previous-output.ts';
import { manifestStage } from '../../src/integrity/manifest-stage.ts';
import type { BuildStage } from '../../src/pipeline/stage.ts';
import type { ReportModel } from '../../src/content/index.ts';
import { writeSearchIndex } from '../../src/web/search-index.ts';
import { FZ_2021, FZ_2022, hashes, manifestOf, projectWithYears, replaceIn, withoutPdf, XX_2021, XX_2022 } from './projects.ts';

/** Every file this process reads through node:fs (the build's own reads; Astro's process is another). */
const reads = vi.hoisted(() => [] as string[]);
vi.mock('node:fs', async (original) => (await import('../helpers/recorded-reads.ts')).recordingFs(await original(), reads));

let project: string;
let dist: string;
const cacheDir = () => path.join(project, '.cache/nianbao');

async function rebuild(log: string[] = []): Promise<Extract<BuildResult, { ok: true }>> {
  const result = await build({ target: project, stages: withoutPdf, cache: true, log: (m) => log.push(m) });
  if (!result.ok) throw new Error(JSON.stringify(result.error ?? result.diagnostics));
  return result;
}

/** The project's input (content/ and templates/), file by file. */
const inputKey = () =>
  ['content', 'templates']
    .flatMap((dir) => listFiles(path.join(project, dir)).sort().map((f) => `${dir}/${f}\0${createHash('sha256').update(readFileSync(path.join(project, dir, f))).digest('hex')}`))
    .join('\n');
const colds = new Map<string, string>();

/** The manifest of a build of the same content with no cache at all, into its own folder (once per state of the input). */
async function coldManifest(): Promise<string> {
  const key = inputKey();
  const known = colds.get(key);
  if (known) return known;
  const out = path.join(project, 'cold-dist');
  const result = await build({ target: project, outDir: out, stages: withoutPdf, cache: false });
  if (!result.ok) throw new Error(JSON.stringify(result.error ?? result.diagnostics));
  const text = manifestOf(out);
  rmSync(out, { recursive: true, force: true });
  colds.set(key, text);
  return text;
}

const docxOf = (slug: string) => `downloads/${slug}.docx`;
/** The inode of each file of the portal (pages, data, search) but the manifest's own, written by every build. */
const inodesOf = (dir: string) =>
  Object.fromEntries(
    listFiles(dir)
      .filter((f) => !f.startsWith('downloads/') && !INTEGRITY_FILES.has(f) && f !== PAGES_FILE)
      .map((f) => [f, statSync(path.join(dir, f)).ino]),
  );

beforeAll(async () => {
  project = projectWithYears('nianbao-incremental-');
  dist = (await rebuild()).outDir;
});
afterAll(() => rmSync(project, { recursive: true, force: true }));

describe('incremental builds', () => {
  it('reuses every output on a rebuild with nothing changed, without running Astro, and publishes the same bytes', async () => {
    const before = hashes(dist);
    const inodes = inodesOf(dist);
    const result = await rebuild();
    expect(result.cache!.misses).toEqual({});
    expect(result.cache!.hits).toEqual({ docx: 4, web: 1 });
    expect(result.seconds.search).toBeUndefined();
    expect(hashes(dist)).toEqual(before);
    // Checked, then hard-linked into the new folder: not one byte copied or written again (the
    // Word files are links to the cache's entries already).
    expect(inodesOf(dist)).toEqual(inodes);
  });

  it('after one section is edited, makes only that report’s Word file and its series’ pages again, and the site equals a cold build', async () => {
    const before = hashes(dist);
    const inodes = inodesOf(dist);
    replaceIn(project, `content/reports/${FZ_2021}/02-maodun-jiufen.md`, '矛盾', '矛盾纠纷');
    const log: string[] = [];
    reads.length = 0;
    const result = await rebuild(log);
    const builtReads = [...reads];
    // A page not rendered is not read at all, even in the year indexed again: its search key is
    // known by its digest (search-key-memo.ts), the text Pagefind reads of it by its key
    // (search-text-memo.ts), and its download block lists the same files.
    const readPages = reads.filter((f) => f.endsWith('index.html') && f.includes(`${path.sep}reports${path.sep}`)).map((f) => path.basename(path.dirname(f)));
    expect(readPages).not.toContain(XX_2022);
    expect(readPages).not.toContain(XX_2021);
    expect(readPages).toContain(FZ_2021);
    expect(result.cache!.rebuilt.docx).toEqual([FZ_2021]);
    // The 2022 report compares itself with 2021: both pages are rendered, the 信息公开 ones copied.
    expect(log).toContain('    网站：重新生成 2 份报告的页面、1 个发布机构的页面和其余列表页，沿用上次的 2 份报告和 15 个发布机构的页面。');
    // Search is indexed by year: 2021's pages changed, 2022's (re-rendered, compared with 2021) did not.
    expect(log).toContain('    搜索索引：重建 2021 年，沿用 2022 年。');
    expect(result.seconds.search).toBeGreaterThan(0);
    const after = hashes(dist);
    expect(after[docxOf(FZ_2021)]).not.toBe(before[docxOf(FZ_2021)]);
    for (const slug of [FZ_2022, XX_2021, XX_2022]) expect(after[docxOf(slug)]).toBe(before[docxOf(slug)]);
    // The pages not rendered are the last output's files, linked back.
    for (const rel of [`reports/${XX_2021}/index.html`, `data/${XX_2022}.json`]) expect(inodesOf(dist)[rel]).toBe(inodes[rel]);
    // So is the 信息公开 series page (the issuer's figures over the years); the 法治政府 one is rendered.
    expect(inodesOf(dist)['metrics/xinxi-gongkai/sifaju/index.html']).toBe(inodes['metrics/xinxi-gongkai/sifaju/index.html']);
    expect(inodesOf(dist)['metrics/fazhi-zhengfu/sifaju/index.html']).toBeDefined();
    expect(inodesOf(dist)['metrics/fazhi-zhengfu/sifaju/index.html']).not.toBe(inodes['metrics/fazhi-zhengfu/sifaju/index.html']);
    // The issuer's page lists the edited report: rendered. The 15 others are put back.
    const issuerPages = Object.keys(inodes).filter((f) => /^issuers\/[^/]+\/index\.html$/.test(f));
    expect(issuerPages).toHaveLength(16);
    expect(issuerPages.filter((f) => inodesOf(dist)[f] !== inodes[f])).toEqual(['issuers/sifaju/index.html']);
    // The combined data files: the 信息公开 years and 法治政府 2022 are put back, and so are the 信息公开
    // all-years files (made of its years alone, none changed); 法治政府 2021 and its all-years files are written.
    expect(log).toContain('    各类型的年度数据文件：重新生成 fazhi-zhengfu/2021，沿用 3 个年度。');
    // Put back unread: the 信息公开 years (its all-years files are put back too); 法治政府 2022 is read for its all-years files.
    // (Read from the last output or from the folder being built, where they are linked back.)
    const dataRead = builtReads.map((f) => /[\\/](data[\\/](?:xinxi-gongkai|fazhi-zhengfu)[\\/]\d{4}\.(?:json|csv))$/.exec(f)?.[1]?.replaceAll('\\', '/')).filter(Boolean);
    expect(dataRead.filter((f) => f!.includes('xinxi-gongkai'))).toEqual([]);
    expect(dataRead).toContain('data/fazhi-zhengfu/2022.json');
    for (const rel of ['data/xinxi-gongkai/2021.json', 'data/xinxi-gongkai/2022.csv', 'data/fazhi-zhengfu/2022.json', 'data/xinxi-gongkai/all.json', 'data/xinxi-gongkai/all.csv']) expect(inodesOf(dist)[rel], rel).toBe(inodes[rel]);
    for (const rel of ['data/fazhi-zhengfu/2021.json', 'data/fazhi-zhengfu/all.csv', 'data/fazhi-zhengfu/all.json']) expect(inodesOf(dist)[rel], rel).not.toBe(inodes[rel]);
    expect(manifestOf(dist)).toBe(await coldManifest());
  });

  it('after a template change, makes every report of that type again and no other, with the bytes of a build without cache', async () => {
    // The Word stage alone, into a folder of its own, and the template put back afterwards: the
    // portal and dist/ are left as the edit above made them (the tests below start from there, and
    // their cold builds are that one's).
    const template = path.join(project, 'templates/fazhi-zhengfu/2019/template.yaml');
    const original = readFileSync(template);
    const docxOnly = withoutPdf.filter((s) => s.id === 'docx');
    const [out, cold] = [path.join(project, 'template-dist'), path.join(project, 'template-cold')];
    try {
      replaceIn(project, 'templates/fazhi-zhengfu/2019/template.yaml', '每年4月1日之前', '每年四月一日之前');
      const result = await build({ target: project, outDir: out, stages: docxOnly, cache: true });
      if (!result.ok) throw new Error(JSON.stringify(result.error ?? result.diagnostics));
      expect(result.cache!.rebuilt.docx!.sort()).toEqual([FZ_2021, FZ_2022].sort());
      expect(result.cache!.hits.docx).toBe(2);
      // What a build without any cache makes of the changed template, every Word file.
      expect((await build({ target: project, outDir: cold, stages: docxOnly, cache: false })).ok).toBe(true);
      const made = hashes(out);
      expect(Object.keys(made).filter((f) => f.endsWith('.docx')).sort()).toEqual([FZ_2021, FZ_2022, XX_2021, XX_2022].map(docxOf).sort());
      expect(made).toEqual(hashes(cold));
    } finally {
      writeFileSync(template, original);
      for (const dir of [out, cold]) rmSync(dir, { recursive: true, force: true });
    }
  });

  it('ignores a corrupt cache entry and makes the file again, with the same bytes', async () => {
    const before = hashes(dist);
    const docxCache = path.join(cacheDir(), 'docx');
    for (const file of listFiles(docxCache).filter((f) => !f.endsWith('.json'))) writeFileSync(path.join(docxCache, file), 'not a docx');
    const result = await rebuild();
    expect(result.cache!.misses.docx).toBe(4);
    expect(hashes(dist)).toEqual(before);
  });

  it('ignores a foreign load-cache entry and replays nothing from it', async () => {
    const loadCache = path.join(cacheDir(), 'load');
    for (const file of listFiles(loadCache).filter((f) => f.endsWith('.json'))) {
      const side = JSON.parse(readFileSync(path.join(loadCache, file), 'utf8'));
      writeFileSync(path.join(loadCache, file), JSON.stringify({ ...side, key: '0'.repeat(64) }));
    }
    // The entries are looked up as the content is read, before any stage: a build of no stage into a
    // folder of its own reads the content as every build does, without the portal (whose process
    // and compilation a rebuild starts on the first miss) and leaving dist/ to the tests below.
    const out = path.join(project, 'load-dist');
    try {
      const log: string[] = [];
      const result = await build({ target: project, outDir: out, stages: [], cache: true, log: (m) => log.push(m) });
      expect(result.ok).toBe(true);
      expect(log[0]).toBe('读取内容：4 份报告，检查通过。');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('does not reuse a portal page that was changed in dist/ since it was published', async () => {
    const page = path.join(dist, 'index.html');
    const original = readFileSync(page);
    writeFileSync(page, `${original.toString('utf8')}<script src="https://evil.example/x.js"></script>`);
    const log: string[] = [];
    const result = await build({ target: project, stages: withoutPdf, cache: true, log: (m) => log.push(m) });
    expect(result.ok && result.cache!.hits.web).toBeUndefined();
    expect(log.some((l) => l.includes('index.html 已被改动'))).toBe(true);
    expect(readFileSync(page).equals(original)).toBe(true);
  });

  it('does not reuse a page changed in place with its size and modification time kept (its change time moved)', async () => {
    const page = path.join(dist, 'index.html');
    const original = readFileSync(page);
    const st = statSync(page, { bigint: true });
    // As long as the original, written through the file, then dated back to the nanosecond: only the kernel's change time tells.
    const tampered = Buffer.from(original);
    tampered.write('<!--x-->', tampered.indexOf('</body>'), 'utf8');
    writeFileSync(page, tampered, { flag: 'r+' });
    const ns = (t: bigint) => `@${t / 1_000_000_000n}.${String(t % 1_000_000_000n).padStart(9, '0')}`;
    expect(spawnSync('touch', ['-m', '-d', ns(st.mtimeNs), page]).status).toBe(0);
    const after = statSync(page, { bigint: true });
    expect([after.mtimeNs, after.size, after.ino]).toEqual([st.mtimeNs, st.size, st.ino]);
    expect(after.ctimeNs).not.toBe(st.ctimeNs);
    const log: string[] = [];
    const result = await rebuild(log);
    expect(result.cache!.hits.web).toBeUndefined();
    expect(log.some((l) => l.includes('index.html 已被改动'))).toBe(true);
    expect(readFileSync(page).equals(original)).toBe(true);
  });

  it('reads no published file on a rebuild with nothing changed: each is trusted by the stamp recorded after publishing', async () => {
    // After a rebuild with nothing changed every published file was put in place from the last
    // output, long before the manifest hashed it, and has a stamp: the page snapshots too, put
    // back whole when no page changed. (Files a build writes itself in the 50 ms before its
    // manifest stage get none; the next build reads them once.)
    await rebuild();
    const record = readOutputRecord(cacheDir(), dist)!;
    expect(record.files[PAGES_FILE]).toBeDefined();
    expect(Object.keys(record.files).filter((f) => !record.stamps![f])).toEqual([]);
    reads.length = 0;
    expect((await rebuild()).cache!.hits.web).toBe(1);
    // The manifest just written is read back for the record; nothing else of the output is read.
    const inDist = reads.filter((f) => path.resolve(f).startsWith(`${dist}${path.sep}`)).map((f) => path.relative(dist, f));
    expect(inDist).toEqual(['manifest.json']);
  });

  it('stops when a page shared with the last output is written through during the build, and the next build puts it right', async () => {
    const page = path.join(dist, 'index.html');
    const original = readFileSync(page);
    // Written through the new folder's hard link just before the manifest, as an intruder on the server could.
    const intruded: BuildStage = {
      ...manifestStage,
      run: (ctx) => {
        writeFileSync(path.join(ctx.outDir, 'index.html'), 'tampered', { flag: 'r+' });
        return manifestStage.run(ctx);
      },
    };
    const failed = await build({ target: project, stages: [...withoutPdf.slice(0, -1), intruded], cache: true });
    expect(failed.ok).toBe(false);
    expect(!failed.ok && failed.error?.message).toContain('index.html 在构建过程中被直接改写');
    expect(readFileSync(page).equals(original)).toBe(false);
    const log: string[] = [];
    await rebuild(log);
    expect(log.some((l) => l.includes('index.html 已被改动'))).toBe(true);
    expect(readFileSync(page).equals(original)).toBe(true);
  });

  it('publishes the right bytes again after a Word file was overwritten in place in dist/ (files may share storage with the cache)', async () => {
    const file = path.join(dist, docxOf(FZ_2022));
    const original = readFileSync(file);
    // Written through the existing file, as an editor or an intruder on the server would.
    writeFileSync(file, 'tampered', { flag: 'r+' });
    const result = await rebuild();
    expect(result.cache!.rebuilt.docx).toEqual([FZ_2022]);
    expect(readFileSync(file).equals(original)).toBe(true);
    expect(manifestOf(dist)).toBe(await coldManifest());
  });

  it('renders every page again when a report of a new type arrives: every page’s menu lists the types', async () => {
    const slug = 'chenxi-sifaju-2022-gongzuo-baogao';
    const dir = path.join(project, 'content/reports', slug);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, 'report.yaml'),
      'title: 辰溪县司法局2022年工作总结\nyear: 2022\ntype: gongzuo-baogao\ntypeVersion: "1"\nissuer: sifaju\nsource: 辰溪县司法局\nwrittenDate: 2023-01-15\npublishedAt: 2023-01-15 09:00\ntopic: 政务公开\nkeywords: [工作总结]\nsignature: 辰溪县司法局\n',
    );
    writeFileSync(path.join(dir, '01-gongzuo-qingkuang.md'), '---\ntitle: 工作开展情况\nlevel: 1\n---\n\n全年办理法律援助案件。\n');
    writeFileSync(path.join(dir, '02-xiayibu.md'), '---\ntitle: 下一步工作打算\nlevel: 1\n---\n\n继续做好法律援助工作。\n');
    try {
      const log: string[] = [];
      await rebuild(log);
      expect(log.filter((l) => l.includes('沿用上次的页面'))).toEqual([]);
      const menu = (rel: string) => [...(/<nav class="site-nav"[\s\S]*?<\/nav>/.exec(readFileSync(path.join(dist, rel), 'utf8'))?.[0] ?? '').matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
      for (const rel of [`reports/${XX_2021}/index.html`, 'metrics/xinxi-gongkai/sifaju/index.html']) expect(menu(rel), rel).toContain('/ndbg/metrics/gongzuo-baogao/');
      expect(manifestOf(dist)).toBe(await coldManifest());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps its cache in .cache/nianbao, which is safe to delete', async () => {
    expect(readdirSync(cacheDir()).sort()).toEqual(['docx', 'load', 'outputs', 'page-snapshot', 'pages-index', 'pruned.json', 'search']);
    rmSync(path.join(project, '.cache'), { recursive: true, force: true });
    const result = await rebuild();
    expect(result.cache!.misses.docx).toBe(4);
    expect(manifestOf(dist)).toBe(await coldManifest());
  });

  it('after an edit to a report past its year’s first page, sends the pages before it to Pagefind while the portal renders, and the year’s bundle is the one made from scratch', async () => {
    // 2021's pages, sorted: the 法治政府 report's, then the 司法局's. The latter is edited.
    replaceIn(project, `content/reports/${XX_2021}/01-zongti-qingkuang.md`, '明确分管领导', '明确分管领导和');
    const log: string[] = [];
    await rebuild(log);
    expect(log).toContain('    搜索索引：重建 2021 年（其中 1 页在渲染网站时已送去建索引），沿用 2022 年。');
    // Pagefind indexing the same pages into a new folder, every page sent in order, as a cold build does.
    const fresh = path.join(project, 'search-fresh');
    try {
      const years = { [FZ_2021]: 2021, [XX_2021]: 2021, [FZ_2022]: 2022, [XX_2022]: 2022 };
      for (const slug of Object.keys(years)) {
        mkdirSync(path.join(fresh, 'reports', slug), { recursive: true });
        writeFileSync(path.join(fresh, 'reports', slug, 'index.html'), readFileSync(path.join(dist, 'reports', slug, 'index.html')));
      }
      await writeSearchIndex(fresh, Object.entries(years).map(([slug, year]) => ({ slug, meta: { year } }) as unknown as ReportModel));
      const bundle = (site: string) => hashes(path.join(site, 'pagefind/2021'));
      expect(Object.keys(bundle(dist)).length).toBeGreaterThan(3);
      expect(bundle(dist)).toEqual(bundle(fresh));
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });
});
