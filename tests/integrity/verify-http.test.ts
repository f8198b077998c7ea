/** Over HTTP a tamperer can also redirect pages, or show spam only to search engines (cloaking). */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build/build.ts';
import type { BuildStage } from '../../src/pipeline/stage.ts';
import { httpCopy } from '../../src/integrity/deployed-copy.ts';
import { manifestStage } from '../../src/integrity/manifest-stage.ts';
import { verifyCopy } from '../../src/integrity/verify.ts';
import { runCliAsync } from './run-cli.ts';
import { copySample } from './sample-project.ts';

const pages: BuildStage = {
  id: 'pages',
  label: '写页面',
  async run({ outDir }) {
    writeFileSync(path.join(outDir, 'index.html'), '<!doctype html><title>年报</title><p>今年共调解纠纷920件。</p><a href="/ndbg/a.html">甲</a>');
    writeFileSync(path.join(outDir, 'a.html'), '<!doctype html><title>甲</title><p>正文</p>');
    writeFileSync(path.join(outDir, 'sitemap.xml'), '<urlset><url><loc>https://www.chenxi.gov.cn/ndbg/a.html</loc></url></urlset>');
  },
};

let project: string;
let dist: string;
let server: Server;
let base: string;
/** What the server does besides serving dist/: set by each test. */
let trick: (url: string, userAgent: string) => { status: number; body?: string; location?: string } | undefined = () => undefined;

beforeAll(async () => {
  project = copySample('nianbao-http-');
  const result = await build({ target: project, stages: [pages, manifestStage] });
  if (!result.ok) throw new Error(JSON.stringify(result.error ?? result.diagnostics));
  dist = result.outDir;
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x').pathname;
    const t = trick(url, req.headers['user-agent'] ?? '');
    if (t) {
      res.writeHead(t.status, t.location ? { Location: t.location } : {}).end(t.body ?? '');
      return;
    }
    let body: Buffer;
    try {
      body = readFileSync(path.join(dist, decodeURIComponent(url.replace(/^\/ndbg\//, '')) || 'index.html'));
    } catch {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ndbg/`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  rmSync(project, { recursive: true, force: true });
});

describe('verify over HTTP', () => {
  it('reports a page that now redirects elsewhere', async () => {
    trick = (url) => (url === '/ndbg/a.html' ? { status: 302, location: 'https://bet.example/' } : undefined);
    const r = await verifyCopy({ copy: httpCopy(base) });
    expect(r.ok && r.report.problems).toEqual([expect.objectContaining({ path: 'a.html', kind: 'redirected', detail: 'https://bet.example/' })]);
  });

  it('finds spam shown only to search engines when asked to look as one', async () => {
    const spam = readFileSync(path.join(dist, 'index.html'), 'utf8').replace('今年', '百家乐');
    trick = (url, ua) => (url === '/ndbg/' || url === '/ndbg/index.html') && /Baiduspider/.test(ua) ? { status: 200, body: spam } : undefined;
    expect((await runCliAsync(['verify', base])).code).toBe(0);
    const asSpider = await runCliAsync(['verify', base, '--user-agent', 'Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)']);
    expect(asSpider.code).toBe(1);
    expect(asSpider.output).toContain('新增文字：“百家乐”');
  });

  it('finds an added page through the sitemap', async () => {
    trick = (url) =>
      url === '/ndbg/sitemap.xml'
        ? { status: 200, body: '<urlset><url><loc>https://www.chenxi.gov.cn/ndbg/a.html</loc></url><url><loc>' + base + 'zz/bocai.html</loc></url></urlset>' }
        : url === '/ndbg/zz/bocai.html'
          ? { status: 200, body: '<title>澳门新葡京</title>' }
          : undefined;
    const r = await verifyCopy({ copy: httpCopy(base) });
    expect(r.ok && r.report.problems.map((p) => [p.kind, p.path])).toEqual([
      ['modified', 'sitemap.xml'],
      ['extra', 'zz/bocai.html'],
    ]);
  });

  it('says when the site cannot be reached', async () => {
    trick = () => ({ status: 503 });
    const r = await runCliAsync(['verify', base]);
    expect(r.code).toBe(2);
    expect(r.output).toContain('读不到清单');
  });
});
