/** placeFile: a hard link where it can, into folders it makes, over a file of the same name. */
import { existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeFolders, placeFile } from '../../src/pipeline/output-digests.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const temp = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-place-'));
  dirs.push(dir);
  return dir;
};

describe('placeFile', () => {
  it('links the file into folders it makes', () => {
    const dir = temp();
    writeFileSync(path.join(dir, 'a.html'), '甲');
    const dest = path.join(dir, 'out/reports/x/index.html');
    placeFile(path.join(dir, 'a.html'), dest);
    expect(readFileSync(dest, 'utf8')).toBe('甲');
    expect(statSync(dest).ino).toBe(statSync(path.join(dir, 'a.html')).ino);
  });

  it('replaces a file of the same name, and leaves the file it replaced alone', () => {
    const dir = temp();
    writeFileSync(path.join(dir, 'new.html'), '新');
    mkdirSync(path.join(dir, 'out'));
    writeFileSync(path.join(dir, 'old.html'), '旧');
    placeFile(path.join(dir, 'old.html'), path.join(dir, 'out/page.html'));
    placeFile(path.join(dir, 'new.html'), path.join(dir, 'out/page.html'));
    expect(readFileSync(path.join(dir, 'out/page.html'), 'utf8')).toBe('新');
    expect(statSync(path.join(dir, 'out/page.html')).ino).toBe(statSync(path.join(dir, 'new.html')).ino);
    expect(readFileSync(path.join(dir, 'old.html'), 'utf8')).toBe('旧');
  });

  it.runIf(existsSync('/dev/shm'))('copies where it cannot link (a file on another file system), and fails for a missing source', () => {
    const dir = temp();
    // /dev/shm is a tmpfs of its own on Linux: a link from there to here fails with EXDEV.
    const shm = mkdtempSync('/dev/shm/nianbao-place-');
    dirs.push(shm);
    writeFileSync(path.join(shm, 'a.pdf'), 'PDF');
    placeFile(path.join(shm, 'a.pdf'), path.join(dir, 'out/a.pdf'));
    expect(readFileSync(path.join(dir, 'out/a.pdf'), 'utf8')).toBe('PDF');
    expect(statSync(path.join(dir, 'out/a.pdf')).ino).not.toBe(statSync(path.join(shm, 'a.pdf')).ino);
    expect(() => placeFile(path.join(dir, 'missing.pdf'), path.join(dir, 'out/b.pdf'))).toThrow(/ENOENT/);
  });
});

describe('makeFolders', () => {
  it('makes every folder the files go in, parents first, beside folders already there', () => {
    const dir = temp();
    mkdirSync(path.join(dir, 'reports/a'), { recursive: true });
    const files = ['index.html', 'reports/a/index.html', 'reports/b/index.html', 'reports-old/c/d/e.json', 'data/x/2021.csv', 'data/x/2022.csv'];
    makeFolders(dir, files);
    for (const rel of files) expect(statSync(path.dirname(path.join(dir, rel))).isDirectory(), rel).toBe(true);
    writeFileSync(path.join(dir, 'src.html'), '页');
    // Every link succeeds at the first try.
    for (const rel of files) linkSync(path.join(dir, 'src.html'), path.join(dir, rel));
    expect(readFileSync(path.join(dir, 'reports-old/c/d/e.json'), 'utf8')).toBe('页');
  });
});
