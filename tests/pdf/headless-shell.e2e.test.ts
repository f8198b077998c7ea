/**
 * The PDF stage prints with Chromium's headless shell where it is installed (scripts/setup.sh does on
 * Debian): it makes the same PDFs as the full browser, byte for byte once finished, in about a
 * quarter of the time. Here the editor's build of the samples (the run's shared build, with the
 * filing copies) is built again with the full Chromium named in CHROME_PATH: every PDF is printed
 * again (the browser is part of its cache key), every OFD converted again, and the output folder
 * is the same, file for file.
 */
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findBrowser } from '../../src/pdf/browser-path.ts';
import { chromiumPath, headlessShellPath } from '../helpers/browser.ts';
import { runCliParallel } from '../helpers/cli.ts';
import { sharedBuild } from '../helpers/shared-builds.ts';
import { treeSnapshot } from '../helpers/tree-snapshot.ts';

const projects: string[] = [];
afterAll(() => projects.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('printing with the headless shell', () => {
  it('is what the PDF stage finds on this machine, so what the editor’s build printed with', () => {
    expect(findBrowser({ env: {}, platform: process.platform, exists: existsSync, home: homedir() })).toEqual({ ok: true, path: headlessShellPath(), from: '默认安装位置' });
  });

  it('gives the same output folder as the full Chromium, every PDF and OFD byte for byte', async () => {
    const editors = await sharedBuild('ndbg');
    const root = mkdtempSync(path.join(tmpdir(), 'nianbao-shell-'));
    projects.push(root);
    cpSync(editors.project, root, { recursive: true });
    const before = treeSnapshot(path.join(root, 'dist'));
    const printed = Object.keys(before).filter((f) => /\.(pdf|ofd)$/.test(f));
    // The public and the filing copy of both samples, each as PDF and OFD.
    expect(printed).toHaveLength(8);

    const full = chromiumPath();
    const run = await runCliParallel(['build', root, '--form', 'filing', '--verbose'], { env: { CHROME_PATH: full } });
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain(`浏览器：${full}（CHROME_PATH）`);
    // Printed again, not taken from the cache: one line per PDF with its Chromium print time.
    expect(run.output.match(/\.pdf（(备案件，)?\d+ 页，.*Chromium 打印/g)?.length).toBe(printed.filter((f) => f.endsWith('.pdf')).length);
    expect(treeSnapshot(path.join(root, 'dist'))).toEqual(before);
  });
});
