/**
 * The printing browser started ahead, for a rebuild that prints a handful of reports (an edit).
 * Starting it (loading puppeteer, Chromium's processes, the first tab: about 1 s) would otherwise
 * come between the portal and the first print; started once the content is read, it runs while
 * the Word files and the portal are made, when the build process mostly waits on the portal's.
 * A larger build starts its browser in the PDF stage: starting it early would only hold its
 * memory through the portal's stage, and the start is a small part of printing many reports.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { whenBuildEnds } from '../pipeline/build-end.ts';
import { findBrowser } from './browser-path.ts';
import type { PrintBrowser } from './chromium.ts';

/** Up to this many reports to print, the browser starts ahead (the Word stage's threads start from 8). */
export const EARLY_BROWSER_UP_TO = 8;

interface Early {
  executablePath: string;
  browser: Promise<PrintBrowser | undefined>;
  forget(): void;
}

let early: Early | undefined;

/** Starts the browser (and its first tab) when `reports` is a handful; once a build. */
export function startEarlyBrowser(reports: number, env: Record<string, string | undefined> = process.env): void {
  if (early || reports < 1 || reports > EARLY_BROWSER_UP_TO) return;
  const found = findBrowser({ env, platform: process.platform, exists: existsSync, home: homedir() });
  // No browser: the PDF stage says so, in its own words.
  if (!found.ok) return;
  const browser = import('./chromium.ts')
    .then(({ launchChromium }) => launchChromium(found.path))
    .then(withFirstTab)
    // A failed start is the PDF stage's to report: it starts the browser again itself.
    .catch(() => undefined);
  // A build that ends before printing (an earlier stage failed) closes it.
  const forget = whenBuildEnds(async () => {
    early = undefined;
    await (await browser)?.close();
  });
  early = { executablePath: found.path, browser, forget };
}

/**
 * The browser started ahead, if it runs `executablePath` (the PDF stage's), handed over once: the
 * stage closes it like one it started itself. Undefined when none was started or it failed to start.
 */
export async function takeEarlyBrowser(executablePath: string): Promise<PrintBrowser | undefined> {
  const taken = early;
  if (!taken || taken.executablePath !== executablePath) return undefined;
  early = undefined;
  taken.forget();
  const browser = await taken.browser;
  if (browser?.connected) return browser;
  await browser?.close().catch(() => {});
  return undefined;
}

/** The browser with a tab opened now: its first `newPage()` gives that tab. */
async function withFirstTab(browser: PrintBrowser): Promise<PrintBrowser> {
  let first: ReturnType<PrintBrowser['newPage']> | undefined = browser.newPage();
  // Unhandled until taken: a failure shows when the tab is asked for.
  first.catch(() => {});
  return {
    newPage: () => {
      const page = first ?? browser.newPage();
      first = undefined;
      return page;
    },
    get connected() {
      return browser.connected;
    },
    pid: browser.pid,
    close: () => browser.close(),
  };
}
