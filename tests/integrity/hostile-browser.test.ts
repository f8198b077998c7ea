/**
 * A report section full of hostile HTML. The lint refuses it before anything is built; a site that
 * switches those rules off still gets a page where none of it runs, loads or hides: checked on the
 * HTML and in Chromium (no dialog, no request to another origin, every link visible).
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build/build.ts';
import { webStage } from '../../src/build/portal.ts';
import { manifestStage } from '../../src/integrity/manifest-stage.ts';
import { flattenHtml } from '../../src/lint/html-elements.ts';
import { hidingReason } from '../../src/lint/hidden-style.ts';
import { urlScheme } from '../../src/lint/rules/unsafe-url.ts';
import { launchBrowser, openPage, type TestBrowser } from '../helpers/browser.ts';
import { serveStatic, type StaticServer } from '../helpers/static-server.ts';
import { copySample, FAZHI, HOSTILE_SECTION, replaceIn } from './sample-project.ts';
import { parse } from 'parse5';

const PAGE = 'reports/chenxi-2022-fazhi-zhengfu/index.html';
const LINT_OFF = ['lint.injected-term', 'lint.hidden-content', 'lint.unsafe-html', 'lint.unsafe-url', 'lint.link-domain'];
let project: string;
let firstAttempt: Awaited<ReturnType<typeof build>>;
let distAfterFirstAttempt: boolean;
let html: string;
let basePath: string;
let server: StaticServer;
let browser: TestBrowser;

beforeAll(async () => {
  project = copySample('nianbao-hostile-');
  writeFileSync(path.join(project, FAZHI, '22-qita-qingkuang.md'), HOSTILE_SECTION);
  firstAttempt = await build({ target: project });
  distAfterFirstAttempt = existsSync(path.join(project, 'dist'));
  replaceIn(project, 'content/site.yaml', 'disclosureFields:', `lint:\n  levels:\n${LINT_OFF.map((r) => `    ${r}: off`).join('\n')}\ndisclosureFields:`);
  // The portal and its manifest: what is checked here is the report's page (no PDF, Word or OFD file).
  const second = await build({ target: project, stages: [webStage, manifestStage] });
  if (!second.ok) throw new Error(JSON.stringify(second.error ?? second.diagnostics));
  html = readFileSync(path.join(second.outDir, PAGE), 'utf8');
  basePath = (JSON.parse(readFileSync(path.join(second.outDir, 'manifest.json'), 'utf8')) as { site: { basePath: string } }).site.basePath;
  server = await serveStatic(second.outDir, basePath);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(project, { recursive: true, force: true });
});

describe('hostile Markdown', () => {
  it('is refused by the lint before anything is built', () => {
    expect(firstAttempt.ok).toBe(false);
    const rules = new Set(firstAttempt.diagnostics.filter((d) => d.severity === 'error').map((d) => d.rule));
    for (const r of ['lint.unsafe-html', 'lint.unsafe-url', 'lint.hidden-content']) expect(rules).toContain(r);
    expect(distAfterFirstAttempt).toBe(false);
  });

  it('reaches the built page with nothing executable, nothing loaded from elsewhere and nothing hidden', () => {
    expect(html).toContain('本节用于测试');
    expect(html).toContain('白色文字');
    const { elements } = flattenHtml(parse(html));
    const problems: string[] = [];
    for (const el of elements) {
      if (el.tag === 'script' && !(el.attributes.src ?? '').startsWith(basePath)) problems.push(`inline or outside script ${el.attributes.src ?? ''}`);
      if (['iframe', 'object', 'embed', 'frame'].includes(el.tag)) problems.push(`<${el.tag}>`);
      for (const [name, value] of Object.entries(el.attributes)) {
        if (/^on/i.test(name)) problems.push(`${name}=${value}`);
        if (['href', 'src', 'action'].includes(name) && urlScheme(value) !== undefined && !['http', 'https', 'mailto', 'tel'].includes(urlScheme(value)!)) problems.push(`${name}=${value}`);
        if (name === 'src' && /^(https?:)?\/\//.test(value)) problems.push(`outside load ${value}`);
      }
      const hidden = hidingReason(el.tag, el.attributes);
      if (hidden && el.text.includes('博彩')) problems.push(`hidden: ${hidden}`);
    }
    expect(problems).toEqual([]);
    expect(html).not.toContain('window.__pwned');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).not.toMatch(/unsafe-inline/);
    expect(csp).toMatch(/default-src 'self'/);
  });

  it('runs nothing in Chromium: no dialog, no request to another origin, every link visible', async () => {
    const { page, requested } = await openPage(browser.browser);
    const dialogs: string[] = [];
    page.on('dialog', async (d) => {
      dialogs.push(d.message());
      await d.dismiss();
    });
    const response = await page.goto(`${server.url}${PAGE.replace(/index\.html$/, '')}`, { waitUntil: 'networkidle0' });
    expect(response?.status()).toBe(200);
    // Hover over and click everything in the hostile section that is not a link (a link would navigate).
    const section = await page.evaluateHandle(() => [...document.querySelectorAll('main *')].find((e) => e.textContent?.trim() === '本节用于测试。' || e.textContent?.startsWith('本节用于测试'))?.closest('section') ?? document.querySelector('main'));
    const state = await page.evaluate(async (root) => {
      const targets = [...(root as Element).querySelectorAll('*')].filter((e) => !e.closest('a'));
      for (const t of targets) {
        for (const type of ['mouseover', 'mouseenter', 'click', 'focus']) t.dispatchEvent(new MouseEvent(type, { bubbles: true }));
      }
      await new Promise((r) => setTimeout(r, 300));
      const links = [...(root as Element).querySelectorAll('a')].map((a) => {
        const r = a.getBoundingClientRect();
        const s = getComputedStyle(a);
        return { text: a.textContent, visible: r.width > 0 && r.height > 0 && r.left >= 0 && s.visibility === 'visible' && s.display !== 'none' && Number(s.opacity) > 0.5 };
      });
      return { pwned: (window as unknown as { __pwned?: string }).__pwned ?? null, links };
    }, section);
    expect(dialogs).toEqual([]);
    expect(state.pwned).toBeNull();
    // The link that was hidden with display:none is now plain, visible text of a link.
    expect(state.links.map((l) => l.text)).toContain('澳门博彩');
    expect(state.links.filter((l) => !l.visible)).toEqual([]);
    expect(requested.filter((u) => !u.startsWith(server.origin) && !u.startsWith('data:'))).toEqual([]);
    await page.close();
  });
});
