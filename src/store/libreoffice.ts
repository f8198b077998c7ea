/**
 * One LibreOffice (headless) run converting many files: each run gets a profile of its own (runs
 * side by side would fight over one), removed afterwards, and a time limit. Import turns old Word
 * files into .docx with it; conform lays Word files out as PDF (and sets up the profile and fonts
 * for that).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** LibreOffice is not installed, or did not finish in time: `message` says which. */
export class NoLibreOffice extends Error {}

/** The file LibreOffice writes for `file` converted to `format`: named after it, in the output folder. */
export function convertedName(file: string, format: string): string {
  return `${path.basename(file, path.extname(file))}.${format.split(':')[0]!}`;
}

export interface LibreOfficeOptions {
  /** The target format, as `--convert-to` takes it: pdf, docx … */
  format: string;
  timeoutMs: number;
  /** Writes what the run needs into its fresh profile folder; returns variables for LibreOffice's environment. */
  setUp?: (profile: string) => Record<string, string>;
}

/**
 * Converts `files` into `outDir` in one run; returns the output path of each input (missing when
 * LibreOffice did not make it) and what it printed. Throws NoLibreOffice when it is missing or
 * runs out of time; any other failure leaves the outputs it made.
 */
export async function runLibreOffice(files: readonly string[], outDir: string, { format, timeoutMs, setUp }: LibreOfficeOptions): Promise<{ outputs: (string | undefined)[]; log: string }> {
  const profile = mkdtempSync(path.join(tmpdir(), 'nianbao-lo-'));
  try {
    const env = { ...process.env, ...setUp?.(profile) };
    let log = '';
    try {
      const { stdout, stderr } = await run('soffice', ['--headless', '--norestore', '--nolockcheck', `-env:UserInstallation=file://${profile}`, '--convert-to', format, '--outdir', outDir, ...files], {
        timeout: timeoutMs,
        maxBuffer: 16 * 1024 * 1024,
        env,
      });
      log = `${stdout}${stderr}`;
    } catch (e) {
      const err = e as NodeJS.ErrnoException & { stdout?: string; stderr?: string; killed?: boolean };
      if (err.code === 'ENOENT') throw new NoLibreOffice('没有找到 LibreOffice（soffice）。请运行 bash scripts/setup.sh 安装，或 apt-get install libreoffice-writer-nogui。');
      if (err.killed) throw new NoLibreOffice(`LibreOffice 在 ${Math.round(timeoutMs / 1000)} 秒内没有完成转换。`);
      log = `${err.stdout ?? ''}${err.stderr ?? ''}`;
    }
    const outputs = files.map((f) => {
      const out = path.join(outDir, convertedName(f, format));
      return existsSync(out) ? out : undefined;
    });
    return { outputs, log: log.split('\n').filter((l) => l && !l.includes('javaldx')).join('\n') };
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}
