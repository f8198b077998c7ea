/**
 * Assembling one site from shard builds (`nianbao build --shard i/n`): the portal from the first
 * shard, each report's PDF and Word file from the shard that made it, then the download links
 * and one manifest over the whole. Every shard file is checked against its shard's manifest, so a
 * damaged CI artifact stops the merge; shards built from other content are refused.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ContentModel } from '../content/index.ts';
import { buildIdentity } from '../integrity/build-identity.ts';
import { manifestStage } from '../integrity/manifest-stage.ts';
import { MANIFEST_FILE, PAGES_FILE, parseManifest, type Manifest } from '../integrity/manifest.ts';
import { refreshDownloadLinks } from '../web/downloads.ts';
import { build, type BuildOptions, type BuildResult } from './build.ts';
import { sha256 } from '../store/cache-store.ts';
import type { BuildStage, OutputFormat } from '../pipeline/stage.ts';

interface ShardOutput {
  dir: string;
  manifest: Manifest;
  hashes: Map<string, string>;
}

function readShard(dir: string, content: string): ShardOutput {
  const file = path.join(dir, MANIFEST_FILE);
  if (!existsSync(file)) throw new Error(`${dir} 里没有 ${MANIFEST_FILE}：它不是 nianbao build --shard 的输出文件夹。`);
  const parsed = parseManifest(readFileSync(file, 'utf8'));
  if (!parsed.ok) throw new Error(`${dir}/${MANIFEST_FILE}：${parsed.message}`);
  if (parsed.manifest.build.content.sha256 !== content) {
    throw new Error(`${dir} 是用另一版内容构建的（内容版本 ${parsed.manifest.build.content.sha256.slice(0, 12)}，当前 ${content.slice(0, 12)}）：请用同一版内容重新构建各分片。`);
  }
  return { dir, manifest: parsed.manifest, hashes: new Map(parsed.manifest.files.map((f) => [f.path, f.sha256])) };
}

/** A shard's file, checked against the hash its manifest recorded. */
function shardFile(shard: ShardOutput, rel: string): Buffer {
  const bytes = readFileSync(path.join(shard.dir, rel));
  if (sha256(bytes) !== shard.hashes.get(rel)) throw new Error(`${shard.dir}/${rel} 与该分片的清单不符（文件在传输中损坏或被改动）。`);
  return bytes;
}

function write(outDir: string, rel: string, bytes: Uint8Array): void {
  const file = path.join(outDir, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, bytes);
}

function perReportFiles(model: ContentModel, formats: readonly OutputFormat[]): Set<string> {
  return new Set(model.reports.flatMap((r) => formats.map((f) => f.file(r.slug))));
}

export function mergeStage(from: readonly string[]): BuildStage {
  return {
    id: 'merge',
    label: '合并分片',
    async run({ model, outDir, log, formats }) {
      if (from.length === 0) throw new Error('没有给出要合并的分片文件夹。');
      const content = buildIdentity(model.contentDir).content.sha256;
      const shards = from.map((dir) => readShard(path.resolve(dir), content));
      const perReport = perReportFiles(model, formats);
      // The portal: identical in every shard but for the download links, which are redone below.
      const [first] = shards;
      let pages = 0;
      for (const rel of first!.hashes.keys()) {
        if (perReport.has(rel) || rel === PAGES_FILE) continue;
        write(outDir, rel, shardFile(first!, rel));
        pages++;
      }
      // Each report's files, from whichever shard made them; a format some shard made must be complete.
      for (const format of formats) {
        const made = shards.some((s) => model.reports.some((r) => s.hashes.has(format.file(r.slug))));
        if (!made) continue;
        const missing: string[] = [];
        for (const report of model.reports) {
          const rel = format.file(report.slug);
          const holders = shards.filter((s) => s.hashes.has(rel));
          if (holders.length === 0) {
            missing.push(report.slug);
            continue;
          }
          if (new Set(holders.map((s) => s.hashes.get(rel))).size > 1) throw new Error(`${rel} 在两个分片里内容不同：分片的设置或 nianbao 版本不一致。`);
          write(outDir, rel, shardFile(holders[0]!, rel));
        }
        if (missing.length) throw new Error(`缺少 ${missing.length} 份报告的 ${format.name}（如 ${missing.slice(0, 3).join('、')}）：是不是漏了某个分片？`);
      }
      refreshDownloadLinks(outDir, model, formats);
      log(`已合并 ${shards.length} 个分片：${pages} 个网站文件，${model.reports.length} 份报告的下载文件。`);
    },
  };
}

export interface MergeOptions extends Pick<BuildOptions, 'target' | 'outDir' | 'basePath' | 'log' | 'cache'> {
  /** The shard output folders, in any order. */
  from: string[];
}

/** Builds the merged site like any build: into a staging folder, swapped in only when complete. */
export function mergeShards(options: MergeOptions): Promise<BuildResult> {
  return build({ ...options, stages: [mergeStage(options.from), manifestStage] });
}
