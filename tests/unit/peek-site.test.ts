/**
 * site.yaml read ahead of the content (src/content/peek-site.ts): the settings the load gives, the
 * sub-path override as the load applies it, and nothing (never an exception) for a file the load
 * will report.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContent, peekSite } from '../../src/content/index.ts';
import { REPO } from '../helpers/cli.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const contentWith = (siteYaml?: string) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-peek-site-'));
  dirs.push(dir);
  mkdirSync(path.join(dir, 'content'));
  if (siteYaml !== undefined) writeFileSync(path.join(dir, 'content', 'site.yaml'), siteYaml);
  return path.join(dir, 'content');
};

describe('site.yaml read ahead', () => {
  const loaded = loadContent(REPO, { basePath: '/fzzfjs/' });
  if (!loaded.ok) throw new Error('sample content is invalid');

  it('gives the address the load gives, with the sub-path given instead of site.yaml’s', () => {
    const contentDir = path.join(REPO, 'content');
    const peeked = peekSite(contentDir, '/fzzfjs/')!;
    expect({ basePath: peeked.basePath, domain: peeked.domain }).toEqual({ basePath: loaded.model.site.basePath, domain: loaded.model.site.domain });
    expect(peeked.basePath).toBe('/fzzfjs/');
    expect(peekSite(contentDir)!.basePath).not.toBe('/fzzfjs/');
  });

  it('gives nothing for a missing, unreadable or invalid site.yaml, or a sub-path the load refuses', () => {
    expect(peekSite(contentWith())).toBeUndefined();
    expect(peekSite(contentWith('name: [unclosed\n'))).toBeUndefined();
    expect(peekSite(contentWith('basePath: 12\n'))).toBeUndefined();
    expect(peekSite(path.join(REPO, 'content'), 'fzzfjs')).toBeUndefined();
  });
});
