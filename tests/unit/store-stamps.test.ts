/**
 * Stamps kept between builds: a cache entry, or a content file, whose stamp (size, modification and
 * change times, inode) is the one kept is trusted without being read; any write moves its change
 * time and it is read and checked again. The clock is passed in: nothing here depends on timing.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OutputStore, sha256 } from '../../src/store/cache-store.ts';
import { inputDigestsUnder, inputFileSha256, rememberInputDigests } from '../../src/store/files.ts';
import { placeFile } from '../../src/pipeline/output-digests.ts';
import { readOutputRecord, writeOutputRecord } from '../../src/build/previous-output.ts';
import { MANIFEST_FILE, MANIFEST_FORMAT, serializeManifest } from '../../src/integrity/manifest.ts';

/** Every file read through node:fs in this test file and the modules it loads. */
const reads = vi.hoisted(() => [] as string[]);
vi.mock('node:fs', async (original) => (await import('../helpers/recorded-reads.ts')).recordingFs(await original(), reads));

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'nianbao-stamps-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const KEY = 'ab'.repeat(32);
const entryFile = (dir: string) => path.join(dir, 'pdf', KEY.slice(0, 2), KEY);
const verifiedOf = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'pdf', 'verified.json'), 'utf8')) as { entries: Record<string, unknown> };
/** Written through the file and dated back to the nanosecond: only the change time tells. */
function writeInPlaceKeepingTimes(file: string, bytes: Buffer): void {
  const st = statSync(file, { bigint: true });
  writeFileSync(file, bytes, { flag: 'r+' });
  const ns = `@${st.mtimeNs / 1_000_000_000n}.${String(st.mtimeNs % 1_000_000_000n).padStart(9, '0')}`;
  expect(spawnSync('touch', ['-m', '-d', ns, file]).status).toBe(0);
  expect(statSync(file, { bigint: true }).mtimeNs).toBe(st.mtimeNs);
}

describe('the cache store’s stamps', () => {
  it('lets the next build trust an entry unread while its stamp is the one kept, and check it again once written', () => {
    const dir = tempDir();
    const bytes = Buffer.from('%PDF-1.7 a printed report');
    const first = new OutputStore(dir);
    first.put('pdf', KEY, bytes);
    first.saveVerified(statSync(entryFile(dir)).ctimeMs + 1000);
    expect(Object.keys(verifiedOf(dir).entries)).toEqual([KEY]);
    // Trusted by its stamp: only its small sidecar is read, not the entry itself.
    reads.length = 0;
    expect(new OutputStore(dir).entry('pdf', KEY)).toEqual({ file: entryFile(dir), size: bytes.length, sha256: sha256(bytes) });
    expect(reads).toContain(`${entryFile(dir)}.json`);
    expect(reads).not.toContain(entryFile(dir));
    expect(new OutputStore(dir).get('pdf', KEY)?.equals(bytes)).toBe(true);
    // A sidecar naming another key (a foreign entry): refused, stamp or not.
    const side = readFileSync(`${entryFile(dir)}.json`, 'utf8');
    writeFileSync(`${entryFile(dir)}.json`, JSON.stringify({ ...JSON.parse(side), key: 'cd'.repeat(32) }));
    expect(new OutputStore(dir).entry('pdf', KEY)).toBeUndefined();
    writeFileSync(`${entryFile(dir)}.json`, side);
    // Written in place, as long as before and with its times put back: read, checked, and refused.
    writeInPlaceKeepingTimes(entryFile(dir), Buffer.from('%PDF-1.7 a tampered report'));
    expect(new OutputStore(dir).entry('pdf', KEY)).toBeUndefined();
    expect(new OutputStore(dir).get('pdf', KEY)).toBeUndefined();
  });

  it('keeps the stamp of an entry linked into an output folder (linking moves only its change time)', () => {
    const dir = tempDir();
    const bytes = Buffer.from('%PDF-1.7 another report');
    const store = new OutputStore(dir);
    store.put('pdf', KEY, bytes);
    const before = statSync(entryFile(dir), { bigint: true }).ctimeNs;
    placeFile(entryFile(dir), path.join(dir, 'dist', 'report.pdf'));
    expect(statSync(entryFile(dir), { bigint: true }).ctimeNs).not.toBe(before);
    store.saveVerified(statSync(entryFile(dir)).ctimeMs + 1000);
    reads.length = 0;
    expect(new OutputStore(dir).entry('pdf', KEY)?.sha256).toBe(sha256(bytes));
    expect(reads).not.toContain(entryFile(dir));
  });

  it('keeps no stamp for an entry changed in the last moments, nor for one written since it was checked', () => {
    const dir = tempDir();
    const store = new OutputStore(dir);
    store.put('pdf', KEY, Buffer.from('%PDF-1.7 fresh'));
    // Changed within the tick before the stamps are kept: a later write could leave the stamp as it is.
    store.saveVerified(statSync(entryFile(dir)).ctimeMs + 10);
    expect(verifiedOf(dir).entries).toEqual({});
    // Written through after it was checked: its bytes are no longer the checked ones.
    writeFileSync(entryFile(dir), '%PDF-1.7 other bytes', { flag: 'r+' });
    store.saveVerified(statSync(entryFile(dir)).ctimeMs + 1000);
    expect(verifiedOf(dir).entries).toEqual({});
  });
});

describe('the content files’ digests', () => {
  it('are trusted while a file’s stamp is the one kept, and taken again once it changes', () => {
    const dir = tempDir();
    const file = path.join(dir, 'reports', 'a', '01-yi.md');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, '# 一、总体情况\n');
    const st = statSync(file, { bigint: true });
    const stamp = `${st.size}:${st.mtimeNs}:${st.ctimeNs}:${st.ino}`;
    // A digest kept by an earlier process, for the file as it is now: used without reading the file.
    // A file outside the folder, named through '..': never taken from what was kept.
    const outside = `${dir}-outside.md`;
    writeFileSync(outside, '外面\n');
    dirs.push(outside);
    const so = statSync(outside, { bigint: true });
    rememberInputDigests(dir, { 'reports/a/01-yi.md': [stamp, 'f'.repeat(64)], [`../${path.basename(outside)}`]: [`${so.size}:${so.mtimeNs}:${so.ctimeNs}:${so.ino}`, 'e'.repeat(64)] });
    reads.length = 0;
    // Seen in the moment of its write, whatever the time now: a digest seen well after its file's last
    // change is kept without another look (the next test), and a loaded machine can take that long.
    const changed = Number(st.ctimeNs / 1_000_000n);
    expect(inputFileSha256(file, changed + 10)).toBe('f'.repeat(64));
    expect(reads).toEqual([]);
    expect(inputFileSha256(outside)).toBe(sha256(readFileSync(outside)));
    // Kept for the next process: only files under the folder, unchanged since they were hashed.
    expect(Object.keys(inputDigestsUnder(dir, changed + 1000))).toEqual([path.join('reports', 'a', '01-yi.md')]);
    // …and not one changed within the last tick, whose stamp a later write could leave as it is.
    expect(inputDigestsUnder(dir, changed + 10)).toEqual({});
    writeInPlaceKeepingTimes(file, Buffer.from('# 二、总体情况\n'));
    expect(inputFileSha256(file)).toBe(sha256(readFileSync(file)));
  });

  it('are kept for the next process without another look when the file had not changed for a while before it was seen, and a later change is still caught', () => {
    const dir = tempDir();
    const file = path.join(dir, 'reports', 'b', '01-yi.md');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, '# 一、总体情况\n');
    const changed = Number(statSync(file, { bigint: true }).ctimeNs / 1_000_000n);
    // Seen a second after its last change.
    const digest = inputFileSha256(file, changed + 1000);
    expect(digest).toBe(sha256(readFileSync(file)));
    const kept = inputDigestsUnder(dir, changed + 2000);
    expect(kept).toEqual({ [path.join('reports', 'b', '01-yi.md')]: [expect.any(String), digest] });
    // Written through afterwards, its times put back: the stamp kept names the file as it was, so the
    // next process, given what was kept, reads it again.
    writeInPlaceKeepingTimes(file, Buffer.from('# 二、总体情况\n'));
    const [stamp] = Object.values(kept)[0]!;
    const now = statSync(file, { bigint: true });
    expect(`${now.size}:${now.mtimeNs}:${now.ctimeNs}:${now.ino}`).not.toBe(stamp);
    rememberInputDigests(dir, kept);
    const expected = sha256(readFileSync(file));
    reads.length = 0;
    expect(inputFileSha256(file)).toBe(expected);
    expect(reads).toEqual([file]);
  });
});

describe('the output record’s stamps', () => {
  it('stamps the published files last written before the manifest began to hash, and no file written after', () => {
    const cache = tempDir();
    const out = tempDir();
    writeFileSync(path.join(out, 'early.html'), '<p>早</p>');
    writeFileSync(path.join(out, 'late.html'), '<p>晚</p>');
    const hashedFrom = Date.parse('2026-03-01T00:00:00Z');
    // Dated on either side of the moment the hashing began.
    utimesSync(path.join(out, 'early.html'), new Date(hashedFrom - 60_000), new Date(hashedFrom - 60_000));
    utimesSync(path.join(out, 'late.html'), new Date(hashedFrom + 60_000), new Date(hashedFrom + 60_000));
    const files = ['early.html', 'late.html'].map((f) => ({ path: f, size: statSync(path.join(out, f)).size, sha256: sha256(readFileSync(path.join(out, f))) }));
    const build = { tool: 'nianbao', toolVersion: '0', content: { sha256: '0'.repeat(64), files: 0 } };
    writeFileSync(path.join(out, MANIFEST_FILE), serializeManifest({ format: MANIFEST_FORMAT, site: { name: '示例', basePath: '/' }, build, files }));
    writeOutputRecord(cache, out, { webKey: 'w', portalKey: 'p', pageKeys: {} }, hashedFrom);
    const record = readOutputRecord(cache, out);
    expect(record?.files).toEqual({ 'early.html': files[0]!.sha256, 'late.html': files[1]!.sha256 });
    const st = statSync(path.join(out, 'early.html'), { bigint: true });
    expect(record?.stamps).toEqual({ 'early.html': `${st.size}:${st.mtimeNs}:${st.ctimeNs}:${st.ino}` });
  });
});
