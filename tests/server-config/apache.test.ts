/**
 * The generated Apache configuration: `apache2ctl -t` passes on Debian's own configuration with it
 * added (and fails on a broken copy, so the check is real), and httpd serving a copy of the run's
 * shared build under /fzzfjs/ answers as the nginx one does.
 */
import { chmodSync, cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apacheConfig } from '../../src/server-config/apache.ts';
import { serverRules } from '../../src/server-config/rules.ts';
import { apacheSetup, type Apache, type ApacheSetup } from '../helpers/apache.ts';
import { sharedBuild } from '../helpers/shared-builds.ts';
import { checkServedSite } from './served-site.ts';
import { OUTPUT_FORMATS } from '../../src/formats/registry.ts';
import { outputFileTypes } from '../../src/pipeline/stage.ts';

const FILE_TYPES = outputFileTypes(OUTPUT_FORMATS);

const BASE = '/fzzfjs/';
let www: string;
let setup: ApacheSetup;
let apache: Apache | undefined;

beforeAll(async () => {
  www = mkdtempSync(path.join(tmpdir(), 'nianbao-www-'));
  chmodSync(www, 0o755);
  cpSync((await sharedBuild('fzzfjs')).dist, www, { recursive: true });
  writeFileSync(path.join(www, 'pagefind', 'test.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  // The modules the README asks for (a2enmod headers); alias, dir, mime, deflate and filter are on in Debian's default.
  setup = apacheSetup(['headers'], { 'nianbao.conf': apacheConfig(serverRules(BASE, www, FILE_TYPES)) });
});
afterAll(async () => {
  await apache?.stop();
  setup?.remove();
  if (www) rmSync(www, { recursive: true, force: true });
});

describe('Apache httpd with the generated configuration', () => {
  it('passes apache2ctl -t, which fails on a broken copy and without mod_headers', () => {
    const ok = setup.configTest();
    expect(ok.output).toContain('Syntax OK');
    expect(ok.code).toBe(0);
    const broken = apacheSetup([], { 'nianbao.conf': apacheConfig(serverRules(BASE, www, FILE_TYPES)) });
    try {
      const r = broken.configTest();
      expect(r.code).not.toBe(0);
      expect(r.output).toMatch(/Invalid command 'Header'/);
    } finally {
      broken.remove();
    }
  });

  it('serves every file with its type, the security headers and its caching; 404s with the site’s page', async () => {
    apache = await setup.start();
    await checkServedSite(`${apache.origin}${BASE}`, www);
  });
});
