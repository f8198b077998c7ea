/**
 * Closing the printing browser leaves none of its processes running. Chromium's renderers, zygotes
 * and utility processes end by themselves after the browser process, a moment later on a busy
 * machine; close() stops any still there before it returns. Here a renderer is held stopped
 * (SIGSTOP), as a busy machine may leave it unscheduled: it cannot end by itself at all. Both
 * browsers the PDF stage may run: the full Chromium names its profile on its helpers' command
 * lines, the headless shell does not (only the process group tells its helpers).
 */
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { launchChromium } from '../../src/pdf/chromium.ts';
import { chromiumPath, headlessShellPath } from '../helpers/browser.ts';
import { processes } from '../helpers/processes.ts';

const PROFILE = `nianbao-print-${process.pid}-`;

describe('closing the printing browser', () => {
  it.each([
    ['Chromium', chromiumPath],
    ['the headless shell', headlessShellPath],
  ])('%s: returns when none of its processes is left, even one that could not end by itself', async (_name, executable) => {
    const browser = await launchChromium(executable());
    const group = browser.pid!;
    const mine = () => processes().filter((p) => p.pgid === group || p.args.some((a) => a.includes(PROFILE)));
    try {
      const page = await browser.newPage();
      await page.setContent('<p>打印</p>');
      // A renderer's command line is one string (Chromium sets its title), or its arguments.
      const renderers = mine().filter((p) => p.args.some((a) => a.includes('--type=renderer')));
      expect(renderers.length).toBeGreaterThan(0);
      for (const renderer of renderers) process.kill(renderer.pid, 'SIGSTOP');
    } finally {
      await browser.close();
    }
    expect(mine()).toEqual([]);
    expect(readdirSync(tmpdir()).filter((n) => n.startsWith(PROFILE))).toEqual([]);
  });
});
