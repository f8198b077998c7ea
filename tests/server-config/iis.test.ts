/**
 * The generated IIS web.config: well-formed XML whose every element and attribute is one the IIS
 * configuration reference documents, in the place it documents it (there is no IIS on this machine
 * to load it), with the settings the site needs; and the `nianbao server-config` command.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { iisConfig } from '../../src/server-config/iis.ts';
import { CSP_HEADER, serverRules } from '../../src/server-config/rules.ts';
import { runCliParallel } from '../helpers/cli.ts';
import { sharedBuild } from '../helpers/shared-builds.ts';
import { EXPECTED_TYPES, siteFiles } from './served-site.ts';
import { OUTPUT_FORMATS } from '../../src/formats/registry.ts';
import { outputFileTypes } from '../../src/pipeline/stage.ts';

const FILE_TYPES = outputFileTypes(OUTPUT_FORMATS);

/**
 * The elements of the IIS configuration reference (learn.microsoft.com/iis/configuration) the file
 * may use: allowed attributes (with their documented values where they are an enumeration) and
 * allowed children.
 */
const DOCUMENTED: Record<string, { attributes: Record<string, RegExp>; children: string[] }> = {
  configuration: { attributes: {}, children: ['location', 'system.webServer'] },
  location: { attributes: { path: /^[^/\\].*[^/\\]$|^\.$/, inheritInChildApplications: /^(true|false)$/, overrideMode: /^(Allow|Deny|Inherit)$/ }, children: ['system.webServer'] },
  'system.webServer': { attributes: {}, children: ['staticContent', 'httpProtocol', 'httpErrors', 'defaultDocument', 'directoryBrowse', 'urlCompression'] },
  staticContent: { attributes: {}, children: ['remove', 'mimeMap', 'clientCache'] },
  'staticContent/remove': { attributes: { fileExtension: /^\.[a-z0-9_]+$/ }, children: [] },
  'staticContent/mimeMap': { attributes: { fileExtension: /^\.[a-z0-9_]+$/, mimeType: /^[a-z]+\/[a-z0-9.+-]+(; charset=utf-8)?$/ }, children: [] },
  'staticContent/clientCache': {
    attributes: {
      cacheControlMode: /^(NoControl|DisableCache|UseMaxAge|UseExpires)$/,
      cacheControlMaxAge: /^\d+\.\d{2}:\d{2}:\d{2}$/,
      cacheControlCustom: /^[a-z ,=-]+$/,
      setEtag: /^(true|false)$/,
    },
    children: [],
  },
  httpProtocol: { attributes: {}, children: ['customHeaders'] },
  customHeaders: { attributes: {}, children: ['clear', 'remove', 'add'] },
  'customHeaders/remove': { attributes: { name: /^[A-Za-z-]+$/ }, children: [] },
  'customHeaders/add': { attributes: { name: /^[A-Za-z-]+$/, value: /./ }, children: [] },
  httpErrors: {
    attributes: { errorMode: /^(DetailedLocalOnly|Custom|Detailed)$/, existingResponse: /^(Auto|Replace|PassThrough)$/, defaultResponseMode: /^(File|ExecuteURL|Redirect)$/ },
    children: ['remove', 'error', 'clear'],
  },
  'httpErrors/remove': { attributes: { statusCode: /^\d{3}$/, subStatusCode: /^-?\d+$/ }, children: [] },
  'httpErrors/error': { attributes: { statusCode: /^\d{3}$/, subStatusCode: /^-?\d+$/, path: /^\/\S*$/, responseMode: /^(File|ExecuteURL|Redirect)$/ }, children: [] },
  defaultDocument: { attributes: { enabled: /^(true|false)$/ }, children: ['files'] },
  files: { attributes: {}, children: ['clear', 'add', 'remove'] },
  'files/add': { attributes: { value: /^[\w.-]+$/ }, children: [] },
  'files/clear': { attributes: {}, children: [] },
  directoryBrowse: { attributes: { enabled: /^(true|false)$/ }, children: [] },
  urlCompression: { attributes: { doStaticCompression: /^(true|false)$/, doDynamicCompression: /^(true|false)$/ }, children: [] },
};

type Node = Record<string, unknown>;
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', preserveOrder: true, commentPropName: '#comment' });

/** Every element with its parent's name, checked against DOCUMENTED; returns the problems. */
function undocumented(nodes: Node[], parent: string, problems: string[] = []): string[] {
  for (const node of nodes) {
    const name = Object.keys(node).find((k) => k !== ':@' && k !== '#comment' && k !== '#text' && k !== '?xml');
    if (!name) continue;
    const rule = DOCUMENTED[`${parent}/${name}`] ?? DOCUMENTED[name];
    const where = `${parent}/${name}`;
    if (!rule || !(DOCUMENTED[parent]?.children.includes(name) ?? parent === '')) {
      problems.push(`${where}: not a documented child of ${parent || 'the document'}`);
      continue;
    }
    for (const [attr, value] of Object.entries((node[':@'] as Record<string, string>) ?? {})) {
      const pattern = rule.attributes[attr.slice(1)];
      if (!pattern) problems.push(`${where}: undocumented attribute ${attr.slice(1)}`);
      else if (!pattern.test(value)) problems.push(`${where}: ${attr.slice(1)}="${value}" is not a documented value`);
    }
    undocumented(node[name] as Node[], name, problems);
  }
  return problems;
}

/** The parsed file as plain objects, for reading settings. */
const plain = (text: string) => new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['location', 'remove', 'mimeMap', 'add', 'error'].includes(name) }).parse(text);

describe('the IIS web.config', () => {
  const text = iisConfig(serverRules('/fzzfjs/', '/srv/fzzfjs', FILE_TYPES));

  it('is well-formed XML using only documented elements and attributes, in their documented places', () => {
    expect(XMLValidator.validate(text)).toBe(true);
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(undocumented(parser.parse(text) as Node[], '')).toEqual([]);
    // The check itself finds a misplaced or misspelt element.
    expect(undocumented(parser.parse(text.replace('<httpErrors ', '<httpError ').replace('</httpErrors>', '</httpError>')) as Node[], '')).not.toEqual([]);
    expect(undocumented(parser.parse(text.replace('responseMode="ExecuteURL"', 'responseMode="ExecuteUrl2"')) as Node[], '')).not.toEqual([]);
  });

  it('sets for the sub-path: media types with charset, the CSP header with frame-ancestors, the 404 page, no caching but for _astro/', () => {
    const config = plain(text).configuration;
    const [site, astro] = config.location;
    expect(site.path).toBe('fzzfjs');
    const web = site['system.webServer'];
    const types = Object.fromEntries(web.staticContent.mimeMap.map((m: { fileExtension: string; mimeType: string }) => [m.fileExtension, m.mimeType]));
    // Every mimeMap follows a remove of the same extension (IIS refuses a second definition).
    expect(web.staticContent.remove.map((r: { fileExtension: string }) => r.fileExtension)).toEqual(Object.keys(types));
    for (const [ext, type] of Object.entries(EXPECTED_TYPES)) expect(types[ext], ext).toBe(type);
    expect(web.staticContent.clientCache.cacheControlMode).toBe('DisableCache');
    const headers = Object.fromEntries(web.httpProtocol.customHeaders.add.map((h: { name: string; value: string }) => [h.name, h.value]));
    expect(headers['Content-Security-Policy']).toBe(CSP_HEADER);
    expect(headers['Content-Security-Policy']).toContain("frame-ancestors 'self'");
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    expect(web.httpErrors).toMatchObject({ errorMode: 'Custom', existingResponse: 'Replace' });
    expect(web.httpErrors.error).toEqual([{ statusCode: '404', path: '/fzzfjs/404.html', responseMode: 'ExecuteURL' }]);
    expect(web.defaultDocument.files.add).toEqual([{ value: 'index.html' }]);
    expect(astro.path).toBe('fzzfjs/_astro');
    expect(astro['system.webServer'].staticContent.clientCache).toEqual({ cacheControlMode: 'UseMaxAge', cacheControlMaxAge: '365.00:00:00', cacheControlCustom: 'public, immutable' });
  });

  it('needs no location element for a site at the root', () => {
    const config = plain(iisConfig(serverRules('/', 'C:\\inetpub\\wwwroot', FILE_TYPES))).configuration;
    expect(config['system.webServer'].httpErrors.error[0].path).toBe('/404.html');
    expect(config.location.map((l: { path: string }) => l.path)).toEqual(['_astro']);
  });

  it('maps every kind of file a build writes', async () => {
    const dist = (await sharedBuild('fzzfjs')).dist;
    const mapped = new Set(plain(text).configuration.location[0]['system.webServer'].staticContent.mimeMap.map((m: { fileExtension: string }) => m.fileExtension));
    const kinds = new Set(siteFiles(dist).map((f) => path.extname(f)));
    expect([...kinds].filter((k) => !mapped.has(k))).toEqual([]);
  });
});

describe('nianbao server-config', () => {
  let dir: string;
  let project: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'nianbao-server-config-'));
    project = (await sharedBuild('fzzfjs')).project;
  });
  afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('writes the three configurations and their README for the base path, and keeps out of the published folders', async () => {
    const out = path.join(dir, 'out');
    const r = await runCliParallel(['server-config', project, '--out', out, '--base', '/fzzfjs/', '--root', '/srv/www/fzzfjs']);
    expect(r.code, r.output).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['README.txt', 'apache.conf', 'nginx.conf', 'web.config']);
    expect(readFileSync(path.join(out, 'nginx.conf'), 'utf8')).toContain('location ^~ /fzzfjs/ {\n    alias /srv/www/fzzfjs/;');
    expect(readFileSync(path.join(out, 'apache.conf'), 'utf8')).toContain('Alias "/fzzfjs/" "/srv/www/fzzfjs/"');
    expect(readFileSync(path.join(out, 'web.config'), 'utf8')).toContain('<location path="fzzfjs">');
    expect(readFileSync(path.join(out, 'README.txt'), 'utf8')).toContain('frame-ancestors');
    const refused = await runCliParallel(['server-config', project, '--out', path.join(project, 'content', 'x')]);
    expect(refused.code).toBe(2);
    expect(refused.output).toContain('在项目的 content/ 里');
    expect(existsSync(path.join(project, 'content', 'x'))).toBe(false);
    expect(refused.output).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  });
});
