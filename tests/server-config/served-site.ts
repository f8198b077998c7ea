/**
 * What a web server configured by `nianbao server-config` must answer for a built site, checked
 * over real HTTP (nginx and Apache tests share it): media types by an independent table, the
 * security headers on every answer, the 404 page, the caching of hashed files, compression.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { expect } from 'vitest';
import { CSP_HEADER } from '../../src/server-config/rules.ts';

/** Media types by extension, as the browsers and the PDF/Word readers need them (not from the generator). */
export const EXPECTED_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml; charset=utf-8',
  '.png': 'image/png',
  '.pdf': 'application/pdf',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.ofd': 'application/ofd',
  '.wasm': 'application/wasm',
  '.pagefind': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_meta': 'application/octet-stream',
};

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body as sent (still compressed when Content-Encoding says so). */
  raw: Buffer;
}

/** One GET without any decoding, so the headers and encoding are what the server sent. */
export function get(url: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { 'accept-encoding': 'identity', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, raw: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

export const body = (a: Answer) => (a.headers['content-encoding'] === 'gzip' ? gunzipSync(a.raw) : a.raw);

/** Every file of the site folder, as paths under it. */
export function siteFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.relative(dir, path.join(d.parentPath, d.name)).split(path.sep).join('/'))
    .sort();
}

const HASHED = /^(_astro\/|pagefind\/[^/]+\/(fragment|index)\/|pagefind\/[^/]+\/[^/]+\.pf_meta$)/;

/**
 * Requests every file of `dir` from `site` (origin + base path) and checks type, headers, cache and
 * bytes; then the 404 page, the redirects and compression.
 */
export async function checkServedSite(site: string, dir: string): Promise<void> {
  const files = siteFiles(dir);
  const problems: string[] = [];
  for (const rel of files) {
    const ext = path.extname(rel);
    const expected = EXPECTED_TYPES[ext];
    if (!expected) {
      problems.push(`${rel}: no expected type for ${ext}`);
      continue;
    }
    const a = await get(site + rel.split('/').map(encodeURIComponent).join('/'));
    if (a.status !== 200) problems.push(`${rel}: status ${a.status}`);
    if (a.headers['content-type'] !== expected) problems.push(`${rel}: ${a.headers['content-type']} (expected ${expected})`);
    if (a.headers['content-security-policy'] !== CSP_HEADER) problems.push(`${rel}: CSP ${a.headers['content-security-policy']}`);
    if (a.headers['x-content-type-options'] !== 'nosniff') problems.push(`${rel}: no nosniff`);
    const cache = HASHED.test(rel) ? 'public, max-age=31536000, immutable' : 'no-cache';
    if (a.headers['cache-control'] !== cache) problems.push(`${rel}: Cache-Control ${a.headers['cache-control']} (expected ${cache})`);
    if (!body(a).equals(readFileSync(path.join(dir, rel)))) problems.push(`${rel}: bytes differ`);
  }
  expect(problems).toEqual([]);
  expect(files.some((f) => HASHED.test(f))).toBe(true);

  // A missing page: status 404, the site's 404 page, the same headers.
  for (const missing of ['no/such/page/', 'reports/no-such-report/', '_astro/no-such.css']) {
    const a = await get(site + missing);
    expect(a.status, missing).toBe(404);
    expect(a.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(body(a).toString('utf8')).toBe(readFileSync(path.join(dir, '404.html'), 'utf8'));
    expect(a.headers['content-security-policy']).toBe(CSP_HEADER);
    // Never kept for a year, not even under _astro/: the file may be published later.
    expect(a.headers['cache-control'], missing).toBe('no-cache');
  }

  // The CSP header is the pages' own policy plus frame-ancestors, which only a header can carry.
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(readFileSync(path.join(dir, 'index.html'), 'utf8'))![1]!.replace(/&#39;/g, "'");
  expect(CSP_HEADER).toBe(`${meta}; frame-ancestors 'self'`);

  // A folder without its slash is sent to the folder, by a path under the site.
  const report = files.find((f) => f.startsWith('reports/') && f.endsWith('/index.html'))!.replace(/index\.html$/, '');
  const redirect = await get(site + report.slice(0, -1));
  expect(redirect.status).toBe(301);
  expect(new URL(redirect.headers.location!, site).href).toBe(site + report);
  const bare = await get(site.slice(0, -1));
  expect(bare.status).toBe(301);
  expect(new URL(bare.headers.location!, site).href).toBe(site);

  // Text compressed on the fly; Pagefind's files (compressed by Pagefind) sent as they are.
  const csv = await get(site + files.find((f) => f.endsWith('.csv'))!, { 'accept-encoding': 'gzip' });
  expect(csv.headers['content-encoding']).toBe('gzip');
  const fragment = await get(site + files.find((f) => f.endsWith('.pf_fragment'))!, { 'accept-encoding': 'gzip' });
  expect(fragment.headers['content-encoding']).toBeUndefined();
}
