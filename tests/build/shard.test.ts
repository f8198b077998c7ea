/**
 * Sharding: `--shard i/n` splits the reports deterministically, and the shards merged give the
 * same manifest (and so the same bytes) as one unsharded build.
 */
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build/build.ts';
import { mergeShards } from '../../src/build/merge.ts';
import { parseShard, reportsOfShard } from '../../src/pipeline/shard.ts';
import type { ReportModel } from '../../src/content/index.ts';
import { hashes, manifestOf, projectWithYears, withoutPdf } from './projects.ts';

const fake = (slugs: string[]) => slugs.map((slug) => ({ slug }) as ReportModel);

describe('the shard split', () => {
  const reports = fake(['e', 'a', 'd', 'c', 'b', 'f', 'g']);
  it('gives every report to exactly one shard, whatever the order of the model', () => {
    const parts = [1, 2, 3].map((index) => reportsOfShard(reports, { index, count: 3 }).map((r) => r.slug));
    expect(parts.flat().sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    expect(new Set(parts.flat()).size).toBe(7);
    expect(parts.map((p) => p.length)).toEqual([3, 2, 2]);
    const shuffled = fake(['g', 'f', 'e', 'd', 'c', 'b', 'a']);
    expect(reportsOfShard(shuffled, { index: 2, count: 3 }).map((r) => r.slug).sort()).toEqual([...parts[1]!].sort());
  });

  it('reads i/n and refuses anything else in Chinese', () => {
    expect(parseShard('2/3')).toEqual({ ok: true, shard: { index: 2, count: 3 } });
    for (const bad of ['0/2', '3/2', '1-2', '1/0', 'a/b']) {
      const r = parseShard(bad);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.message).toContain('分片');
    }
  });
});

describe('shard builds merged', () => {
  let project: string;
  const out = (name: string) => path.join(project, name);
  beforeAll(() => {
    project = projectWithYears('nianbao-shard-');
  });
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  it('--shard 1/2 and 2/2, merged, give the manifest of the unsharded build', async () => {
    const whole = await build({ target: project, outDir: out('whole'), stages: withoutPdf, cache: false });
    expect(whole.ok).toBe(true);
    for (const index of [1, 2]) {
      const shard = await build({ target: project, outDir: out(`shard-${index}`), stages: withoutPdf, cache: false, shard: { index, count: 2 } });
      expect(shard.ok).toBe(true);
      const docx = Object.keys(hashes(out(`shard-${index}`))).filter((f) => f.endsWith('.docx'));
      expect(docx).toHaveLength(2);
    }
    const merged = await mergeShards({ target: project, from: [out('shard-2'), out('shard-1')], outDir: out('merged') });
    if (!merged.ok) throw new Error(JSON.stringify(merged.error));
    expect(manifestOf(out('merged'))).toBe(manifestOf(out('whole')));
  });

  it('refuses to merge when a shard is missing or damaged, and leaves the output as it was', async () => {
    const before = manifestOf(out('merged'));
    const missing = await mergeShards({ target: project, from: [out('shard-1')], outDir: out('merged') });
    expect(missing.ok).toBe(false);
    expect(!missing.ok && missing.error?.message).toMatch(/缺少 2 份报告的 DOCX 文件/);
    const docx = Object.keys(hashes(out('shard-2'))).find((f) => f.endsWith('.docx'))!;
    writeFileSync(path.join(out('shard-2'), docx), 'damaged');
    const damaged = await mergeShards({ target: project, from: [out('shard-1'), out('shard-2')], outDir: out('merged') });
    expect(!damaged.ok && damaged.error?.message).toContain('与该分片的清单不符');
    expect(manifestOf(out('merged'))).toBe(before);
  });
});
