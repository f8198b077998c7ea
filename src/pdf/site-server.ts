/**
 * The built site served on the loopback interface for the printing browser, under the site's base
 * path (pages link with absolute paths under it). Extra routes serve what only the printing needs
 * and the published site must not carry: the organisation's licensed font files and their
 * @font-face rules. Nothing is served to other hosts and nothing is fetched from elsewhere.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { isWithin } from '../paths/project-path.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.ttc': 'font/collection',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

/** A route outside the site's files: a file on disk, a text made by the build, or bytes made when first asked for. */
export type ExtraRoute = { file: string } | { text: string; type: string } | { bytes: () => Uint8Array; type: string };

export interface SiteServer {
  /** e.g. http://127.0.0.1:41234 */
  origin: string;
  /** origin + base path */
  url: string;
  close(): Promise<void>;
}

/** Resolves a request path to a file under `root`, or undefined (outside the base, outside the root, missing). */
export function resolveSitePath(root: string, base: string, urlPath: string): string | undefined {
  if (!urlPath.startsWith(base)) return undefined;
  const rootAbs = path.resolve(root);
  const file = path.resolve(rootAbs, `.${path.posix.sep}${urlPath.slice(base.length)}`);
  if (!isWithin(rootAbs, file)) return undefined;
  if (!existsSync(file)) return undefined;
  if (statSync(file).isDirectory()) {
    const index = path.join(file, 'index.html');
    return existsSync(index) ? index : undefined;
  }
  return file;
}

export async function serveSite(root: string, base: string, extra: Record<string, ExtraRoute> = {}): Promise<SiteServer> {
  const server = createServer((req, res) => {
    let urlPath: string;
    try {
      urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    const route = extra[urlPath];
    if (route && 'text' in route) {
      res.writeHead(200, { 'Content-Type': route.type }).end(route.text);
      return;
    }
    if (route && 'bytes' in route) {
      let body: Uint8Array;
      try {
        body = route.bytes();
      } catch {
        res.writeHead(500).end();
        return;
      }
      res.writeHead(200, { 'Content-Type': route.type }).end(body);
      return;
    }
    const file = route ? route.file : resolveSitePath(root, base, urlPath);
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: `${origin}${base}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
