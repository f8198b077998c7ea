/**
 * Reading pages that may reload or navigate while they are read: the dev preview reloads its pages
 * after every save and its error page refreshes itself. A single `page.evaluate` on such a page can
 * fail with "Execution context was destroyed"; these helpers do not.
 */
import type { Page } from 'puppeteer-core';

export interface TextExpectation {
  contains?: string[];
  lacks?: string[];
}

/**
 * Waits until the page's text has every string of `contains` and none of `lacks`. puppeteer runs
 * the wait again in each new document, so reloads in between are fine. On time-out the error says
 * what the page showed last.
 */
export async function waitForPageText(page: Page, { contains = [], lacks = [] }: TextExpectation, timeout = 300_000): Promise<void> {
  try {
    await page.waitForFunction(
      (want: string[], unwanted: string[]) => {
        const text = document.body?.innerText ?? '';
        return want.every((w) => text.includes(w)) && !unwanted.some((u) => text.includes(u));
      },
      { timeout, polling: 200 },
      contains,
      lacks,
    );
  } catch (e) {
    const last = await pageText(page).catch((err: unknown) => `（读不出：${String(err)}）`);
    throw new Error(`page did not show ${JSON.stringify(contains)} without ${JSON.stringify(lacks)} in ${timeout} ms; it showed:\n${last}`, { cause: e });
  }
}

const navigationError = /Execution context was destroyed|Cannot find context with specified id|navigat|detached Frame/i;

/** The page's text now; read again when a navigation replaced the document while it was read. */
export async function pageText(page: Page): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await page.evaluate(() => document.body?.innerText ?? '');
    } catch (e) {
      if (attempt >= 50 || !navigationError.test(String(e))) throw e;
      // The next document: wait for it (a wait that itself survives navigation), then read again.
      await page.waitForFunction(() => document.readyState !== 'loading', { timeout: 60_000 }).catch(() => {});
    }
  }
}
