/**
 * Old Word files (.doc) → .docx with LibreOffice headless, for import. Starting LibreOffice is
 * nearly the whole cost of a conversion (measured: one file 5.3 s, six files in one run 5.9 s), so
 * a folder's .doc files are converted together, in one run with one profile, started when the
 * folder's import starts (or when the first of them is needed) and going on beside the import of
 * the other files. A file the shared run did not convert is tried again on its own, so that one
 * file LibreOffice cannot read does not cost the others their conversion.
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { convertedName, runLibreOffice } from '../store/libreoffice.ts';
import { ImportError } from './import-error.ts';

export interface DocConverter {
  /** Starts converting the batch now, beside whatever the caller does next. */
  start(): void;
  /** The .docx LibreOffice made of `file` (a .doc), in the converter's folder. */
  docx(file: string): Promise<string>;
  /** Removes the converter's folder (the conversions), once no LibreOffice of its own runs. */
  dispose(): Promise<void>;
}

/** A converter working in `workDir` (a folder of the project, its own), converting `batch` (the .doc files to come) together. */
export function docConverter(workDir: string, batch: readonly string[] = []): DocConverter {
  let runs = 0;
  const newOutDir = () => path.join(workDir, `out-${++runs}`);
  // Each run's files have different names: LibreOffice names a conversion after its file.
  const groups = byOutputName(batch.map((f) => path.resolve(f)));
  let together: Promise<Map<string, string>> | undefined;
  const convertTogether = () =>
    (together ??= (async () => {
      const made = new Map<string, string>();
      for (const group of groups) {
        const outDir = newOutDir();
        // A failed shared run is not the end: each of its files is then tried on its own.
        const run = await convert(group, outDir).catch(() => undefined);
        group.forEach((file, i) => {
          const out = run?.outputs[i];
          if (out) made.set(file, out);
        });
      }
      return made;
    })());

  const single = new Set<Promise<unknown>>();
  return {
    start() {
      if (groups.length) void convertTogether();
    },
    async docx(file) {
      const resolved = path.resolve(file);
      if (groups.some((g) => g.includes(resolved))) {
        const made = (await convertTogether()).get(resolved);
        if (made) return made;
      }
      const run = convert([resolved], newOutDir());
      single.add(run);
      let out: string | undefined;
      try {
        out = (await run).outputs[0];
      } catch (e) {
        // The message says what happened (not installed, out of time) and how to install it.
        throw new ImportError(`无法用 LibreOffice 转换 ${path.basename(file)}：${(e as Error).message.split('\n')[0]}`, '也可以在 Word 中把文件另存为 .docx 后导入。');
      } finally {
        single.delete(run);
      }
      if (!out) throw new ImportError(`LibreOffice 没有把 ${path.basename(file)} 转成 .docx。`, '在 Word 中把文件另存为 .docx 后导入。');
      return out;
    },
    async dispose() {
      await Promise.allSettled([together, ...single]);
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}

/** Files split into runs in which no two have the same conversion's name (a.doc and a.DOC both give a.docx). */
export function byOutputName(files: readonly string[]): string[][] {
  const runs: string[][] = [];
  for (const file of new Set(files)) {
    const name = convertedName(file, 'docx');
    const run = runs.find((r) => !r.some((f) => convertedName(f, 'docx') === name));
    if (run) run.push(file);
    else runs.push([file]);
  }
  return runs;
}

function convert(files: readonly string[], outDir: string) {
  mkdirSync(outDir, { recursive: true });
  // A minute to start, and half a minute for each file: only stops a LibreOffice that hangs.
  return runLibreOffice(files, outDir, { format: 'docx', timeoutMs: 60_000 + 30_000 * files.length });
}
