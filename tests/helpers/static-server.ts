/**
 * A tiny static file server for browser tests: serves a built site under a base path (as a county
 * portal would under /fzzfjs/), answers 404 with the site's 404.html, and records every request.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml; charset=utf-8',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticServer {
  /** e.g. http://127.0.0.1:41234 */
  origin: string;
  /** origin + base path, e.g. http://127.0.0.1:41234/fzzfjs/ */
  url: string;
  /** Paths requested so far, with their status. */
  requests: { path: string; status: number }[];
  close(): Promise<void>;
}

export async function serveStatic(root: string, base = '/'): Promise<StaticServer> {
  const requests: StaticServer['requests'] = [];
  const notFound = path.join(root, '404.html');
  const server: Server = createServer((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const send = (status: number, file?: string, headers: Record<string, string> = {}) => {
      requests.push({ path: urlPath, status });
      if (!file) {
        res.writeHead(status, headers).end();
        return;
      }
      res.writeHead(status, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream', ...headers });
      createReadStream(file).pipe(res);
    };
    const missing = () => (existsSync(notFound) ? send(404, notFound) : send(404));
    if (!urlPath.startsWith(base)) return missing();
    const file = path.join(root, urlPath.slice(base.length));
    if (!file.startsWith(path.resolve(root))) return missing();
    if (!existsSync(file)) return missing();
    if (statSync(file).isDirectory()) {
      if (!urlPath.endsWith('/')) return send(301, undefined, { Location: `${urlPath}/` });
      const index = path.join(file, 'index.html');
      return existsSync(index) ? send(200, index) : missing();
    }
    return send(200, file);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: `${origin}${base}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
