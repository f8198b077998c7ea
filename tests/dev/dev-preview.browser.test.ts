import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import JSZip from 'jszip';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, REPO } from '../helpers/cli.ts';
import { copyProject } from '../helpers/content-fixtures.ts';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';

// `nianbao dev` as an editor runs it, in a real browser: break the content, see the error in the
// page, fix it, see the page come back with the edit.
const project = copyProject();
const section = path.join(project, 'content/reports/fz-2022/02-maodun-jiufen.md');
const PORT = 4391;
let dev: ChildProcess;
let output = '';
let browser: TestBrowser;
let page: Page;

beforeAll(async () => {
  // As an editor's terminal has it: without the test runner's variables (Astro's dev server
  // changes its behaviour when it sees VITEST).
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'NODE_ENV' && k !== 'TEST'));
  dev = spawn(process.execPath, [BIN, 'dev', project, '--port', String(PORT)], { cwd: REPO, env: { ...env, NO_COLOR: '1' } });
  dev.stdout!.on('data', (b) => (output += String(b)));
  dev.stderr!.on('data', (b) => (output += String(b)));
  for (let i = 0; i < 600 && !output.includes('预览地址'); i++) await new Promise((r) => setTimeout(r, 100));
  expect(output).toContain(`预览地址：http://127.0.0.1:${PORT}/ndbg/`);
  browser = await launchBrowser();
  page = await browser.browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  dev?.kill('SIGTERM');
  rmSync(project, { recursive: true, force: true });
});

const bodyText = () => page.evaluate(() => document.body.innerText);
async function waitForText(text: string, timeout = 30_000) {
  await page.waitForFunction((t) => document.body?.innerText.includes(t), { timeout, polling: 200 }, text);
}

describe('nianbao dev', () => {
  it('serves the report page', async () => {
    await page.goto(`http://127.0.0.1:${PORT}/ndbg/reports/fz-2022/`, { waitUntil: 'load' });
    expect(await bodyText()).toContain('全县共有人民调解员1054名');
  });

  it('shows a content error in the open page and in the terminal, then the fixed page', async () => {
    const original = readFileSync(section, 'utf8');
    writeFileSync(section, original.replace('value: 1054', 'value: 一千零五十四'));
    await waitForText('内容检查发现 1 个错误');
    const text = await bodyText();
    expect(text).toContain('content/reports/fz-2022/02-maodun-jiufen.md:7:');
    expect(text).toContain('应为数字');
    expect(text).toContain('请写阿拉伯数字：value: 1054');
    expect(output).toContain('schema.number-as-text');

    writeFileSync(section, original.replace('全县共有人民调解员', '全县现有人民调解员'));
    await waitForText('全县现有人民调解员1054名');
    expect(await bodyText()).not.toContain('内容检查发现');
    expect(output).toContain('内容检查通过，预览已更新');
  });

  it('makes the Word and PDF files of the edited report on demand', async () => {
    // The page as served (the open tab may still be reloading after the edits).
    const html = await (await fetch(`http://127.0.0.1:${PORT}/ndbg/reports/fz-2022/`, { headers: { accept: 'text/html' } })).text();
    const block = /<div class="downloads"[^>]*>[\s\S]*?<\/div>/.exec(html)![0];
    const links = [...block.matchAll(/href="([^"]+)"/g)].map((m) => new URL(m[1]!, `http://127.0.0.1:${PORT}/`).href);
    const docxUrl = links.find((l) => l.endsWith('.docx'))!;
    const pdfUrl = links.find((l) => l.endsWith('.pdf'))!;
    expect(docxUrl).toContain('/ndbg/__nianbao/docx/fz-2022.docx');
    const docx = Buffer.from(await (await fetch(docxUrl)).arrayBuffer());
    const zip = await JSZip.loadAsync(docx);
    expect(await zip.file('word/document.xml')!.async('string')).toContain('全县现有人民调解员');
    const pdfResponse = await fetch(pdfUrl);
    expect(pdfResponse.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await pdfResponse.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const file = path.join(project, 'preview.pdf');
    writeFileSync(file, pdf);
    const text = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, '');
    expect(text).toContain('全县现有人民调解员1054名');
  });
});
