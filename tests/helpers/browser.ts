/**
 * Real Chromium for end-to-end tests, through puppeteer-core and Debian's chromium, with a fresh
 * profile each launch and no background traffic.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll } from 'vitest';
import { findBrowser } from '../../src/pdf/browser-path.ts';
import { CHROMIUM_FLAGS } from '../../src/pdf/chromium.ts';

export const CHROMIUM_CANDIDATES = ['/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function chromiumPath(): string {
  const found = [process.env.CHROMIUM_PATH, ...CHROMIUM_CANDIDATES].find((p): p is string => !!p && existsSync(p));
  if (!found) throw new Error('找不到 Chromium：请安装 chromium（apt-get install -y chromium）或设置 CHROMIUM_PATH。');
  return found;
}

/**
 * Chromium's headless shell, which the PDF stage prefers (src/pdf/browser-path.ts); scripts/setup.sh
 * installs it on Debian. Tests that compare it with the full browser need both.
 */
export function headlessShellPath(): string {
  const found = [process.env.HEADLESS_SHELL_PATH, '/usr/lib/chromium/chromium-headless-shell'].find((p): p is string => !!p && existsSync(p));
  if (!found) throw new Error('找不到 Chromium 的 headless shell：请安装 chromium-headless-shell（apt-get install -y chromium-headless-shell，scripts/setup.sh 会安装）或设置 HEADLESS_SHELL_PATH。');
  return found;
}

/** The browser the PDF stage prints with on this machine (the headless shell where installed). */
export function printingBrowserPath(): string {
  const found = findBrowser({ env: process.env, platform: process.platform, exists: existsSync, home: homedir() });
  if (!found.ok) throw new Error(found.message);
  return found.path;
}

// The same switches the PDF stage uses: headless, no sandbox as root, nothing talking to the network.
export { CHROMIUM_FLAGS };

export interface TestBrowser {
  browser: Browser;
  close(): Promise<void>;
}

/**
 * A browser of the test's own: the full Chromium readers use, or `executablePath` (the printing
 * browser, for tests of printed layout).
 */
export async function launchBrowser(options: { javaScript?: boolean; executablePath?: string } = {}): Promise<TestBrowser> {
  const profile = mkdtempSync(path.join(tmpdir(), 'nianbao-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: options.executablePath ?? chromiumPath(),
    args: [...CHROMIUM_FLAGS, `--user-data-dir=${profile}`],
    headless: true,
    // No time limit on a DevTools call (180 s by default): a full-page screenshot on a loaded
    // machine may take long; the test's time limit stops one that hangs.
    protocolTimeout: 0,
  });
  if (options.javaScript === false) {
    browser.on('targetcreated', async (t) => {
      const page = await t.page();
      await page?.setJavaScriptEnabled(false);
    });
  }
  return {
    browser,
    close: async () => {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * One tab in print media, in a browser of the test file's own: started before the file's tests,
 * closed after them. Call at the top of a test file; the function returned gives the tab. The
 * browser is the one the PDF stage prints with here (the headless shell where installed), so that
 * a test of printed layout sees what the build prints.
 */
export function printTab(): () => Page {
  let browser: TestBrowser | undefined;
  let page: Page | undefined;
  beforeAll(async () => {
    browser = await launchBrowser({ executablePath: printingBrowserPath() });
    page = await browser.browser.newPage();
    await page.emulateMediaType('print');
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => page!;
}

/** A page of the given width that records every request it makes. */
export async function openPage(browser: Browser, width = 1280, height = 900): Promise<{ page: Page; requested: string[] }> {
  const page = await browser.newPage();
  // No clock of puppeteer's own (30 s by default, too short on a loaded machine): a wait ends on its
  // condition, and only the test's time limit stops one that hangs.
  page.setDefaultTimeout(0);
  page.setDefaultNavigationTimeout(0);
  await page.setViewport({ width, height });
  const requested: string[] = [];
  page.on('request', (r) => {
    requested.push(r.url());
  });
  return { page, requested };
}
