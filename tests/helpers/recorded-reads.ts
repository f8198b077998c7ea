/**
 * node:fs with `readFileSync` noting every path it reads, for a test that must show a file was not
 * read (a file trusted by its stamp). In the test file:
 *   const reads = vi.hoisted(() => [] as string[]);
 *   vi.mock('node:fs', async (original) => (await import('../helpers/recorded-reads.ts')).recordingFs(await original(), reads));
 * It applies to the modules the test file loads, not to other processes (Astro's).
 */
import type * as Fs from 'node:fs';

export function recordingFs(fs: typeof Fs, reads: string[]): typeof Fs {
  const readFileSync = ((file: Fs.PathOrFileDescriptor, ...rest: unknown[]) => {
    reads.push(String(file));
    return (fs.readFileSync as (...a: unknown[]) => unknown)(file, ...rest);
  }) as typeof fs.readFileSync;
  return { ...fs, default: { ...fs, readFileSync }, readFileSync } as typeof Fs;
}
