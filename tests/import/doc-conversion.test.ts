/**
 * How a folder's .doc files reach LibreOffice (src/store/libreoffice.ts): together in one run, a
 * file the run did not convert on its own afterwards, and nothing left behind. The real LibreOffice converts in
 * tests/import/corpus.test.ts (two .doc files in one run); here a stand-in `soffice` first on the
 * PATH records each run's files and writes a copy of a real .docx for each file it is given, so
 * that runs that fail can be made at will.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byOutputName, docConverter } from '../../src/import/doc-conversion.ts';
import { ImportError } from '../../src/import/import-error.ts';
import { FIXTURES } from '../helpers/content-fixtures.ts';

const DOCX = path.join(FIXTURES, 'import/chenxi-fazhi-2022-docx.docx');
const root = mkdtempSync(path.join(tmpdir(), 'nianbao-doc-conversion-'));
const log = path.join(root, 'runs.log');
const outerPath = process.env.PATH;

beforeAll(() => {
  mkdirSync(path.join(root, 'bin'));
  // `soffice … --outdir <folder> <file>…`: each file → <folder>/<name>.docx, but for files named
  // unreadable*, and no file at all when FAIL_TOGETHER is set and it is given more than one.
  writeFileSync(
    path.join(root, 'bin/soffice'),
    [
      '#!/bin/sh',
      'docs=""; n=0',
      'for a in "$@"; do [ "$prev" = "--outdir" ] && outdir="$a"; prev="$a"; case "$a" in *.doc) docs="$docs $(basename "$a")"; n=$((n+1));; esac; done',
      `echo "run:$docs" >> '${log}'`,
      '[ -n "$FAIL_TOGETHER" ] && [ "$n" -gt 1 ] && { echo "crashed" >&2; exit 1; }',
      'for a in "$@"; do case "$(basename "$a")" in unreadable*) ;; *.doc) b=$(basename "$a" .doc); cp ' + `'${DOCX}'` + ' "$outdir/$b.docx";; esac; done',
      `echo "done:$docs" >> '${log}'`,
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
  process.env.PATH = `${path.join(root, 'bin')}${path.delimiter}${outerPath ?? ''}`;
});
afterAll(() => {
  process.env.PATH = outerPath;
  delete process.env.FAIL_TOGETHER;
  rmSync(root, { recursive: true, force: true });
});

/** A folder of .doc files (their content does not matter to the stand-in) and a fresh log. */
function folder(name: string, files: string[]): { files: string[]; workDir: string } {
  const dir = path.join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(log, '');
  for (const f of files) writeFileSync(path.join(dir, f), 'word 97');
  return { files: files.map((f) => path.join(dir, f)), workDir: path.join(root, `${name}-work`) };
}
const runs = () => readFileSync(log, 'utf8').trim().split('\n');

describe('converting the .doc files of a folder', () => {
  it('converts them in one LibreOffice run, and a file outside the batch in a run of its own', async () => {
    const { files, workDir } = folder('together', ['a.doc', 'b.doc', 'c.doc']);
    const docs = docConverter(workDir, files.slice(0, 2));
    docs.start();
    const made = [await docs.docx(files[1]!), await docs.docx(files[0]!), await docs.docx(files[2]!)];
    expect(made.map((f) => path.basename(f))).toEqual(['b.docx', 'a.docx', 'c.docx']);
    for (const f of made) expect(readFileSync(f)).toEqual(readFileSync(DOCX));
    expect(runs()).toEqual(['run: a.doc b.doc', 'done: a.doc b.doc', 'run: c.doc', 'done: c.doc']);
    await docs.dispose();
    expect(existsSync(workDir)).toBe(false);
  });

  it('converts each file on its own when the shared run fails', async () => {
    const { files, workDir } = folder('crash', ['a.doc', 'b.doc']);
    process.env.FAIL_TOGETHER = '1';
    try {
      const docs = docConverter(workDir, files);
      expect(path.basename(await docs.docx(files[0]!))).toBe('a.docx');
      expect(path.basename(await docs.docx(files[1]!))).toBe('b.docx');
      await docs.dispose();
    } finally {
      delete process.env.FAIL_TOGETHER;
    }
    expect(runs()).toEqual(['run: a.doc b.doc', 'run: a.doc', 'done: a.doc', 'run: b.doc', 'done: b.doc']);
  });

  it('tries a file the shared run left out once more on its own, then says it could not be converted', async () => {
    const { files, workDir } = folder('left-out', ['a.doc', 'unreadable.doc']);
    const docs = docConverter(workDir, files);
    const failed = await docs.docx(files[1]!).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(ImportError);
    expect((failed as ImportError).message).toBe('LibreOffice 没有把 unreadable.doc 转成 .docx。');
    expect((failed as ImportError).hint).toBe('在 Word 中把文件另存为 .docx 后导入。');
    expect(path.basename(await docs.docx(files[0]!))).toBe('a.docx');
    expect(runs()).toEqual(['run: a.doc unreadable.doc', 'done: a.doc unreadable.doc', 'run: unreadable.doc', 'done: unreadable.doc']);
    await docs.dispose();
  });

  it('waits for a run still going before removing its folder', async () => {
    const { files, workDir } = folder('dispose', ['a.doc', 'b.doc']);
    const docs = docConverter(workDir, files);
    docs.start();
    await docs.dispose();
    expect(runs()).toEqual(['run: a.doc b.doc', 'done: a.doc b.doc']);
    expect(existsSync(workDir)).toBe(false);
  });

  it('says what to do when LibreOffice is missing', async () => {
    const { files, workDir } = folder('missing', ['a.doc']);
    const docs = docConverter(workDir, files);
    process.env.PATH = '/nonexistent';
    try {
      const failed = await docs.docx(files[0]!).catch((e: unknown) => e);
      expect(failed).toBeInstanceOf(ImportError);
      expect((failed as ImportError).message).toMatch(/^无法用 LibreOffice 转换 a\.doc：没有找到 LibreOffice（soffice）。请运行 bash scripts\/setup\.sh 安装/);
      expect((failed as ImportError).hint).toContain('另存为 .docx');
    } finally {
      process.env.PATH = `${path.join(root, 'bin')}${path.delimiter}${outerPath ?? ''}`;
    }
    await docs.dispose();
  });
});

describe('runs of LibreOffice', () => {
  it('never give two files that would make the same .docx to one run', () => {
    expect(byOutputName(['/in/a/x.doc', '/in/b/x.doc', '/in/a/y.doc', '/in/c/x.doc', '/in/a/y.doc'])).toEqual([
      ['/in/a/x.doc', '/in/a/y.doc'],
      ['/in/b/x.doc'],
      ['/in/c/x.doc'],
    ]);
    expect(byOutputName(['/in/x.doc', '/in/x.DOC'])).toEqual([['/in/x.doc'], ['/in/x.DOC']]);
  });
});
