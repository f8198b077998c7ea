import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listFiles } from '../../src/store/files.ts';
import { MANIFEST_FORMAT, parseManifest, serializeManifest, type Manifest } from '../../src/integrity/manifest.ts';
import { fingerprint, generateSigningKeys, signatureValid, signingKeyFromEnv, signManifest, SigningKeyError } from '../../src/integrity/signing.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-manifest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const manifest = (files: Manifest['files']): Manifest => ({
  format: MANIFEST_FORMAT,
  site: { name: '辰溪县', domain: 'www.chenxi.gov.cn', basePath: '/ndbg/' },
  build: { tool: 'nianbao', toolVersion: '0.1.0', content: { sha256: 'a'.repeat(64), files: 3 } },
  files,
});

describe('manifest', () => {
  it('lists files in code-unit order, whatever the locale', () => {
    for (const f of ['b.html', 'B.html', 'a/z.html', 'a/b/c.css', '中文.html', '_astro/x.js']) {
      mkdirSync(path.dirname(path.join(dir, 'site', f)), { recursive: true });
      writeFileSync(path.join(dir, 'site', f), f);
    }
    expect(listFiles(path.join(dir, 'site'))).toEqual(['B.html', '_astro/x.js', 'a/b/c.css', 'a/z.html', 'b.html', '中文.html']);
  });

  it('serialises the same manifest to the same bytes, one line per file, and reads it back', () => {
    const e = (p: string) => ({ path: p, size: 1, sha256: 'b'.repeat(64) });
    const one = serializeManifest(manifest([e('b.html'), e('a.html')]));
    const two = serializeManifest(manifest([e('a.html'), e('b.html')]));
    expect(one).toBe(two);
    expect(one.split('\n').filter((l) => l.includes('"path"'))).toEqual([
      `    {"path":"a.html","size":1,"sha256":"${'b'.repeat(64)}"},`,
      `    {"path":"b.html","size":1,"sha256":"${'b'.repeat(64)}"}`,
    ]);
    const back = parseManifest(one);
    expect(back.ok && back.manifest.files.map((f) => f.path)).toEqual(['a.html', 'b.html']);
  });

  it('explains a manifest it cannot read, in Chinese', () => {
    expect(parseManifest('{')).toMatchObject({ ok: false, message: expect.stringContaining('不是有效的 JSON') });
    expect(parseManifest('{"format":"x"}')).toMatchObject({ ok: false, message: expect.stringContaining('清单格式不对') });
  });
});

describe('signing', () => {
  const keys = generateSigningKeys();
  const keyFile = path.join(dir, 'key.pem');
  writeFileSync(keyFile, keys.privatePem);

  it('signs deterministically and checks the exact bytes', () => {
    const key = signingKeyFromEnv({ NIANBAO_SIGNING_KEY_FILE: keyFile })!;
    const bytes = Buffer.from(serializeManifest(manifest([])));
    const sig = signManifest(bytes, key);
    expect(signManifest(bytes, key)).toBe(sig);
    expect(signatureValid(bytes, sig, keys.publicPem)).toBe(true);
    const tampered = Buffer.from(bytes.toString().replace('辰溪县', '辰溪縣'));
    expect(signatureValid(tampered, sig, keys.publicPem)).toBe(false);
    expect(signatureValid(bytes, sig, generateSigningKeys().publicPem)).toBe(false);
    expect(signatureValid(bytes, 'not base64!', keys.publicPem)).toBe(false);
  });

  it('takes the key as PEM text, base64 or a file, and refuses other key types', () => {
    expect(signingKeyFromEnv({})).toBeUndefined();
    expect(signingKeyFromEnv({ NIANBAO_SIGNING_KEY: keys.privatePem })?.asymmetricKeyType).toBe('ed25519');
    const base64 = keys.privatePem.replace(/-----[^-]+-----/g, '').replace(/\s/g, '');
    expect(signingKeyFromEnv({ NIANBAO_SIGNING_KEY: base64 })?.asymmetricKeyType).toBe('ed25519');
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => signingKeyFromEnv({ NIANBAO_SIGNING_KEY: rsa })).toThrow(/只用 Ed25519/);
    expect(() => signingKeyFromEnv({ NIANBAO_SIGNING_KEY_FILE: path.join(dir, 'none.pem') })).toThrow(SigningKeyError);
  });

  it('gives a stable fingerprint of the public key', () => {
    expect(fingerprint(keys.publicPem)).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(fingerprint(keys.publicPem)).toBe(fingerprint(keys.publicPem));
  });
});
