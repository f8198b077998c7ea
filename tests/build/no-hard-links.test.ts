/**
 * Incremental builds where hard links cannot be made (a FAT or exFAT drive, some network shares):
 * every file put back from the last output or the cache is a copy, with an inode of its own. After
 * an edit, the years of combined data files put back are read again for the type's all-years files;
 * the build must not take the copies for files changed during it, and the site must equal a cold
 * build's.
 */
import { statSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { build } from '../../src/build/build.ts';
import { FZ_2021, manifestOf, projectWithYears, replaceIn, withoutPdf } from './projects.ts';

/** Every link refused, as on a file system without hard links. */
const refused = vi.hoisted(() => ({ links: 0 }));
vi.mock('node:fs', async (original) => {
  const fs = await original<typeof import('node:fs')>();
  const linkSync = (() => {
    refused.links++;
    throw Object.assign(new Error('EPERM: operation not permitted, link'), { code: 'EPERM' });
  }) as typeof fs.linkSync;
  return { ...fs, default: { ...fs, linkSync }, linkSync };
});

let project: string;
beforeAll(() => {
  project = projectWithYears('nianbao-no-links-');
});
afterAll(() => rmSync(project, { recursive: true, force: true }));

describe('an incremental build without hard links', () => {
  it('puts back copies, reads a put-back year of data files for its type’s all-years files, and equals a cold build', async () => {
    const first = await build({ target: project, stages: withoutPdf, cache: true });
    expect(first.ok).toBe(true);
    replaceIn(project, `content/reports/${FZ_2021}/02-maodun-jiufen.md`, '矛盾', '矛盾纠纷');
    const log: string[] = [];
    refused.links = 0;
    const dist = path.join(project, 'dist');
    const inodeBefore = statSync(path.join(dist, 'data/fazhi-zhengfu/2022.json')).ino;
    const edited = await build({ target: project, stages: withoutPdf, cache: true, log: (m) => log.push(m) });
    if (!edited.ok) throw new Error(JSON.stringify(edited.error ?? edited.diagnostics));
    // Files were put back (by copies: every link was refused), the 2022 year among them.
    expect(refused.links).toBeGreaterThan(10);
    expect(log).toContain('    各类型的年度数据文件：重新生成 fazhi-zhengfu/2021，沿用 3 个年度。');
    expect(statSync(path.join(dist, 'data/fazhi-zhengfu/2022.json')).ino).not.toBe(inodeBefore);
    const cold = path.join(project, 'cold-dist');
    expect((await build({ target: project, outDir: cold, stages: withoutPdf, cache: false })).ok).toBe(true);
    expect(manifestOf(dist)).toBe(manifestOf(cold));
  });
});
