/**
 * Starting the printing browser: puppeteer-core on an installed Chromium, Chrome or Edge, headless,
 * with a fresh profile and everything that talks to the network switched off.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-quic',
  '--disable-sync',
  // Glyph advances as the font defines them, not snapped to screen pixels: the print grid counts them.
  '--font-render-hinting=none',
];

/** A running browser as the print pool sees it. */
export interface PrintBrowser {
  newPage(): Promise<Page>;
  readonly connected: boolean;
  close(): Promise<void>;
  /** The operating-system process, for tests that simulate a crash. */
  readonly pid: number | undefined;
}

export async function launchChromium(executablePath: string): Promise<PrintBrowser> {
  const profile = mkdtempSync(path.join(tmpdir(), 'nianbao-print-'));
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      executablePath,
      headless: true,
      args: [...CHROMIUM_FLAGS, `--user-data-dir=${profile}`],
      // The build handles its own signals (src/build/build.ts); the pool closes the browser.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      timeout: 60_000,
    });
  } catch (e) {
    rmSync(profile, { recursive: true, force: true });
    throw new Error(`浏览器 ${executablePath} 无法启动：${(e as Error).message.split('\n')[0]}`);
  }
  return {
    newPage: () => browser.newPage(),
    get connected() {
      return browser.connected;
    },
    pid: browser.process()?.pid,
    close: async () => {
      try {
        if (browser.connected) await browser.close();
        else browser.process()?.kill('SIGKILL');
      } finally {
        rmSync(profile, { recursive: true, force: true });
      }
    },
  };
}
