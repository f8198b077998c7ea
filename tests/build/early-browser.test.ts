/**
 * A build that prints a handful of reports starts its browser once the content is read (before
 * the load, for a first build), so that Chromium starts while the portal is made; the PDF stage
 * prints with that browser and starts no other. A build that fails before printing closes it:
 * nothing keeps running, and no profile folder is left.
 */
import { appendFileSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { build } from '../../src/build/build.ts';
import { stages } from '../../src/build/stages.ts';
import type { BuildStage } from '../../src/pipeline/stage.ts';
import { EARLY_BROWSER_UP_TO, startEarlyBrowser, takeEarlyBrowser } from '../../src/pdf/early-browser.ts';
import { processes } from '../helpers/processes.ts';
import { copySample } from '../integrity/sample-project.ts';
import { printingBrowserPath } from '../helpers/browser.ts';

/** Every start of a printing browser, and whether the PDF stage was running then. */
const launches = vi.hoisted(() => [] as { duringPdf: boolean }[]);
const pdfRunning = vi.hoisted(() => ({ now: false }));
vi.mock('../../src/pdf/chromium.ts', async (original) => {
  const real = await original<typeof import('../../src/pdf/chromium.ts')>();
  return { ...real, launchChromium: (executable: string) => (launches.push({ duringPdf: pdfRunning.now }), real.launchChromium(executable)) };
});

const project = copySample('nianbao-early-browser-');
afterAll(() => rmSync(project, { recursive: true, force: true }));

/** The PDF stage, marking while it runs. */
const watched = (stage: BuildStage): BuildStage =>
  stage.id === 'pdf'
    ? {
        ...stage,
        run: async (ctx) => {
          pdfRunning.now = true;
          try {
            await stage.run(ctx);
          } finally {
            pdfRunning.now = false;
          }
        },
      }
    : stage;
const printing = stages.filter((s) => ['web', 'pdf', 'manifest'].includes(s.id)).map(watched);

/** This process's printing browsers still running, and their profile folders still there. */
const left = () => ({
  browsers: processes().filter((p) => p.args.some((a) => a.includes(`nianbao-print-${process.pid}-`))).length,
  profiles: readdirSync(tmpdir()).filter((n) => n.startsWith(`nianbao-print-${process.pid}-`)),
});

describe('the browser started ahead of the PDF stage', () => {
  it('starts only for a handful of reports, once, and is handed over once', async () => {
    launches.length = 0;
    startEarlyBrowser(0);
    startEarlyBrowser(EARLY_BROWSER_UP_TO + 1);
    expect(launches).toEqual([]);
    expect(await takeEarlyBrowser(printingBrowserPath())).toBeUndefined();
    startEarlyBrowser(2);
    startEarlyBrowser(2);
    // Not for a browser at another path: it stays for the build's end (or the next take).
    expect(await takeEarlyBrowser('/nonexistent/chromium')).toBeUndefined();
    const browser = await takeEarlyBrowser(printingBrowserPath());
    expect(launches).toHaveLength(1);
    expect(browser?.connected).toBe(true);
    expect(await takeEarlyBrowser(printingBrowserPath())).toBeUndefined();
    // Its first tab was opened ahead too; later ones are new.
    const first = await browser!.newPage();
    const second = await browser!.newPage();
    expect(first).not.toBe(second);
    await browser!.close();
    expect(left()).toEqual({ browsers: 0, profiles: [] });
  });

  it('prints a first build of two reports with the browser started before the load, and an edit’s rebuild with one started before the PDF stage', async () => {
    launches.length = 0;
    const first = await build({ target: project, stages: printing, cache: true });
    expect(first.ok, JSON.stringify(first.ok ? '' : first.error)).toBe(true);
    expect(first.ok && first.cache!.rebuilt.pdf).toHaveLength(2);
    expect(launches).toEqual([{ duringPdf: false }]);
    expect(left()).toEqual({ browsers: 0, profiles: [] });

    launches.length = 0;
    appendFileSync(path.join(project, 'content/reports/chenxi-2022-fazhi-zhengfu/01-suozuo-gongzuo.md'), '\n本节补充一句。\n');
    const edit = await build({ target: project, stages: printing, cache: true });
    expect(edit.ok, JSON.stringify(edit.ok ? '' : edit.error)).toBe(true);
    expect(edit.ok && edit.cache!.rebuilt.pdf).toEqual(['chenxi-2022-fazhi-zhengfu']);
    expect(launches).toEqual([{ duringPdf: false }]);
    expect(existsSync(path.join(project, 'dist/downloads/chenxi-2022-fazhi-zhengfu.pdf'))).toBe(true);
    expect(left()).toEqual({ browsers: 0, profiles: [] });

    // Nothing to print: nothing started.
    launches.length = 0;
    const noop = await build({ target: project, stages: printing, cache: true });
    expect(noop.ok).toBe(true);
    expect(launches).toEqual([]);
  });

  it('is closed when the build fails before printing', async () => {
    launches.length = 0;
    const boom: BuildStage = {
      id: 'web',
      label: '生成网站',
      run: async () => {
        // The browser has been starting since before the load; let it get as far as it will.
        await new Promise((r) => setTimeout(r, 50));
        throw new Error('测试：网站阶段失败');
      },
    };
    const failed = await build({ target: project, outDir: path.join(project, 'dist-failed'), stages: [boom, ...printing.filter((s) => s.id === 'pdf')], cache: true });
    expect(failed.ok).toBe(false);
    expect(launches).toEqual([{ duringPdf: false }]);
    expect(left()).toEqual({ browsers: 0, profiles: [] });
  });
});
