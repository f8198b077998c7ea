/**
 * The packed model handed to the portal's process through a file in the temporary folder: Node's
 * message channel took about 1.3 s beyond serializing to carry a thousand reports' model (114 MB)
 * to the other process, while the build's next stages waited for the pages; written to a file and
 * read back there, it takes a fraction of that. The process removes the file once read; the build
 * removes it when it ends or is stopped (a build that failed before its pages), and a later build
 * the files of builds that were killed outright.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { whenBuildEnds } from '../pipeline/build-end.ts';
import { whenKilled } from '../pipeline/on-kill.ts';
import { processAlive } from '../pipeline/staging.ts';

const PREFIX = 'nianbao-portal-model-';

/** Chunks written per system call (Linux takes at most 1,024). */
const CHUNKS_AT_ONCE = 512;

/** Writes `chunks` one after another to a new file; its path, or undefined when it could not be written. */
export async function writeModelFile(chunks: readonly Uint8Array[]): Promise<string | undefined> {
  removeDeadFiles();
  const file = path.join(tmpdir(), `${PREFIX}${process.pid}-${randomBytes(6).toString('hex')}`);
  const remove = () => rmSync(file, { force: true });
  const forgetKill = whenKilled(remove);
  whenBuildEnds(async () => {
    forgetKill();
    remove();
  });
  try {
    const handle = await open(file, 'w');
    try {
      for (let i = 0; i < chunks.length; i += CHUNKS_AT_ONCE) {
        const batch = chunks.slice(i, i + CHUNKS_AT_ONCE);
        const size = batch.reduce((n, c) => n + c.byteLength, 0);
        const { bytesWritten } = await handle.writev(batch);
        if (bytesWritten !== size) throw new Error('short write');
      }
    } finally {
      await handle.close();
    }
    return file;
  } catch {
    remove();
    return undefined;
  }
}

/** The bytes of a model file, which is removed once read. */
export function readModelFile(file: string): Buffer {
  try {
    return readFileSync(file);
  } finally {
    rmSync(file, { force: true });
  }
}

/** Model files of builds that are no longer running (killed outright: no handler ran). */
function removeDeadFiles(): void {
  try {
    for (const name of readdirSync(tmpdir())) {
      const pid = Number(new RegExp(`^${PREFIX}(\\d+)-`).exec(name)?.[1]);
      if (pid && pid !== process.pid && !processAlive(pid)) rmSync(path.join(tmpdir(), name), { force: true });
    }
  } catch {
    // The temporary folder cannot be listed: nothing to tidy.
  }
}
