/**
 * verify against servers that answer the way real ones do: HTTP/1.0 closing the connection to end
 * a gzipped body, chunked HTTP/1.1, deflate and br, redirects, 304, wrong types, silence, resets.
 * Most checks run the command in this process (tests/helpers/in-process-cli.ts); the command line
 * itself runs for the intact site in each output form, a certificate trusted through
 * NODE_EXTRA_CA_CERTS (which Node reads as it starts) and an unusable --timeout (exit status 2).
 */
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/in-process-cli.ts';
import { buildHttpSite, SENTENCE, siteFile, STACK_LINE, type BuiltSite } from './http-site.ts';
import { encode, encodingHeader, RawHttpServer, type Encoding, type Plan, type RawRequest } from './raw-http-server.ts';
import { httpCopy, siteReader } from '../../src/integrity/deployed-copy.ts';
import { verifyCopy } from '../../src/integrity/verify.ts';
import { runCliAsync } from './run-cli.ts';
import { REPO } from './sample-project.ts';

const TYPES: Record<string, string> = { html: 'text/html; charset=utf-8', css: 'text/css', pdf: 'application/pdf', json: 'application/json' };
const typeOf = (url: string) => TYPES[/\.([a-z]+)$/.exec(url.endsWith('/') ? 'index.html' : url)?.[1] ?? ''] ?? 'application/octet-stream';

let site: BuiltSite;
beforeAll(async () => {
  site = await buildHttpSite('nianbao-servers-');
});
afterAll(() => site.remove());

/** The site's file for a request, tampered with by `edit` when given. */
function fileFor(url: string, edit?: (url: string, body: Buffer) => Buffer): Buffer | undefined {
  const body = siteFile(site.dist, url);
  return body && edit ? edit(url, body) : body;
}

const tamperSentence = (url: string, body: Buffer) =>
  /\/ndbg\/(index\.html)?$/.test(url) ? Buffer.from(body.toString('utf8').replace('申请48件', '申请49件')) : body;

/** HTTP/1.0, gzip, no Content-Length: the body ends when the connection closes. */
function http10(req: RawRequest, edit?: (url: string, body: Buffer) => Buffer): Plan {
  const body = fileFor(req.path, edit);
  if (!body) return { kind: 'answer', head: ['HTTP/1.0 404 Not Found', 'Content-Type: text/html'], body: Buffer.from('<h1>404</h1>') };
  const gzip = /gzip/.test(req.headers['accept-encoding'] ?? '');
  return {
    kind: 'answer',
    head: ['HTTP/1.0 200 OK', 'Server: old-httpd/1.0', `Content-Type: ${typeOf(req.path)}`, ...(gzip ? ['Content-Encoding: gzip'] : [])],
    body: gzip ? encode(body, 'gzip') : body,
  };
}

async function withRaw(plan: (req: RawRequest) => Plan, run: (base: string) => Promise<void>): Promise<void> {
  const server = new RawHttpServer(plan);
  const base = await server.listen();
  try {
    await run(base);
  } finally {
    await server.close();
  }
}

function expectNoStack(output: string) {
  expect(output).not.toMatch(STACK_LINE);
  expect(output).not.toContain('AssertionError');
}

describe('verify against a minimal HTTP/1.0 server (gzip, close-delimited bodies)', () => {
  it('finds the intact site intact, in every output form', async () => {
    await withRaw(
      (req) => http10(req),
      async (base) => {
        const plain = await runCliAsync(['verify', base]);
        expectNoStack(plain.output);
        expect(plain.output).toContain('全部');
        expect(plain.code).toBe(0);
        expect(plain.stderr).toBe('');

        const json = await runCliAsync(['verify', base, '--json']);
        expectNoStack(json.output);
        expect(json.code).toBe(0);
        expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, verdict: 'intact', problems: [] });
        expect(json.stderr).toBe('');

        const quiet = await runCliAsync(['verify', base, '--quiet']);
        expect(quiet).toEqual({ code: 0, stdout: '', stderr: '', output: '' });

        // The command run in this process, as the other tests run it, prints what the command line does, on the same streams.
        for (const [flags, real] of [[[], plain], [['--json'], json], [['--quiet'], quiet]] as const) {
          const { code, stdout, stderr } = await runInProcess(['verify', base, ...flags]);
          expect({ code, stdout, stderr }).toEqual({ code: real.code, stdout: real.stdout, stderr: real.stderr });
        }

        // A trusted manifest given as a URL is read the same way.
        const trusted = await runInProcess(['verify', base, '--manifest', `${base}manifest.json`]);
        expectNoStack(trusted.output);
        expect(trusted.output).toContain(`对照清单 ${base}manifest.json`);
        expect(trusted.code).toBe(0);
      },
    );
  });

  it('finds a changed number, in every output form', async () => {
    await withRaw(
      (req) => http10(req, tamperSentence),
      async (base) => {
        for (const flags of [[], ['--json'], ['--quiet']]) {
          const r = await runInProcess(['verify', base, ...flags]);
          expectNoStack(r.output);
          expect(r.code).toBe(1);
          const place = `${SENTENCE.replace('48', '4[8→9]')}`;
          if (flags[0] === '--json')
            expect(JSON.parse(r.output)).toMatchObject({
              ok: false,
              verdict: 'tampered',
              problems: [{ path: 'index.html', kind: 'modified', change: { addedText: ['9'], removedText: ['8'], edits: [{ removed: '8', added: '9', context: place, before: SENTENCE }] } }],
            });
          else {
            expect(r.output).toContain('已被修改：index.html');
            expect(r.output).toContain(`    改动之处：${place}\n`);
          }
        }
      },
    );
  });
});

describe('verify against a chunked HTTP/1.1 server with keep-alive', () => {
  let server: Server;
  let base: string;
  let encoding: Encoding = 'gzip';
  let extra: (url: string, res: import('node:http').ServerResponse) => boolean = () => false;
  beforeAll(async () => {
    server = createHttpServer((req, res) => {
      const url = req.url ?? '/';
      if (extra(url, res)) return;
      const body = siteFile(site.dist, url);
      if (!body) return void res.writeHead(404).end();
      const encoded = encode(body, encoding);
      res.writeHead(200, { 'Content-Type': typeOf(url), ...(encoding === 'identity' ? {} : { 'Content-Encoding': encodingHeader(encoding) }) });
      // Several writes and no Content-Length: Node sends Transfer-Encoding: chunked.
      for (let i = 0; i < encoded.length; i += 16 * 1024) res.write(encoded.subarray(i, i + 16 * 1024));
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ndbg/`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  for (const e of ['identity', 'gzip', 'deflate', 'deflate-raw', 'br'] as const) {
    it(`decodes ${e} bodies`, async () => {
      encoding = e;
      extra = () => false;
      const r = await runInProcess(['verify', base]);
      expectNoStack(r.output);
      expect(r.output).not.toContain('注：服务器给');
      expect(r.code).toBe(0);
    });
  }

  it('follows a redirect inside the site and says so', async () => {
    encoding = 'gzip';
    extra = (url, res) => {
      if (url === '/ndbg/a.html') return void res.writeHead(301, { Location: '/ndbg/moved/a.html' }).end(), true;
      if (url === '/ndbg/moved/a.html') return void res.writeHead(200, { 'Content-Type': 'text/html' }).end(siteFile(site.dist, '/ndbg/a.html')), true;
      return false;
    };
    const r = await runInProcess(['verify', base]);
    expectNoStack(r.output);
    expect(r.code).toBe(0);
    expect(r.output).toContain(`a.html → ${base}moved/a.html`);
  });

  it('reports a redirect out of the site as a difference', async () => {
    extra = (url, res) => (url === '/ndbg/a.html' ? (res.writeHead(302, { Location: 'https://bet.example/a.html' }).end(), true) : false);
    const r = await runInProcess(['verify', base]);
    expectNoStack(r.output);
    expect(r.code).toBe(1);
    expect(r.output).toContain('被重定向：a.html：https://bet.example/a.html');
  });

  it('reports a redirect that climbs out of the base path', async () => {
    extra = (url, res) => (url === '/ndbg/a.html' ? (res.writeHead(302, { Location: '/other/a.html' }).end(), true) : false);
    const r = await runInProcess(['verify', base]);
    expect(r.code).toBe(1);
    expect(r.output).toContain(`被重定向：a.html：${base.replace('/ndbg/', '/other/a.html')}`);
  });

  it('cannot check a file that says it is gzipped and is not', async () => {
    extra = (url, res) => (url === '/ndbg/style.css' ? (res.writeHead(200, { 'Content-Type': 'text/css', 'Content-Encoding': 'gzip' }).end(siteFile(site.dist, url)), true) : false);
    const r = await runInProcess(['verify', base]);
    expectNoStack(r.output);
    expect(r.code).toBe(2);
    expect(r.output).toMatch(/无法读取：style\.css：127\.0\.0\.1:\d+ 发来的压缩数据损坏，无法解压/);
  });

  it('cannot check a file in an encoding it did not ask for', async () => {
    extra = (url, res) => (url === '/ndbg/style.css' ? (res.writeHead(200, { 'Content-Type': 'text/css', 'Content-Encoding': 'compress' }).end('x'), true) : false);
    const r = await runInProcess(['verify', base]);
    expect(r.code).toBe(2);
    expect(r.output).toMatch(/无法读取：style\.css：127\.0\.0\.1:\d+ 用了无法解开的压缩方式“compress”/);
  });

  it('does not take a signature it could not read for a missing one', async () => {
    extra = (url, res) => (url === '/ndbg/manifest.sig' ? (res.socket?.resetAndDestroy(), true) : false);
    const r = await runInProcess(['verify', base]);
    expectNoStack(r.output);
    expect(r.code).toBe(2);
    expect(r.output).toMatch(/无法检查：读不到签名 manifest\.sig：连接被 127\.0\.0\.1:\d+ 中断/);
  });

  it('cannot check a file that redirects in a circle', async () => {
    extra = (url, res) => (url.startsWith('/ndbg/a.html') ? (res.writeHead(302, { Location: '/ndbg/a.html' }).end(), true) : false);
    const r = await runInProcess(['verify', base]);
    expectNoStack(r.output);
    expect(r.code).toBe(2);
    expect(r.output).toContain('无法读取：a.html：重定向超过 5 次');
  });

  it('cannot check a file answered with 304 Not Modified', async () => {
    extra = (url, res) => (url === '/ndbg/style.css' ? (res.writeHead(304).end(), true) : false);
    const r = await runInProcess(['verify', base]);
    expectNoStack(r.output);
    expect(r.code).toBe(2);
    expect(r.output).toContain('无法读取：style.css：服务器回答 304');
    expect(r.output).toContain('无法完整检查：1 个文件读不到');
    const json = await runInProcess(['verify', base, '--json']);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.output)).toMatchObject({ verdict: 'incomplete', problems: [{ path: 'style.css', kind: 'unreadable' }] });
  });

  it('compares the bytes of a page served with the wrong Content-Type, and says so', async () => {
    extra = (url, res) => (url === '/ndbg/a.html' ? (res.writeHead(200, { 'Content-Type': 'text/plain' }).end(siteFile(site.dist, url)), true) : false);
    const intact = await runInProcess(['verify', base]);
    expect(intact.code).toBe(0);
    expect(intact.output).toContain('Content-Type 与文件类型不符：a.html（text/plain）');
    extra = (url, res) =>
      url === '/ndbg/a.html' ? (res.writeHead(200, { 'Content-Type': 'text/plain' }).end(siteFile(site.dist, url)!.toString().replace('正文', '百家乐')), true) : false;
    const tampered = await runInProcess(['verify', base]);
    expect(tampered.code).toBe(1);
    expect(tampered.output).toContain('新增文字：“百家乐”');
  });

  it('cannot check a file whose body stops coming, after --timeout', async () => {
    extra = (url, res) => {
      if (url !== '/ndbg/report.pdf') return false;
      res.writeHead(200, { 'Content-Type': 'application/pdf', 'Content-Length': '786432' });
      res.write(Buffer.alloc(1000));
      return true;
    };
    const r = await runInProcess(['verify', base, '--timeout', '0.3']);
    expectNoStack(r.output);
    expect(r.code).toBe(2);
    expect(r.output).toMatch(/无法读取：report\.pdf：127\.0\.0\.1:\d+ 在 0\.3 秒内没有回应/);
  });

  it('stops reading a file that unpacks to more than the limit', async () => {
    // 64 MB of zeros in about 64 KB of gzip.
    const bomb = encode(Buffer.alloc(64 * 1024 * 1024), 'gzip');
    extra = (url, res) => (url === '/ndbg/report.pdf' ? (res.writeHead(200, { 'Content-Type': 'application/pdf', 'Content-Encoding': 'gzip' }).end(bomb), true) : false);
    const r = await verifyCopy({ copy: httpCopy(base, { maxFileBytes: 1024 * 1024 }) });
    expect(r.ok && r.report.verdict).toBe('incomplete');
    expect(r.ok && r.report.problems).toEqual([expect.objectContaining({ path: 'report.pdf', kind: 'unreadable', detail: '/ndbg/report.pdf 超过 1 MB 的读取上限，没有读完' })]);
  });

  it('stops when the whole check has read more than its limit', async () => {
    extra = () => false;
    // The PDF alone is 768 KB: it cannot fit in 512 KB, whatever order the files come in.
    const r = await verifyCopy({ copy: httpCopy(base, { maxTotalBytes: 512 * 1024 }) });
    expect(r.ok && r.report.verdict).toBe('incomplete');
    expect(r.ok && r.report.problems.map((p) => p.detail)).toContainEqual(expect.stringMatching(/^本次检查读取的数据已超过 512 KB 的上限/));
  });

  it('cannot check a file whose connection is reset in the middle', async () => {
    extra = (url, res) => {
      if (url !== '/ndbg/report.pdf') return false;
      res.writeHead(200, { 'Content-Type': 'application/pdf', 'Content-Length': '786432' });
      res.write(Buffer.alloc(1000), () => res.socket?.resetAndDestroy());
      return true;
    };
    const r = await runInProcess(['verify', base]);
    expectNoStack(r.output);
    expect(r.code).toBe(2);
    expect(r.output).toMatch(/无法读取：report\.pdf：连接被 127\.0\.0\.1:\d+ 中断/);
  });
});

describe('verify over HTTPS', () => {
  // A self-signed certificate for 127.0.0.1, made for these tests only (valid until 2126).
  const TLS = path.join(REPO, 'tests/fixtures/tls');
  let server: import('node:https').Server;
  let base: string;
  beforeAll(async () => {
    server = createHttpsServer({ cert: readFileSync(path.join(TLS, 'test-only-cert.pem')), key: readFileSync(path.join(TLS, 'test-only-key.pem')) }, (req, res) => {
      const body = siteFile(site.dist, req.url ?? '/');
      if (!body) return void res.writeHead(404).end();
      res.writeHead(200, { 'Content-Type': typeOf(req.url ?? '/'), 'Content-Encoding': 'br' }).end(encode(body, 'br'));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `https://127.0.0.1:${(server.address() as AddressInfo).port}/ndbg/`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('checks a site whose certificate is trusted', async () => {
    const r = await runCliAsync(['verify', base], { NODE_EXTRA_CA_CERTS: path.join(TLS, 'test-only-cert.pem') });
    expectNoStack(r.output);
    expect(r.code).toBe(0);
  });

  it('cannot check a site whose certificate cannot be verified', async () => {
    const r = await runInProcess(['verify', base]);
    expectNoStack(r.output);
    expect(r.code).toBe(2);
    expect(r.output).toMatch(/无法检查：读不到清单 .*：127\.0\.0\.1:\d+ 的 HTTPS 证书无法验证（DEPTH_ZERO_SELF_SIGNED_CERT）/);
  });
});

describe('verify against servers that cannot be checked', () => {
  it('gives up on a server that accepts and never answers, after --timeout', async () => {
    await withRaw(
      () => ({ kind: 'hang' }),
      async (base) => {
        for (const flags of [[], ['--json'], ['--quiet']]) {
          const r = await runInProcess(['verify', base, '--timeout', '0.3', ...flags]);
          expectNoStack(r.output);
          expect(r.code).toBe(2);
          expect(r.output).toContain('在 0.3 秒内没有回应（可以用 --timeout 调整等待时间）');
          if (flags[0] === '--json') expect(JSON.parse(r.output)).toMatchObject({ ok: false, verdict: 'unchecked' });
        }
      },
    );
  });

  it('stops asking a server that has stopped answering', async () => {
    await withRaw(
      () => ({ kind: 'hang' }),
      async (base) => {
        // One file at a time, so that "in a row" is the order of the calls.
        const get = siteReader(new URL(base), { timeoutMs: 200 });
        const details = [];
        for (const name of ['a.html', 'b.html', 'c.html', 'd.html', 'e.html']) {
          const got = await get(new URL(name, base));
          details.push(got.status === 'error' ? got.detail : got.status);
        }
        expect(details.slice(0, 3)).toEqual(Array(3).fill(expect.stringMatching(/在 0\.2 秒内没有回应/)));
        expect(details.slice(3)).toEqual(Array(2).fill(expect.stringMatching(/^没有读取：前面连续 3 个文件都读不到（127\.0\.0\.1:\d+ 在 0\.2 秒内没有回应/)));
      },
    );
  });

  it('refuses a timeout that is not a number of seconds', async () => {
    const r = await runCliAsync(['verify', 'http://127.0.0.1:9/ndbg/', '--timeout', '半分钟']);
    expect(r.code).toBe(2);
    expect(r.output).toContain('--timeout 需要一个大于 0 的秒数');
  });

  it('says when the server resets every connection', async () => {
    await withRaw(
      () => ({ kind: 'reset' }),
      async (base) => {
        const r = await runInProcess(['verify', base]);
        expectNoStack(r.output);
        expect(r.code).toBe(2);
        expect(r.output).toMatch(/无法检查：读不到清单 .*manifest\.json：连接被 127\.0\.0\.1:\d+ 中断（连接被重置）/);
      },
    );
  });

  it('says when nothing listens on the port', async () => {
    // A port that was just free: bound and released again.
    const probe = createNetServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((r) => probe.close(r));
    const r = await runInProcess(['verify', `http://127.0.0.1:${port}/ndbg/`, '--json']);
    expectNoStack(r.output);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.output).error).toContain(`连接被拒绝：127.0.0.1:${port} 上没有网站服务在运行`);
  });
});

