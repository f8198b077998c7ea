/**
 * The cache's ledger of last uses and its pruning (src/store/cache-store.ts, cache-prune.ts), on a
 * store folder made here: what a build used is never removed, entries unused past the cutoff go
 * with their sidecars, leftovers of killed writers go after a day, other folders are left alone.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OutputStore, readUse, sha256 } from '../../src/store/cache-store.ts';
import { DAY_MS, pruneCache, pruneStore } from '../../src/store/cache-prune.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'nianbao-prune-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const key = (name: string) => sha256(name);
const entryFile = (kind: string, k: string) => path.join(dir, kind, k.slice(0, 2), k);
const ledger = (kind: string) => readUse(path.join(dir, kind, 'used.json'));
/** Dates a file's modification time `days` days before `now`. */
const age = (file: string, days: number, now = Date.now()) => utimesSync(file, new Date(now - days * DAY_MS), new Date(now - days * DAY_MS));

describe('the ledger of last uses', () => {
  it('notes each entry a build wrote, read or only needed, and keeps the other builds’ notes', () => {
    const first = new OutputStore(dir);
    first.put('pdf', key('a'), Buffer.from('A'));
    first.put('pdf', key('b'), Buffer.from('B'));
    first.saveVerified(1_000);
    expect(ledger('pdf')).toEqual({ [key('a')]: 1_000, [key('b')]: 1_000 });

    const second = new OutputStore(dir);
    expect(second.get('pdf', key('a'))?.toString()).toBe('A');
    second.markUsed('page-snapshot', key('p'));
    second.saveVerified(2_000);
    // b was not used by the second build: it keeps the first build's time.
    expect(ledger('pdf')).toEqual({ [key('a')]: 2_000, [key('b')]: 1_000 });
    expect(ledger('page-snapshot')).toEqual({ [key('p')]: 2_000 });
  });

  it('refuses a key that names no entry, as every other call does', () => {
    expect(() => new OutputStore(dir).markUsed('pdf', '../../etc')).toThrow(/缓存键不合法/);
  });

  it('reads a foreign or broken ledger as empty', () => {
    mkdirSync(path.join(dir, 'pdf'));
    writeFileSync(path.join(dir, 'pdf', 'used.json'), '{"format":"other","used":{"x":1}}');
    expect(ledger('pdf')).toEqual({});
    writeFileSync(path.join(dir, 'pdf', 'used.json'), '{');
    expect(ledger('pdf')).toEqual({});
  });
});

describe('pruning', () => {
  const now = Date.UTC(2026, 11, 4, 12);

  function plant(): void {
    const store = new OutputStore(dir);
    for (const name of ['used', 'stale', 'unledgered-old', 'unledgered-new']) store.put('pdf', key(name), Buffer.from(name.repeat(100)));
    store.put('load', key('l'), Buffer.from('{}'));
    // The ledger: one used yesterday, one 40 days ago; the other two are not named.
    mkdirSync(path.join(dir, 'pdf'), { recursive: true });
    writeFileSync(path.join(dir, 'pdf', 'used.json'), JSON.stringify({ format: 'nianbao-used/1', used: { [key('used')]: now - DAY_MS, [key('stale')]: now - 40 * DAY_MS } }));
    age(entryFile('pdf', key('unledgered-old')), 45, now);
    age(entryFile('pdf', key('unledgered-new')), 2, now);
    age(entryFile('load', key('l')), 50, now);
    // Leftovers of killed writers, an old and a fresh one, and an old sidecar without its entry.
    const shard = path.dirname(entryFile('pdf', key('used')));
    writeFileSync(path.join(shard, `${key('used')}.123-abcd.tmp`), 'half');
    age(path.join(shard, `${key('used')}.123-abcd.tmp`), 3, now);
    writeFileSync(path.join(shard, `${key('used')}.456-abcd.tmp.json`), 'half');
    age(path.join(shard, `${key('used')}.456-abcd.tmp.json`), 0.1, now);
    writeFileSync(path.join(shard, `${key('gone')}.json`), '{}');
    age(path.join(shard, `${key('gone')}.json`), 3, now);
    // Not the store's: an output record and search texts.
    mkdirSync(path.join(dir, 'outputs'));
    writeFileSync(path.join(dir, 'outputs', `${key('o')}.json`), '{}');
    age(path.join(dir, 'outputs', `${key('o')}.json`), 100, now);
    mkdirSync(path.join(dir, 'search', 'text', 'ab'), { recursive: true });
    writeFileSync(path.join(dir, 'search', 'text', 'ab', 'x.html'), 'x');
    age(path.join(dir, 'search', 'text', 'ab', 'x.html'), 100, now);
  }

  it('removes what nobody used since the cutoff, with its sidecar, and only that', () => {
    plant();
    const result = pruneStore(dir, now - 30 * DAY_MS, now);
    const has = (kind: string, name: string) => existsSync(entryFile(kind, key(name)));
    expect(has('pdf', 'used')).toBe(true);
    expect(has('pdf', 'unledgered-new')).toBe(true);
    expect(has('pdf', 'stale')).toBe(false);
    expect(existsSync(`${entryFile('pdf', key('stale'))}.json`)).toBe(false);
    expect(has('pdf', 'unledgered-old')).toBe(false);
    expect(has('load', 'l')).toBe(false);
    expect(result.entries).toBe(3);
    // The entries' bytes and their sidecars', and the two old leftovers.
    expect(result.bytes).toBeGreaterThan(500 + 1000 + 2 + 3 * 100);
    const shard = readdirSync(path.dirname(entryFile('pdf', key('used'))));
    expect(shard).not.toContain(`${key('used')}.123-abcd.tmp`);
    expect(shard).toContain(`${key('used')}.456-abcd.tmp.json`);
    expect(shard).not.toContain(`${key('gone')}.json`);
    // The ledger names only what is left.
    expect(Object.keys(ledger('pdf'))).toEqual([key('used')]);
    expect(existsSync(path.join(dir, 'outputs', `${key('o')}.json`))).toBe(true);
    expect(existsSync(path.join(dir, 'search', 'text', 'ab', 'x.html'))).toBe(true);
    // What is left is still served, checked against its sidecar.
    expect(new OutputStore(dir).get('pdf', key('used'))?.toString()).toBe('used'.repeat(100));
  });

  it('runs at most once a day unless asked, and never removes what the pruning build used', () => {
    plant();
    const since = now - 60_000;
    // The build used `stale` a moment ago (its ledger is newer than its start).
    writeFileSync(path.join(dir, 'pdf', 'used.json'), JSON.stringify({ format: 'nianbao-used/1', used: { [key('used')]: now - DAY_MS, [key('stale')]: since + 1 } }));
    const first = pruneCache(dir, { keepDays: 0, since, now });
    // Zero days: everything but what this build used (the recent unledgered entry and the fresh leftover too).
    expect(first?.entries).toBe(4);
    expect(existsSync(entryFile('pdf', key('stale')))).toBe(true);
    expect(existsSync(entryFile('pdf', key('used')))).toBe(false);
    expect(existsSync(entryFile('pdf', key('unledgered-new')))).toBe(false);
    const fresh = path.join(path.dirname(entryFile('pdf', key('used'))), `${key('used')}.456-abcd.tmp.json`);
    expect(existsSync(fresh)).toBe(true);
    expect(JSON.parse(readFileSync(path.join(dir, 'pruned.json'), 'utf8'))).toEqual({ at: now });

    new OutputStore(dir).put('pdf', key('late'), Buffer.from('late'));
    age(entryFile('pdf', key('late')), 40, now);
    expect(pruneCache(dir, { keepDays: 30, since: now, now: now + DAY_MS / 2 })).toBeUndefined();
    expect(existsSync(entryFile('pdf', key('late')))).toBe(true);
    expect(pruneCache(dir, { keepDays: 30, since: now, now: now + DAY_MS / 2, force: true })?.entries).toBe(1);
    expect(existsSync(entryFile('pdf', key('late')))).toBe(false);
    // A day later the unasked pruning runs again: the leftover is old enough now.
    expect(pruneCache(dir, { keepDays: 30, since: now + 2 * DAY_MS, now: now + 2 * DAY_MS })).toEqual({ entries: 0, bytes: 4 });
    expect(existsSync(fresh)).toBe(false);
    expect(existsSync(entryFile('pdf', key('stale')))).toBe(true);
  });

  it('goes on past what it cannot remove, and never throws', () => {
    plant();
    // Where an entry should be, a folder (a hand-made mess): removing it fails.
    const odd = entryFile('docx', key('odd'));
    mkdirSync(odd, { recursive: true });
    age(odd, 90, now);
    expect(() => pruneStore(dir, now - 30 * DAY_MS, now)).not.toThrow();
    expect(existsSync(odd)).toBe(true);
    // The other kinds were pruned all the same.
    expect(existsSync(entryFile('pdf', key('stale')))).toBe(false);
    expect(existsSync(entryFile('load', key('l')))).toBe(false);
  });

  it('finds nothing to do in a folder that is not there', () => {
    expect(pruneStore(path.join(dir, 'none'), now, now)).toEqual({ entries: 0, bytes: 0 });
  });
});
