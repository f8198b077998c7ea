/**
 * A folder of this run's own that outlives the run, for files kept for people to look at
 * (screenshots): outside the run's temporary folder, which is removed at its end (tests/global-setup.ts).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export function keptFolder(prefix: string): string {
  return mkdtempSync(path.join(process.env.NIANBAO_TEST_KEPT_TMPDIR ?? tmpdir(), prefix));
}
