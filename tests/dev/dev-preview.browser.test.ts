import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import JSZip from 'jszip';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, REPO } from '../helpers/cli.ts';
import { copyProject } from '../helpers/content-fixtures.ts';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { pageText, waitForPageText } from '../helpers/page-wait.ts';
import { browserProcesses, processes, userDataDir, type Proc } from '../helpers/processes.ts';

// `nianbao dev` as an editor runs it, in a real browser: break the content, see the error in the
// page, fix it, see the page come back with the edit.
//
// The preview reloads its pages on purpose (after every save, and the error page every second), so
// nothing here reads an open page once and trusts it: the page is waited on until it shows what is
// expected (a wait that carries on across reloads), and the terminal is waited on for its lines.
const project = copyProject();
const section = path.join(project, 'content/reports/fz-2022/02-maodun-jiufen.md');
const original = readFileSync(section, 'utf8');
let dev: ChildProcess;
let output = '';
let base = '';
let browser: TestBrowser;
let page: Page;

/** Resolves once the preview's terminal has printed `text` after position `from` of its output. */
function waitForOutput(text: string, from = 0, timeout = 300_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (output.indexOf(text, from) >= 0) {
        done();
        resolve();
      } else if (dev.exitCode !== null) {
        done();
        reject(new Error(`nianbao dev exited (${dev.exitCode}) before printing “${text}”:\n${output}`));
      }
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`nianbao dev did not print “${text}” in ${timeout} ms:\n${output.slice(from)}`));
    }, timeout);
    const done = () => {
      clearTimeout(timer);
      dev.stdout!.off('data', check);
      dev.stderr!.off('data', check);
      dev.off('exit', check);
    };
    dev.stdout!.on('data', check);
    dev.stderr!.on('data', check);
    dev.on('exit', check);
    check();
  });
}

/**
 * Saves a content file as editors do, whole (written beside the content, then renamed over the
 * file), so the watcher never sees it half written. Returns where the terminal output stood.
 */
function save(text: string): number {
  const at = output.length;
  const temp = path.join(project, 'saving.tmp');
  writeFileSync(temp, text);
  renameSync(temp, section);
  return at;
}

const reportUrl = () => `${base}reports/fz-2022/`;
const servedHtml = async () => (await fetch(reportUrl(), { headers: { accept: 'text/html' } })).text();

beforeAll(async () => {
  // As an editor's terminal has it: without the test runner's variables (Astro's dev server
  // changes its behaviour when it sees VITEST). Port 0: a free port, whatever else runs beside.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'NODE_ENV' && k !== 'TEST'));
  dev = spawn(process.execPath, [BIN, 'dev', project, '--port', '0'], { cwd: REPO, env: { ...env, NO_COLOR: '1' } });
  dev.stdout!.on('data', (b) => (output += String(b)));
  dev.stderr!.on('data', (b) => (output += String(b)));
  // Printed once the server listens and the content is watched.
  await waitForOutput('在浏览器打开');
  base = /预览地址：(http:\/\/127\.0\.0\.1:\d+\/ndbg\/)\n/.exec(output)![1]!;
  browser = await launchBrowser();
  page = await browser.browser.newPage();
  // The preview compiles a page on its first request: on a loaded machine that can take a minute.
  // Waits here end on a condition; the test's own time limit is the only clock.
  page.setDefaultNavigationTimeout(0);
  page.setDefaultTimeout(0);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  // Still running (a test may have stopped it, or it may have died of a signal).
  if (dev && dev.exitCode === null && dev.signalCode === null) {
    const exited = new Promise((r) => dev.once('exit', r));
    dev.kill('SIGTERM');
    await exited;
  }
  rmSync(project, { recursive: true, force: true });
});

// Limits far above a build's time even on a loaded machine: they only stop a test that hangs.
describe('nianbao dev', { timeout: 600_000 }, () => {
  it('serves the report page', async () => {
    await page.goto(reportUrl(), { waitUntil: 'load' });
    await waitForPageText(page, { contains: ['全县共有人民调解员1054名'] });
  });

  it('shows a content error in the open page and in the terminal, then the fixed page', async () => {
    await page.goto(reportUrl(), { waitUntil: 'load' });
    await waitForPageText(page, { contains: ['全县共有人民调解员1054名'] });
    try {
      const broken = save(original.replace('value: 1054', 'value: 一千零五十四'));
      // The open page turns into the error list, with file, line, message and fix.
      await waitForPageText(page, {
        contains: ['内容检查发现 1 个错误', 'content/reports/fz-2022/02-maodun-jiufen.md:7:', '应为数字', '请写阿拉伯数字：value: 1054'],
      });
      await waitForOutput('schema.number-as-text', broken);

      const fixed = save(original.replace('全县共有人民调解员', '全县现有人民调解员'));
      await waitForPageText(page, { contains: ['全县现有人民调解员1054名'], lacks: ['内容检查发现'] });
      await waitForOutput('内容检查通过，预览已更新', fixed);
      expect(await pageText(page)).toContain('全县现有人民调解员');
    } finally {
      save(original);
    }
  });

  it('makes the Word, PDF and OFD files of the edited report on demand', async () => {
    try {
      save(original.replace('全县共有人民调解员', '全县拥有人民调解员'));
      // The page as served, once the preview has the edit (an open tab would reload meanwhile).
      let html = '';
      await expect.poll(async () => (html = await servedHtml()), { timeout: 300_000, interval: 200 }).toContain('全县拥有人民调解员');
      const block = /<div class="downloads"[^>]*>[\s\S]*?<\/div>/.exec(html)![0];
      const links = [...block.matchAll(/href="([^"]+)"/g)].map((m) => new URL(m[1]!, base).href);
      const docxUrl = links.find((l) => l.endsWith('.docx'))!;
      const pdfUrl = links.find((l) => l.endsWith('.pdf'))!;
      expect(docxUrl).toContain('/ndbg/__nianbao/docx/fz-2022.docx');
      const docx = Buffer.from(await (await fetch(docxUrl)).arrayBuffer());
      const zip = await JSZip.loadAsync(docx);
      expect(await zip.file('word/document.xml')!.async('string')).toContain('全县拥有人民调解员');
      const pdfResponse = await fetch(pdfUrl);
      expect(pdfResponse.headers.get('content-type')).toBe('application/pdf');
      const pdf = Buffer.from(await pdfResponse.arrayBuffer());
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const file = path.join(project, 'preview.pdf');
      writeFileSync(file, pdf);
      const text = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, '');
      expect(text).toContain('全县拥有人民调解员1054名');
      // The OFD copy, converted from that PDF: the same text in its pages' text objects.
      const ofdResponse = await fetch(links.find((l) => l.endsWith('.ofd'))!);
      expect(ofdResponse.headers.get('content-type'), ofdResponse.ok ? '' : await ofdResponse.clone().text()).toBe('application/ofd');
      const ofd = await JSZip.loadAsync(Buffer.from(await ofdResponse.arrayBuffer()));
      const pages = await Promise.all(ofd.file(/Content\.xml$/).map((f) => f.async('string')));
      expect(pages.map((p) => [...p.matchAll(/<ofd:TextCode[^>]*>([^<]*)</g)].map((m) => m[1]).join('')).join('')).toContain('全县拥有人民调解员1054名');
    } finally {
      save(original);
    }
  });

  it('closes when its terminal does (SIGHUP) while a PDF preview prints: the print ends, then the process, with no Chromium left', async () => {
    const printing = fetch(`${base}__nianbao/pdf/fz-2022.pdf`).then((r) => r.arrayBuffer()).catch(() => undefined);
    // The preview's Chromium, a child of the dev process, up and connected to (its DevTools port written).
    let browserProc: Proc | undefined;
    await expect
      .poll(() => (browserProc = processes().find((p) => p.ppid === dev.pid && userDataDir(p))) && existsSync(path.join(userDataDir(browserProc)!, 'DevToolsActivePort')), { timeout: 300_000, interval: 20 })
      .toBe(true);
    const profile = userDataDir(browserProc!)!;
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => dev.once('exit', (code, signal) => resolve({ code, signal })));
    dev.kill('SIGHUP');
    // Not killed by the signal: it stops as on Ctrl+C.
    expect(await exited).toEqual({ code: 0, signal: null });
    await printing;
    await expect.poll(() => browserProcesses(browserProc!, profile).map((p) => `${p.pid} ${p.args.join(' ').slice(0, 120)}`), { timeout: 30_000, interval: 50 }).toEqual([]);
    expect(existsSync(profile)).toBe(false);
  });
});
