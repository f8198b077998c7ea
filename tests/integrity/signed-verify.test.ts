/**
 * Signed manifests, trusted copies of the manifest and key, and what verify says when it cannot check.
 * keygen, and verify once for each exit status, run as the command line; the other checks run the
 * same commands in this process (tests/helpers/in-process-cli.ts).
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/in-process-cli.ts';
import { build } from '../../src/build/build.ts';
import type { BuildStage } from '../../src/pipeline/stage.ts';
import { digestBytes } from '../../src/store/files.ts';
import { manifestStage } from '../../src/integrity/manifest-stage.ts';
import { generateSigningKeys, signManifest, signingKeyFromEnv } from '../../src/integrity/signing.ts';
import { runCliAsync } from './run-cli.ts';
import { copySample } from './sample-project.ts';

/** A stand-in for the renderers: the integrity logic does not depend on what the pages are. */
const pages: BuildStage = {
  id: 'pages',
  label: '写页面',
  async run({ outDir, model }) {
    writeFileSync(path.join(outDir, 'index.html'), `<!doctype html><title>${model.site.name}</title><p>今年共调解纠纷920件。</p>`);
    writeFileSync(path.join(outDir, 'report.pdf'), '%PDF-1.7\n');
  },
};

let project: string;
let keys: string;
let dist: string;
const tmp: string[] = [];
const copyOf = (dir: string) => {
  const to = mkdtempSync(path.join(tmpdir(), 'nianbao-signed-copy-'));
  tmp.push(to);
  cpSync(dir, to, { recursive: true });
  return to;
};

beforeAll(async () => {
  project = copySample('nianbao-signed-');
  keys = path.join(project, 'keys');
  const made = await runCliAsync(['keygen', '--out', keys]);
  if (made.code !== 0) throw new Error(made.output);
  process.env.NIANBAO_SIGNING_KEY_FILE = path.join(keys, 'nianbao-signing-key.pem');
  const result = await build({ target: project, stages: [pages, manifestStage] });
  delete process.env.NIANBAO_SIGNING_KEY_FILE;
  if (!result.ok) throw new Error(JSON.stringify(result.error ?? result.diagnostics));
  dist = result.outDir;
});
afterAll(() => {
  for (const d of [project, ...tmp]) rmSync(d, { recursive: true, force: true });
});

const PUB = () => path.join(keys, 'nianbao-signing-key.pub.pem');

/** The command run in this process, as most checks here run it, prints what the command line printed, on the same streams. */
async function expectSameInProcess(args: string[], real: { code: number | null; stdout: string; stderr: string }): Promise<void> {
  const { code, stdout, stderr } = await runInProcess(args);
  expect({ code, stdout, stderr }).toEqual({ code: real.code, stdout: real.stdout, stderr: real.stderr });
}

describe('nianbao keygen', () => {
  it('writes a private key only its owner can read, and never overwrites', async () => {
    expect(statSync(path.join(keys, 'nianbao-signing-key.pem')).mode & 0o777).toBe(0o600);
    const again = await runInProcess(['keygen', '--out', keys]);
    expect(again.code).toBe(1);
    expect(again.output).toContain('不会覆盖');
  });
});

describe('signed manifests', () => {
  it('puts the signature and public key beside the manifest, not in it', () => {
    expect(existsSync(path.join(dist, 'manifest.sig'))).toBe(true);
    expect(readFileSync(path.join(dist, 'manifest.pub.pem'), 'utf8')).toBe(readFileSync(PUB(), 'utf8'));
    expect(readFileSync(path.join(dist, 'manifest.json'), 'utf8')).not.toMatch(/manifest\.(sig|pub|json)"/);
  });

  it('passes with the trusted public key', async () => {
    const r = await runCliAsync(['verify', dist, '--public-key', PUB()]);
    expect(r.code, r.output).toBe(0);
    expect(r.output).toContain('签名：有效');
    expect(r.output).toContain('--public-key 指定的可信公钥');
    await expectSameInProcess(['verify', dist, '--public-key', PUB()], r);
  });

  it('fails when the manifest was edited to cover a tampered file', async () => {
    const copy = copyOf(dist);
    const page = Buffer.from('<!doctype html><p>娱乐老虎机共调解纠纷920件。</p>');
    writeFileSync(path.join(copy, 'index.html'), page);
    const manifestFile = path.join(copy, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { files: { path: string; size: number; sha256: string }[] };
    Object.assign(manifest.files.find((f) => f.path === 'index.html')!, digestBytes(page));
    writeFileSync(manifestFile, JSON.stringify(manifest));
    const r = await runCliAsync(['verify', copy]);
    expect(r.code).toBe(1);
    expect(r.output).toContain('签名：无效');
    await expectSameInProcess(['verify', copy], r);
  });

  it('catches a re-signed manifest only with the trusted key: the fingerprint tells them apart', async () => {
    const copy = copyOf(dist);
    writeFileSync(path.join(copy, 'report.pdf'), '%PDF-1.7\n% replaced\n');
    const manifestFile = path.join(copy, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { files: { path: string; size: number; sha256: string }[] };
    Object.assign(manifest.files.find((f) => f.path === 'report.pdf')!, digestBytes(readFileSync(path.join(copy, 'report.pdf'))));
    const bytes = Buffer.from(JSON.stringify(manifest));
    writeFileSync(manifestFile, bytes);
    const attacker = generateSigningKeys();
    writeFileSync(path.join(copy, 'manifest.sig'), signManifest(bytes, signingKeyFromEnv({ NIANBAO_SIGNING_KEY: attacker.privatePem })!));
    writeFileSync(path.join(copy, 'manifest.pub.pem'), attacker.publicPem);
    const untrusted = await runInProcess(['verify', copy]);
    expect(untrusted.output).toContain('公钥取自清单旁的 manifest.pub.pem');
    const trusted = await runInProcess(['verify', copy, '--public-key', PUB()]);
    expect(trusted.code).toBe(1);
    expect(trusted.output).toContain('签名：无效');
  });

  it('compares against a trusted copy of the manifest given with --manifest', async () => {
    const trusted = copyOf(dist);
    const copy = copyOf(dist);
    writeFileSync(path.join(copy, 'index.html'), '<p>澳门新葡京</p>');
    writeFileSync(path.join(copy, 'manifest.json'), '{}');
    const r = await runInProcess(['verify', copy, '--manifest', path.join(trusted, 'manifest.json'), '--public-key', PUB()]);
    expect(r.code).toBe(1);
    expect(r.output).toContain('已被修改：index.html');
    expect(r.output).toContain('新增文字：“澳门新葡京”');
    expect(r.output).toContain('已被修改：manifest.json');
    expect(r.output).toContain('部署的清单与可信清单不一致');
  });
});

describe('what verify cannot check', () => {
  it('requires a signature when asked to', async () => {
    const copy = copyOf(dist);
    rmSync(path.join(copy, 'manifest.sig'));
    expect((await runInProcess(['verify', copy])).code).toBe(0);
    const r = await runInProcess(['verify', copy, '--require-signature']);
    expect(r.code).toBe(1);
    expect(r.output).toContain('没有签名（要求签名）');
  });

  it('exits 2 without a manifest, and prints JSON for other tools', async () => {
    const copy = copyOf(dist);
    rmSync(path.join(copy, 'manifest.json'));
    const r = await runCliAsync(['verify', copy]);
    expect(r.code).toBe(2);
    expect(r.output).toContain('找不到清单');
    await expectSameInProcess(['verify', copy], r);
    const json = await runInProcess(['verify', dist, '--json']);
    expect(JSON.parse(json.output)).toMatchObject({ ok: true, checked: 3, problems: [], signature: { status: 'valid' } });
  });

  it('is silent on success with --quiet, for cron', async () => {
    const r = await runInProcess(['verify', dist, '--quiet']);
    expect(r).toEqual({ code: 0, stdout: '', stderr: '', output: '' });
  });

  it('fails the build, before writing dist/, when the signing key is not usable', async () => {
    process.env.NIANBAO_SIGNING_KEY = 'not a key';
    try {
      const before = readFileSync(path.join(dist, 'manifest.json'));
      const result = await build({ target: project, stages: [pages, manifestStage] });
      expect(result).toMatchObject({ ok: false, error: { message: expect.stringContaining('签名私钥（NIANBAO_SIGNING_KEY）无法读取') } });
      expect(readFileSync(path.join(dist, 'manifest.json'))).toEqual(before);
    } finally {
      delete process.env.NIANBAO_SIGNING_KEY;
    }
  });
});
