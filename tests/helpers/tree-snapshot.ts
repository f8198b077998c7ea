import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';

/** Every entry under `dir` with a hash of its bytes (or link target): equal snapshots mean nothing was written. */
export function treeSnapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const name of readdirSync(path.join(dir, rel)).sort()) {
      const child = path.join(rel, name);
      const st = lstatSync(path.join(dir, child));
      if (st.isSymbolicLink()) out[child] = `link:${readlinkSync(path.join(dir, child))}`;
      else if (st.isDirectory()) {
        out[`${child}/`] = 'dir';
        walk(child);
      } else out[child] = createHash('sha256').update(readFileSync(path.join(dir, child))).digest('hex');
    }
  };
  walk('');
  return out;
}
