/**
 * Sharding: `--shard i/n` splits the reports deterministically. The shards built and merged as the
 * README's CI examples do, against an unsharded build: tests/build/ci-matrix.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { parseShard, reportsOfShard } from '../../src/pipeline/shard.ts';
import type { ReportModel } from '../../src/content/index.ts';

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
