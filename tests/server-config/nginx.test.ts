/**
 * The generated nginx configuration in Debian's nginx on 127.0.0.1, serving a copy of the run's
 * shared build under /fzzfjs/: types, headers, 404, caching and compression of every file.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nginxConfig } from '../../src/server-config/nginx.ts';
import { serverRules } from '../../src/server-config/rules.ts';
import { startNginx, type Nginx } from '../helpers/nginx.ts';
import { sharedBuild } from '../helpers/shared-builds.ts';
import { checkServedSite, get } from './served-site.ts';
import { OUTPUT_FORMATS } from '../../src/formats/registry.ts';
import { outputFileTypes } from '../../src/pipeline/stage.ts';

const FILE_TYPES = outputFileTypes(OUTPUT_FORMATS);

const BASE = '/fzzfjs/';
let www: string;
let nginx: Nginx;

beforeAll(async () => {
  www = mkdtempSync(path.join(tmpdir(), 'nianbao-www-'));
  cpSync((await sharedBuild('fzzfjs')).dist, www, { recursive: true });
  // A WebAssembly file, which the site does not have today (Pagefind's is named .pagefind).
  writeFileSync(path.join(www, 'pagefind', 'test.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  // The portal's http block has the usual Debian defaults (mime.types, gzip off); the generated block goes into its server.
  nginx = await startNginx(www, BASE, '', nginxConfig(serverRules(BASE, www, FILE_TYPES)));
});
afterAll(async () => {
  await nginx?.stop();
  if (www) rmSync(www, { recursive: true, force: true });
});

describe('nginx with the generated configuration', () => {
  it('serves every file with its type, the security headers and its caching; 404s with the site’s page', async () => {
    await checkServedSite(`${nginx.origin}${BASE}`, www);
  });

  it('keeps its rules to the site: the portal’s other locations and types are untouched', async () => {
    // Outside the sub-path nginx answers as before (here: nothing configured, its own 404 without our headers).
    const other = await get(`${nginx.origin}/other/page.html`);
    expect(other.status).toBe(404);
    expect(other.headers['content-security-policy']).toBeUndefined();
  });
});
