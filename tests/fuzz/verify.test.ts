/**
 * verifyCopy on random site folders and manifests (valid ones, tampered ones, random JSON):
 * it never throws, never calls a copy intact when a listed file differs, and never reads a file
 * outside the folder it checks, whatever paths the manifest lists.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { localCopy } from '../../src/integrity/deployed-copy.ts';
import { MANIFEST_FORMAT, serializeManifest, type Manifest } from '../../src/integrity/manifest.ts';
import { verifyCopy } from '../../src/integrity/verify.ts';
import { fuzzParameters, fuzzTimeout, nastyText, scaled } from './fuzz-settings.ts';

const sandbox = mkdtempSync(path.join(tmpdir(), 'nianbao-fuzz-verify-'));
afterAll(() => rmSync(sandbox, { recursive: true, force: true }));
/** A file beside the site folder: a manifest that lists `../secret.txt` must not get it checked. */
const SECRET = Buffer.from('secret outside the site\n');
writeFileSync(path.join(sandbox, 'secret.txt'), SECRET);
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

const fileName = fc.oneof(fc.constantFrom('index.html', 'a b.html', '中文.pdf', '.hidden', 'x..y', 'reports/x/index.html', 'style.css'), fc.stringMatching(/^[a-z0-9._-]{1,8}$/).filter((s) => s !== '.' && s !== '..'));
const page = fc.oneof(
  nastyText(30).map((t) => Buffer.from(`<!doctype html><html><body><main><p>${t}</p><a href="https://x.example/">x</a></main></body></html>`)),
  fc.uint8Array({ maxLength: 100 }).map((a) => Buffer.from(a)),
);
const site = fc.uniqueArray(fc.tuple(fileName, page), { minLength: 1, maxLength: 6, selector: ([n]) => n });

type Twist =
  | { kind: 'none' }
  | { kind: 'flip'; index: number }
  | { kind: 'escape'; spelling: string }
  | { kind: 'dangling-link' }
  | { kind: 'random-json'; text: string }
  | { kind: 'mangle'; at: number; insert: string };
const twist: fc.Arbitrary<Twist> = fc.oneof(
  fc.constant({ kind: 'none' as const }),
  fc.record({ kind: fc.constant('flip' as const), index: fc.nat() }),
  fc.record({ kind: fc.constant('escape' as const), spelling: fc.constantFrom('../secret.txt', 'x/../../secret.txt', '..\\secret.txt', `${path.join(sandbox, 'secret.txt')}`, './../secret.txt') }),
  fc.constant({ kind: 'dangling-link' as const }),
  fc.record({ kind: fc.constant('random-json' as const), text: fc.oneof(fc.json(), fc.string()) }),
  fc.record({ kind: fc.constant('mangle' as const), at: fc.nat(), insert: nastyText(4) }),
);

let n = 0;
describe('fuzz: verify on random sites and manifests', () => {
  const runs = 400;
  it(`never throws, never passes a changed or outside file (${scaled(runs)} runs)`, { timeout: fuzzTimeout(runs, 40) }, async () => {
    await fc.assert(
      fc.asyncProperty(site, twist, async (files, t) => {
        const dir = path.join(sandbox, `site-${n++}`);
        try {
          for (const [name, bytes] of files) {
            mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
            writeFileSync(path.join(dir, name), bytes);
          }
          const manifest: Manifest = {
            format: MANIFEST_FORMAT,
            site: { name: '测试', basePath: '/' },
            build: { tool: 'nianbao', toolVersion: '0', content: { sha256: '0'.repeat(64), files: 0 } },
            files: files.map(([name, bytes]) => ({ path: name, size: bytes.length, sha256: sha(bytes) })),
          };
          if (t.kind === 'escape') manifest.files.push({ path: t.spelling, size: SECRET.length, sha256: sha(SECRET) });
          let text = serializeManifest(manifest);
          if (t.kind === 'random-json') text = t.text;
          if (t.kind === 'mangle') text = text.slice(0, t.at % text.length) + t.insert + text.slice(t.at % text.length);
          writeFileSync(path.join(dir, 'manifest.json'), text);
          if (t.kind === 'flip') {
            const [name, bytes] = files[t.index % files.length]!;
            writeFileSync(path.join(dir, name), Buffer.concat([bytes, Buffer.from('!')]));
          }
          if (t.kind === 'dangling-link') symlinkSync(path.join(sandbox, 'nowhere'), path.join(dir, 'broken-link'));

          const result = await verifyCopy({ copy: localCopy(dir) });
          if (t.kind === 'none') expect(result.ok && result.report.ok).toBe(true);
          if (t.kind === 'flip' || t.kind === 'escape' || t.kind === 'dangling-link') expect(result.ok && result.report.ok).toBe(false);
          if (!result.ok) expect(result.error).toMatch(/[\u4e00-\u9fff]/);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      fuzzParameters(runs),
    );
  });
});
