/**
 * The PDF stage in whole builds with real Chromium: a missing browser fails the build and leaves
 * the last dist/ alone; a browser that dies mid-way is restarted; an organisation's font dropped
 * into fonts/ is used; and the same content prints to the same bytes.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build/build.ts';
import type { BuildStage } from '../../src/pipeline/stage.ts';
import { launchChromium, type PrintBrowser } from '../../src/pdf/chromium.ts';
import { maskVolatile, reportDocumentInfo } from '../../src/pdf/document-info.ts';
import { finishPdf } from '../../src/pdf/finish-pdf.ts';
import { guardPage, printPage } from '../../src/pdf/print-page.ts';
import { printPagePath } from '../../src/pdf/print-layout.ts';
import { serveSite } from '../../src/pdf/site-server.ts';
import { printPreviewPdf } from '../../src/pdf/preview.ts';
import { pdfStage } from '../../src/pdf/stage.ts';
import { webStage } from '../../src/build/portal.ts';
import { chromiumPath } from '../helpers/browser.ts';
import { runCli } from '../helpers/cli.ts';
import { sharedBuild } from '../helpers/shared-builds.ts';
import { copySample, replaceIn } from '../integrity/sample-project.ts';
import { sampleReport } from '../web/sample-model.ts';
import { renamedFont } from './fixtures.ts';
import { formatMetric } from '../../src/metrics/format.ts';
import { missingGlyphs, openPdf, outlineEntries, pageLines, pdfFonts, structureRoles, taggedTables } from './pdf-read.ts';

const projects: string[] = [];
const project = (slugs?: readonly string[]) => {
  const dir = copySample('nianbao-pdf-build-', slugs);
  projects.push(dir);
  return dir;
};
afterAll(() => projects.forEach((d) => rmSync(d, { recursive: true, force: true })));

const snapshot = (dir: string) =>
  Object.fromEntries(
    (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[])
      .filter((f) => statSync(path.join(dir, f)).isFile())
      .sort()
      .map((f) => [f, createHash('sha256').update(readFileSync(path.join(dir, f))).digest('hex')]),
  );

/**
 * In place of the web stage: the shared site of the same two samples (same settings, print pages
 * kept), copied, for builds that test only the PDF stage.
 */
const sharedSite: BuildStage = {
  id: 'web',
  label: '网站（测试：共享构建的页面）',
  async run(ctx) {
    cpSync((await sharedBuild('ndbg-pages')).dist, ctx.outDir, { recursive: true });
  },
};

type Tab = Awaited<ReturnType<PrintBrowser['newPage']>>;

/**
 * The PDF stage's launcher for the builds that do not test the browser itself (the font folder,
 * the metric tables): one browser of the executable the stage finds, started by the first such
 * build and kept open for the next (the stage's tabs are its own, closed when it is done).
 */
const kept = new Map<string, Promise<PrintBrowser>>();
const keptBrowser = async (executable: string): Promise<PrintBrowser> => {
  let started = kept.get(executable);
  if (!started) kept.set(executable, (started = launchChromium(executable)));
  const browser = await started;
  return {
    get connected() {
      return browser.connected;
    },
    pid: browser.pid,
    newPage: () => browser.newPage(),
    // Closed with the file (afterAll below), not by the stage.
    close: async () => {},
  };
};
afterAll(async () => {
  await Promise.all([...kept.values()].map(async (b) => (await b).close()));
});

// The run's shared build of the samples (the last test copies it), asked for as the file starts
// when that test is to run: if no other file has started it, it builds in its own process while the
// tests before that one print. Its failure shows in the test that awaits it.
interface Planned {
  name: string;
  mode: string;
  tasks?: readonly Planned[];
}
const toRun = (task: Planned): boolean => (task.tasks ? task.tasks.some(toRun) : task.mode !== 'skip' && task.mode !== 'todo');
beforeAll(({}, file) => {
  if ((file.tasks as readonly Planned[]).some((t) => t.name === 'without a browser' && toRun(t))) sharedBuild('ndbg').catch(() => {});
});

describe('a browser that dies while printing', () => {
  it('is restarted once and the interrupted reports are printed again', async () => {
    const root = project();
    let launches = 0;
    // The first browser is killed as soon as its first print page has loaded.
    const launch = async (executable: string): Promise<PrintBrowser> => {
      const browser = await launchChromium(executable);
      launches += 1;
      if (launches > 1) return browser;
      // Killed once: the other tabs of this browser may still report a load before it is gone.
      let killed = false;
      const kill = () => {
        if (killed) return;
        killed = true;
        process.kill(browser.pid!, 'SIGKILL');
      };
      return {
        get connected() {
          return browser.connected;
        },
        pid: browser.pid,
        close: () => browser.close(),
        newPage: async () => {
          const page = await browser.newPage();
          page.once('load', kill);
          return page;
        },
      };
    };
    const log: string[] = [];
    const result = await build({ target: root, stages: [sharedSite, pdfStage({ launch })], log: (m) => log.push(m) });
    expect(result.ok, JSON.stringify(!result.ok && result.error)).toBe(true);
    expect(launches).toBe(2);
    expect(log.some((l) => l.includes('浏览器意外退出，已重新启动'))).toBe(true);
    // Progress per report: one line each, with its page count and where its time went.
    const lines = log.filter((l) => /downloads\/[a-z0-9-]+\.pdf（\d+ 页/.test(l));
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).toMatch(/\d+\.\d 秒：打开页面 \d+\.\d\d 秒.*Chromium 打印 \d+\.\d\d 秒/);
    // …and the build's phases sum them per step.
    expect(result.ok && result.seconds['pdf.print']).toBeGreaterThan(0);
    for (const slug of ['chenxi-2022-fazhi-zhengfu', 'chenxi-sifaju-2022-xinxi-gongkai']) {
      const doc = await openPdf(path.join(root, 'dist/downloads', `${slug}.pdf`));
      expect(doc.numPages).toBeGreaterThan(1);
      await doc.loadingTask.destroy();
    }
  });
});

describe('the fonts/ folder', () => {
  it('uses an organisation’s font dropped into it, without publishing the font file', async () => {
    // The 法治政府 report alone: the only one looked at (the shared site's pages of both are copied in).
    const root = project(['chenxi-2022-fazhi-zhengfu']);
    mkdirSync(path.join(root, 'fonts'));
    // A 楷体 nobody has installed: LXGW WenKai under other names.
    writeFileSync(
      path.join(root, 'fonts', 'kaiti-licensed.ttf'),
      renamedFont('/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf', { family: 'Nb Kai Test', postscript: 'NbTestKaiti-Folder', chinese: '测试楷体' }),
    );
    const log: string[] = [];
    const result = await build({ target: root, stages: [sharedSite, pdfStage({ launch: keptBrowser })], log: (m) => log.push(m) });
    expect(result.ok, JSON.stringify(!result.ok && result.error)).toBe(true);
    expect(log.join('\n')).toContain('字体文件夹：使用 测试楷体（kaiti-licensed.ttf）');
    const file = path.join(root, 'dist/downloads/chenxi-2022-fazhi-zhengfu.pdf');
    const fonts = pdfFonts(file);
    // The （一） headings are 楷体: set in the folder's font, embedded as a CID font.
    expect(fonts.find((f) => f.name.endsWith('+NbTestKaiti-Folder'))).toMatchObject({ type: 'CID TrueType', embedded: true });
    expect(fonts.some((f) => f.name.includes('LXGWWenKai'))).toBe(false);
    const doc = await openPdf(file);
    expect(await missingGlyphs(doc)).toEqual([]);
    await doc.loadingTask.destroy();
    expect((readdirSync(path.join(root, 'dist'), { recursive: true, encoding: 'utf8' }) as string[]).filter((f) => /\.(ttf|otf|ttc)$|_print-fonts/.test(f))).toEqual([]);
  });
});

/**
 * One browser and one server of the shared build's print pages (read only), for the tests that
 * print in tabs of their own: `newTab` gives a guarded tab, `print` prints a report in a tab
 * (Chromium's bytes).
 */
describe('printing in tabs of one browser', () => {
  const base = '/ndbg/';
  let server: Awaited<ReturnType<typeof serveSite>> | undefined;
  let browser: PrintBrowser | undefined;
  beforeAll(async () => {
    server = await serveSite((await sharedBuild('ndbg-pages')).dist, base);
    browser = await launchChromium(chromiumPath());
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  const newTab = async (): Promise<Tab> => {
    const tab = await browser!.newPage();
    await guardPage(tab, server!.origin);
    return tab;
  };
  const print = (tab: Tab, slug: string) => printPage(tab, { url: `${server!.origin}${printPagePath(base, slug)}`, origin: server!.origin });
  /**
   * The fazhi report printed twice, each in a new tab (Chromium's bytes), made by the first test
   * that asks: the reproducibility test compares the two, the tab test the first with a reused tab's print.
   */
  let freshPrints: Promise<[Buffer, Buffer]> | undefined;
  const twoFreshPrints = () =>
    (freshPrints ??= (async () => {
      const prints: Buffer[] = [];
      for (let i = 0; i < 2; i++) {
        const tab = await newTab();
        prints.push(Buffer.from(await print(tab, 'chenxi-2022-fazhi-zhengfu')));
        await tab.close();
        // Chromium's dates have whole seconds: make sure the two prints get different ones.
        if (i === 0) await new Promise((r) => setTimeout(r, 1100));
      }
      return prints as [Buffer, Buffer];
    })());

  describe('reproducible PDFs', () => {
    it('differ between two Chromium prints only in /CreationDate and /ModDate, and not at all once finished', async () => {
      const [a, b] = await twoFreshPrints();
      expect(a.equals(b)).toBe(false);
      // Exactly what differs: the two dates of the info dictionary (Chromium writes no /ID).
      const volatile = (pdf: Buffer) => [...pdf.toString('latin1').matchAll(/\/(CreationDate|ModDate) \(D:(\d{14})/g)].map((m) => m[1]);
      expect(volatile(a)).toEqual(['CreationDate', 'ModDate']);
      expect(a.toString('latin1')).not.toMatch(/\/ID\s*\[/);
      expect(maskVolatile(a).equals(maskVolatile(b))).toBe(true);

      const info = reportDocumentInfo(sampleReport('chenxi-2022-fazhi-zhengfu'));
      const [fa, fb] = await Promise.all([finishPdf(a, info), finishPdf(b, info)]);
      expect(Buffer.from(fa.bytes).equals(Buffer.from(fb.bytes))).toBe(true);
      expect(Buffer.from(fa.bytes).toString('latin1')).toMatch(/\/ID\s*\[\s*<[0-9A-F]{32}>\s*<[0-9A-F]{32}>\s*\]/);
    });
  });

  describe('a tab reused for the next report', () => {
    it('swaps in the next print page without loading the stylesheet again, and prints the same bytes as a fresh tab', async () => {
      const fazhi = 'chenxi-2022-fazhi-zhengfu';
      const xinxi = 'chenxi-sifaju-2022-xinxi-gongkai';
      const finished: Record<string, Buffer> = {};
      const stylesheets: string[] = [];
      const finishBytes = async (printed: Uint8Array, slug: Parameters<typeof sampleReport>[0]) => Buffer.from((await finishPdf(printed, reportDocumentInfo(sampleReport(slug)))).bytes);
      const finish = async (tab: Tab, slug: Parameters<typeof sampleReport>[0]) => finishBytes(await print(tab, slug), slug);
      // The fazhi report printed in a tab of its own.
      finished.fresh = await finishBytes((await twoFreshPrints())[0], fazhi);
      const reused = await newTab();
      reused.on('request', (r) => void (r.resourceType() === 'stylesheet' && stylesheets.push(r.url())));
      finished.other = await finish(reused, xinxi);
      finished.swapped = await finish(reused, fazhi);
      await reused.close();
      // One stylesheet load for the tab's first page; the second page came without a navigation.
      expect(stylesheets).toHaveLength(1);
      expect(finished.swapped!.equals(finished.fresh!), 'swapped vs fresh').toBe(true);
      expect(finished.other!.equals(finished.fresh!)).toBe(false);
    });
  });

  describe('the glyph check', () => {
    it('catches a character no font has (the check the samples pass is a real one)', async () => {
      const dir = projects[0] ?? project();
      const file = path.join(dir, 'tofu.pdf');
      const page = await browser!.newPage();
      try {
        // U+1FAE8 (an emoji) is in none of the machine's fonts: Chromium draws .notdef.
        await page.setContent('<html lang="zh-CN"><body style="font: 16pt \'AR PL UMing CN\'"><p>正常文字\u{1FAE8}</p></body></html>');
        writeFileSync(file, await page.pdf({ format: 'A4' }));
      } finally {
        await page.close();
      }
      const doc = await openPdf(file);
      expect((await missingGlyphs(doc)).length).toBeGreaterThan(0);
      await doc.loadingTask.destroy();
      expect(existsSync(file)).toBe(true);
    });
  });
});

describe('a PDF from a running site (the live preview)', () => {
  it('prints one report from the site’s print page, with the filing metadata and bookmarks', async () => {
    // The shared build's site and project, read only.
    const { project: root, dist } = await sharedBuild('ndbg-pages');
    const server = await serveSite(dist, '/ndbg/');
    try {
      const report = sampleReport('chenxi-sifaju-2022-xinxi-gongkai');
      const bytes = await printPreviewPdf(report, { siteUrl: server.url, root });
      const scratch = mkdtempSync(path.join(tmpdir(), 'nianbao-preview-pdf-'));
      projects.push(scratch);
      const file = path.join(scratch, 'preview.pdf');
      writeFileSync(file, bytes);
      const doc = await openPdf(file);
      expect((await outlineEntries(doc)).map((e) => e.title)).toEqual([report.meta.title, ...report.sections.map((s) => `${s.number}${s.title}`)]);
      expect(((await doc.getMetadata()).info as Record<string, unknown>).Author).toBe(report.issuer.name);
      await doc.loadingTask.destroy();
      await expect(printPreviewPdf(report, { siteUrl: server.url, root, env: { CHROME_PATH: '/nonexistent' } })).rejects.toThrow('CHROME_PATH');
    } finally {
      await server.close();
    }
  });
});

describe('the Word file’s settings in the print', () => {
  it('adds each section’s metric table when site.yaml asks the Word file for them, header rows repeated over pages', async () => {
    // The 法治政府 report alone: the only one looked at.
    const root = project(['chenxi-2022-fazhi-zhengfu']);
    const site = path.join(root, 'content/site.yaml');
    writeFileSync(site, `${readFileSync(site, 'utf8')}\ndocx:\n  metricTables: true\n  boldLevel3: true\n`);
    const result = await build({ target: root, stages: [webStage, pdfStage({ launch: keptBrowser })] });
    expect(result.ok, JSON.stringify(!result.ok && (result.error ?? result.diagnostics))).toBe(true);
    const report = sampleReport('chenxi-2022-fazhi-zhengfu');
    const doc = await openPdf(path.join(root, 'dist/downloads', `${report.slug}.pdf`));
    const tables = await taggedTables(doc);
    // Every metric of the prose, in the value column of its section's table.
    const cells = new Set(tables.flatMap((t) => t.rows.flatMap((r) => r.map((c) => c.text))));
    for (const metric of Object.values(report.metrics)) expect(cells.has(formatMetric(metric)), metric.id).toBe(true);
    // A table that runs on to the next page starts it with its header row again.
    let continued = 0;
    for (let p = 2; p <= doc.numPages; p++) {
      // A page that goes on with a table starts with it in the tagged structure (a chart's small labels don't count).
      if ((await structureRoles(doc, p)).find((r) => r !== 'Root' && r !== 'Document') !== 'Table') continue;
      const [top] = await pageLines(doc, p);
      expect(top!.text.replace(/\s+/g, ''), `page ${p}`).toBe('指标2022年');
      continued += 1;
    }
    expect(continued).toBeGreaterThan(0);
    expect(await missingGlyphs(doc)).toEqual([]);
    await doc.loadingTask.destroy();
  });
});

describe('without a browser', () => {
  it('fails in the PDF stage with a Chinese error naming CHROME_PATH, leaves the previous HTML and DOCX untouched, and the CLI exits non-zero saying so', async () => {
    // A copy of the run's shared build of the samples (its dist/ and build cache): the project as an
    // editor left it after a good build.
    const root = mkdtempSync(path.join(tmpdir(), 'nianbao-pdf-build-'));
    projects.push(root);
    cpSync((await sharedBuild('ndbg')).project, root, { recursive: true });
    const dist = path.join(root, 'dist');
    const before = snapshot(dist);
    expect(Object.keys(before)).toEqual(expect.arrayContaining(['index.html', 'downloads/chenxi-2022-fazhi-zhengfu.docx', 'downloads/chenxi-2022-fazhi-zhengfu.pdf']));

    // The site stage fills the staging folder (the shared site's pages), then the PDF stage looks
    // for the browser in the environment `nianbao build` would give it (the CLI's PDF stage reads process.env).
    const failed = await build({ target: root, stages: [sharedSite, pdfStage({ env: { ...process.env, CHROME_PATH: '/nonexistent/chromium' } })] });
    expect(failed.ok).toBe(false);
    const error = !failed.ok ? failed.error : undefined;
    expect(error?.stage).toContain('生成 PDF');
    expect(error?.message).toContain('环境变量 CHROME_PATH 指定的浏览器不存在：/nonexistent/chromium');
    expect(snapshot(dist)).toEqual(before);
    // Nothing of the failed build is left beside dist/.
    expect(readdirSync(root).filter((f) => f.startsWith('.nianbao-'))).toEqual([]);

    // The CLI says so for any failed build, and exits non-zero: here one that fails as it reads the
    // content (no site rendered for nothing).
    replaceIn(root, 'content/reports/chenxi-2022-fazhi-zhengfu/report.yaml', 'year: 2022', 'year: 二〇二二');
    const cli = runCli(['build', root], { env: { CHROME_PATH: '/nonexistent/chromium' } });
    expect(cli.code).not.toBe(0);
    expect(cli.output).toContain('[schema.number-as-text]');
    expect(cli.output).toContain('原有的输出文件夹没有改动');
    expect(snapshot(dist)).toEqual(before);
    expect(readdirSync(root).filter((f) => f.startsWith('.nianbao-'))).toEqual([]);
  });
});
