/** Print pages are scaffolding of the build: served while printing, gone from the published site. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { printPagePath } from '../../src/pdf/print-layout.ts';
import { referencedFiles, removePrintPages, usedBySite } from '../../src/pdf/print-pages.ts';
import { resolveSitePath, serveSite } from '../../src/pdf/site-server.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function site(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-print-site-'));
  dirs.push(dir);
  const write = (rel: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  };
  write('index.html', '<link rel="stylesheet" href="/ndbg/_astro/Base.css"><a href="/ndbg/reports/a/">a</a>');
  write('reports/a/index.html', '<link rel="stylesheet" href="/ndbg/_astro/Base.css"><script src="/ndbg/_astro/prefs.js"></script>');
  write('print/a/index.html', '<link rel="stylesheet" href="/ndbg/_astro/print.css"><link rel="stylesheet" href="/ndbg/_astro/Base.css?v=1">');
  write('print/b/index.html', '<link rel="stylesheet" href="/ndbg/_astro/print.css">');
  for (const f of ['_astro/Base.css', '_astro/prefs.js', '_astro/print.css']) write(f, '/* */');
  return dir;
}

/** A fresh folder, and a function writing a page into it (giving its path). */
function pageWriter(prefix: string): { dir: string; page: (name: string, html: string) => string } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  dirs.push(dir);
  return {
    dir,
    page: (name, html) => {
      writeFileSync(path.join(dir, name), html);
      return path.join(dir, name);
    },
  };
}

describe('print pages', () => {
  it('live at print/<slug>/ under the base path', () => {
    expect(printPagePath('/ndbg/', 'chenxi-2022')).toBe('/ndbg/print/chenxi-2022/');
    expect(printPagePath('/', 'x')).toBe('/print/x/');
  });

  it('lists the files a page loads from the site', () => {
    expect(referencedFiles('<link href="/ndbg/_astro/a.css"><img src="/ndbg/img/b.png?x=1"><a href="/ndbg/reports/">r</a><a href="https://x/y.css">', '/ndbg/')).toEqual([
      '_astro/a.css',
      'img/b.png',
    ]);
  });

  it('are removed after printing, with the stylesheet only they use, and nothing the portal still uses', () => {
    const dir = site();
    expect(removePrintPages(dir, '/ndbg/')).toEqual(['_astro/print.css']);
    expect(existsSync(path.join(dir, 'print'))).toBe(false);
    expect(existsSync(path.join(dir, '_astro/print.css'))).toBe(false);
    expect(existsSync(path.join(dir, '_astro/Base.css'))).toBe(true);
    expect(existsSync(path.join(dir, '_astro/prefs.js'))).toBe(true);
  });

  it('keep an asset that a page loads, as referencedFiles reads the page, and only then', () => {
    const { page } = pageWriter('nianbao-print-used-');
    const assets = new Set(['_astro/print.css', '_astro/chart.png', '_astro/seal.png']);
    const pages = [
      // The address in other places than a link or a picture, and a longer name beginning with it: not a use.
      page('a.html', '<p data-x="/ndbg/_astro/print.css">x</p><link href="/ndbg/_astro/print.css.map"><a href="/other/_astro/seal.png">'),
      // With a query or a fragment after it: a use.
      page('b.html', '<img alt="" src="/ndbg/_astro/chart.png?v=2">'),
      page('c.html', '<p>中文</p>'),
    ];
    expect(usedBySite(pages, '/ndbg/', assets)).toEqual(new Set(['_astro/chart.png']));
    const expected = new Set(pages.flatMap((p) => referencedFiles(readFileSync(p, 'utf8'), '/ndbg/')).filter((a) => assets.has(a)));
    expect(usedBySite(pages, '/ndbg/', assets)).toEqual(expected);
    expect(usedBySite([...pages, page('d.html', '<link rel="stylesheet" href="/ndbg/_astro/print.css#x">')], '/ndbg/', assets)).toEqual(new Set(['_astro/chart.png', '_astro/print.css']));
  });
});

describe('print assets after an edit (pages put back from the last output)', () => {
  it('looks for a file the last output lacked only in the pages rendered now, and for the others everywhere', () => {
    const { dir, page } = pageWriter('nianbao-print-last-');
    const rendered = page('rendered.html', '<link href="/ndbg/_astro/Base.css">');
    const keptWithPrint = page('kept-print.html', '<link href="/ndbg/_astro/print.css">');
    const keptWithImage = page('kept-image.html', '<img src="/ndbg/img/seal.png">');
    // Put back from the last output, and never read for print.css: a read would throw.
    const gone = path.join(dir, 'kept-unreadable.html');
    const reads: string[] = [];
    const last = {
      unchanged: (p: string) => (reads.push(p), p !== rendered),
      held: (rel: string) => rel === 'img/seal.png',
    };
    const assets = new Set(['_astro/print.css', 'img/seal.png']);
    // print.css is new (the last output did not hold it): the kept page that names it is not its user.
    expect(usedBySite([rendered, gone, keptWithPrint, keptWithImage], '/ndbg/', new Set(['_astro/print.css']), last)).toEqual(new Set());
    // seal.png was held: kept pages are read for it, and the page naming it keeps it.
    expect(usedBySite([rendered, keptWithPrint, keptWithImage], '/ndbg/', assets, last)).toEqual(new Set(['img/seal.png']));
    // A page rendered now naming the new file keeps it.
    const renderedWithPrint = page('rendered-print.html', '<link href="/ndbg/_astro/print.css">');
    expect(usedBySite([renderedWithPrint, gone], '/ndbg/', new Set(['_astro/print.css']), { ...last, unchanged: (p) => p !== renderedWithPrint })).toEqual(new Set(['_astro/print.css']));
    // Without what the last output held, every page is read.
    expect(usedBySite([rendered, keptWithPrint], '/ndbg/', assets)).toEqual(new Set(['_astro/print.css']));
    expect(reads).toContain(gone);
  });
});

describe('the printing server', () => {
  it('serves only files inside the site, under the base path', () => {
    const dir = site();
    expect(resolveSitePath(dir, '/ndbg/', '/ndbg/print/a/')).toBe(path.join(dir, 'print/a/index.html'));
    expect(resolveSitePath(dir, '/ndbg/', '/ndbg/../../etc/passwd')).toBeUndefined();
    expect(resolveSitePath(dir, '/ndbg/', '/other/index.html')).toBeUndefined();
    expect(resolveSitePath(dir, '/ndbg/', '/ndbg/missing.css')).toBeUndefined();
  });

  it('answers on the loopback interface, with extra routes for the fonts', async () => {
    const dir = site();
    const server = await serveSite(dir, '/ndbg/', { '/ndbg/_print-fonts/fonts.css': { text: '@font-face{}', type: 'text/css' } });
    try {
      expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(await (await fetch(`${server.url}_print-fonts/fonts.css`)).text()).toBe('@font-face{}');
      const page = await fetch(`${server.url}print/a/`);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect((await fetch(`${server.origin}/ndbg/%2e%2e/%2e%2e/etc/passwd`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
