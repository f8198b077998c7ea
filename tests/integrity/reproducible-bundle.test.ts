/**
 * Two builds of the same content give the same files; the release bundle is reproducible too.
 * `nianbao bundle` runs as the command line where it packs and where it refuses; the other calls
 * run the same commands in this process (tests/helpers/in-process-cli.ts).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/in-process-cli.ts';
import { build } from '../../src/build/build.ts';
import { runCliAsync } from './run-cli.ts';
import { copySample } from './sample-project.ts';
import { sharedBuild } from '../helpers/shared-builds.ts';

let first: string;
let second: string;

beforeAll(async () => {
  // Two copies at different paths: nothing of the machine's folders may leak into the output.
  // The second is the run's shared build of a copy of the samples (only read here).
  first = copySample('nianbao-repro-a-');
  // Asked for first: if no other file has started it, it builds in a process of its own beside this file's build.
  const shared = sharedBuild('ndbg');
  shared.catch(() => {});
  // As the shared build: with the filing copies (备案件).
  const result = await build({ target: first, forms: ['public', 'filing'] });
  if (!result.ok) throw new Error(JSON.stringify(result.error ?? result.diagnostics));
  second = (await shared).project;
});
afterAll(() => {
  rmSync(first, { recursive: true, force: true });
});

const manifestOf = (project: string) => readFileSync(path.join(project, 'dist/manifest.json'), 'utf8');

/**
 * The one documented exception: a PDF printed by Chromium carries its creation time and a random
 * document ID. Everything else in the PDF, and every other file, must be identical.
 */
const PDF_VOLATILE = /\/(CreationDate|ModDate)\s*\([^)]*\)|\/ID\s*\[\s*<[0-9A-Fa-f]*>\s*<[0-9A-Fa-f]*>\s*\]/g;
const withoutPdfLines = (manifest: string) => manifest.split('\n').filter((l) => !/"path":"[^"]*\.pdf"/.test(l)).join('\n');

describe('reproducible builds', () => {
  it('give identical manifests, so every listed file (HTML, DOCX, JSON/CSV, search index) is identical', () => {
    expect(withoutPdfLines(manifestOf(second))).toBe(withoutPdfLines(manifestOf(first)));
    const pdfs = (JSON.parse(manifestOf(first)) as { files: { path: string }[] }).files.map((f) => f.path).filter((f) => f.endsWith('.pdf'));
    for (const pdf of pdfs) {
      const masked = (project: string) => readFileSync(path.join(project, 'dist', pdf)).toString('latin1').replace(PDF_VOLATILE, '/$1');
      expect(masked(second), pdf).toBe(masked(first));
    }
    if (pdfs.length === 0) expect(manifestOf(second)).toBe(manifestOf(first));
    const files = (JSON.parse(manifestOf(first)) as { files: { path: string }[] }).files.map((f) => f.path);
    expect(files.some((f) => f.endsWith('.html'))).toBe(true);
    expect(files.some((f) => f.startsWith('pagefind/'))).toBe(true);
    // The OFD copies, made from the PDFs, carry none of the PDFs' volatile entries: byte-identical.
    expect(files.filter((f) => f.endsWith('.ofd')).length).toBe(4);
    expect(files).not.toContain('manifest.json');
  });

  it('carry no build timestamp, only the content revision and tool version', () => {
    const manifest = JSON.parse(manifestOf(first)) as { build: { content: { sha256: string }; toolVersion: string } };
    expect(manifest.build.content.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(manifestOf(first)).not.toMatch(/20\d\d-\d\d-\d\dT\d\d:/);
  });
});

describe('nianbao bundle', () => {
  it('packs dist/ with its manifest into one ZIP whose SHA-256 it prints, the same every time', async () => {
    const a = path.join(first, 'release/a.zip');
    const b = path.join(first, 'release/b.zip');
    const r = await runCliAsync(['bundle', path.join(first, 'dist'), '--out', a]);
    expect(r.code, r.output).toBe(0);
    const sha = createHash('sha256').update(readFileSync(a)).digest('hex');
    expect(r.stdout).toContain(`SHA-256：${sha}`);
    expect(readFileSync(`${a}.sha256`, 'utf8')).toBe(`${sha}  a.zip\n`);
    expect((await runInProcess(['bundle', path.join(first, 'dist'), '--out', b])).code).toBe(0);
    expect(createHash('sha256').update(readFileSync(b)).digest('hex')).toBe(sha);
    // The same content built elsewhere gives the same archive (unless it holds Chromium PDFs, see above).
    const c = path.join(first, 'release/c.zip');
    expect((await runInProcess(['bundle', path.join(second, 'dist'), '--out', c])).code).toBe(0);
    if (!manifestOf(first).includes('.pdf"')) expect(createHash('sha256').update(readFileSync(c)).digest('hex')).toBe(sha);
  });

  it('unpacks to a copy that verify passes', async () => {
    const zip = await JSZip.loadAsync(readFileSync(path.join(first, 'release/a.zip')));
    const out = path.join(first, 'unpacked');
    const names = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir);
    expect(names).toContain('manifest.json');
    for (const name of names) {
      mkdirSync(path.dirname(path.join(out, name)), { recursive: true });
      writeFileSync(path.join(out, name), await zip.files[name]!.async('nodebuffer'));
    }
    const r = await runInProcess(['verify', out]);
    expect(r.code, r.output).toBe(0);
  });

  it('refuses to pack a dist/ that no longer matches its manifest', async () => {
    // This file's own build (the shared one is only read: other files run beside this one).
    writeFileSync(path.join(first, 'dist/index.html'), '<p>娱乐老虎机</p>');
    const r = await runCliAsync(['bundle', path.join(first, 'dist'), '--out', path.join(first, 'x.zip')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('已被修改：index.html');
    expect(r.stderr).toContain('不打包');
  });
});
