/**
 * The claim on compiling a site address's pages (BundleStore.claim): builds started side by side
 * compile once, the others wait for that compile; a claim left by a process that is gone does not
 * hold anyone up.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BundleStore } from '../../src/web/portal-bundle.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-bundle-claim-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the claim on compiling a site address', () => {
  it('is held by one at a time: the second is granted only once the first gives it up', async () => {
    const store = new BundleStore(path.join(dir, 'one-at-a-time'));
    const first = await store.claim('k');
    expect(first).toBeTypeOf('function');
    const events: string[] = [];
    const second = store.claim('k').then((release) => {
      events.push('second granted');
      return release;
    });
    // Several turns of the event loop, and more than one look at the claim file: still held.
    for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve, 250));
    expect(events).toEqual([]);
    events.push('first given up');
    first!();
    const release = await second;
    expect(events).toEqual(['first given up', 'second granted']);
    // Another key is not held up by this one.
    const other = await store.claim('other');
    other!();
    release!();
    // Nothing is left behind but the (empty) store.
    expect(readdirSync(store.dir)).toEqual([]);
  });

  it('takes over a claim whose process is gone', async () => {
    const store = new BundleStore(path.join(dir, 'stale'));
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    await store.claim('warm-up').then((r) => r!());
    writeFileSync(path.join(store.dir, '.compiling-k'), String(gone));
    const release = await store.claim('k');
    expect(release).toBeTypeOf('function');
    release!();
    expect(existsSync(path.join(store.dir, '.compiling-k'))).toBe(false);
  });

  it('is not granted when the store cannot be written, and nothing is kept there either', async () => {
    const file = path.join(dir, 'a-file');
    writeFileSync(file, '');
    expect(await new BundleStore(path.join(file, 'store')).claim('k')).toBeUndefined();
  });
});
