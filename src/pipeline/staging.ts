import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Folders a build keeps beside the output folder, named `.nianbao-<kind>-<pid>-<output name>`:
 * `tmp` is the site being built, `old` the previous output during the swap, `web` the portal's
 * scratch folder. A build killed outright (SIGKILL, power loss) cannot remove them; the next build
 * does, and puts an `old` folder back if the kill came between the two renames of the swap.
 */
export type StagingKind = 'tmp' | 'old' | 'web';

const LEFTOVER = /^\.nianbao-(tmp|old|web)-(\d+)-(.+)$/;

export function stagingPath(outDir: string, kind: StagingKind, pid = process.pid): string {
  return path.join(path.dirname(outDir), `.nianbao-${kind}-${pid}-${path.basename(outDir)}`);
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes what dead builds left beside `outDir`; restores the previous output if a swap was cut off. */
export function recoverLeftovers(outDir: string): string[] {
  const parent = path.dirname(outDir);
  const notes: string[] = [];
  if (!existsSync(parent)) return notes;
  // A stage's scratch folder is named after the staging folder: `.nianbao-web-1-.nianbao-tmp-1-dist`.
  const target = (name: string): string => {
    const m = LEFTOVER.exec(name);
    return m ? target(m[3]!) : name;
  };
  // Called before this build made any folder of its own: one with our pid is from an earlier
  // process that had the same number (containers reuse pids).
  const dead = (pid: number) => pid === process.pid || !processAlive(pid);
  const found = readdirSync(parent)
    .map((name) => ({ name, m: LEFTOVER.exec(name) }))
    .filter((e) => e.m && target(e.m[3]!) === path.basename(outDir) && dead(Number(e.m[2])));
  for (const { name, m } of found) {
    const full = path.join(parent, name);
    if (m![1] === 'old' && !existsSync(outDir)) {
      renameSync(full, outDir);
      notes.push(`上一次构建在替换输出文件夹时被中断，已恢复原有的 ${path.basename(outDir)}/。`);
    } else {
      rmSync(full, { recursive: true, force: true });
      notes.push(`已清理上一次被中断的构建留下的 ${name}。`);
    }
  }
  return notes;
}

/** Removes this process's own staging folders (on SIGINT/SIGTERM, or after a failed stage). */
export function removeOwnStaging(outDir: string): void {
  const staging = stagingPath(outDir, 'tmp');
  // Retried: a process stopped just before may still finish a write into it.
  for (const dir of [stagingPath(staging, 'web'), stagingPath(outDir, 'web'), staging]) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}

/**
 * One build at a time per output folder: two builds swapping into the same dist/ could leave a
 * mix. The lock names its process, so a lock left by a killed build is taken over.
 */
export function acquireBuildLock(outDir: string): { ok: true; release: () => void } | { ok: false; holder: number } {
  const lock = path.join(path.dirname(outDir), `.nianbao-lock-${path.basename(outDir)}`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
      return { ok: true, release: () => rmSync(lock, { force: true }) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = Number(readFileSync(lock, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && processAlive(holder)) return { ok: false, holder };
      rmSync(lock, { force: true });
    }
  }
  return { ok: false, holder: 0 };
}
