/**
 * The preview's watch of content/ and templates/: every save is seen, however the editor saves.
 * Each step waits for the change to be reported (no fixed delays).
 */
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, it } from 'vitest';
import { watchFolders } from '../../src/dev/dev-server.ts';

let root: string;
let stop: (() => void) | undefined;
afterEach(() => {
  stop?.();
  rmSync(root, { recursive: true, force: true });
});

/** A watch of `root/content` and a function that resolves on its next report of a change. */
function watching() {
  root = mkdtempSync(path.join(tmpdir(), 'nianbao-watch-'));
  const content = path.join(root, 'content');
  mkdirSync(path.join(content, 'reports/a'), { recursive: true });
  writeFileSync(path.join(content, 'reports/a/01-x.md'), 'first');
  let waiting: (() => void)[] = [];
  const w = watchFolders([content], () => {
    const done = waiting;
    waiting = [];
    done.forEach((r) => r());
  });
  stop = () => w.close();
  /** Resolves once a change is reported after `action` ran (or fails after a generous minute). */
  const changeAfter = (action: () => void) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no change reported')), 300_000);
      waiting.push(() => {
        clearTimeout(timer);
        resolve();
      });
      action();
    });
  return { content, changeAfter };
}

describe('watchFolders', () => {
  it('sees every save of a file saved the safe way (a new file renamed over it), and plain writes after that', async () => {
    const { content, changeAfter } = watching();
    const file = path.join(content, 'reports/a/01-x.md');
    const safeSave = (text: string) => {
      writeFileSync(path.join(root, 'saving.tmp'), text);
      renameSync(path.join(root, 'saving.tmp'), file);
    };
    await changeAfter(() => safeSave('second'));
    await changeAfter(() => safeSave('third'));
    await changeAfter(() => safeSave('fourth'));
    await changeAfter(() => writeFileSync(file, 'fifth'));
  });

  it('watches folders made after it started, and a folder deleted and made again', async () => {
    const { content, changeAfter } = watching();
    const b = path.join(content, 'reports/b');
    await changeAfter(() => mkdirSync(b));
    await changeAfter(() => writeFileSync(path.join(b, 'report.yaml'), 'title: x'));
    await changeAfter(() => writeFileSync(path.join(b, 'report.yaml'), 'title: y'));
    await changeAfter(() => rmSync(b, { recursive: true }));
    await changeAfter(() => mkdirSync(b));
    await changeAfter(() => writeFileSync(path.join(b, 'report.yaml'), 'title: z'));
    await changeAfter(() => writeFileSync(path.join(b, 'report.yaml'), 'title: w'));
  });
});
