import path from 'node:path';
import { build, type BuildResult } from '../../build/build.ts';
import { mergeShards } from '../../build/merge.ts';
import { parseShard } from '../../pipeline/shard.ts';
import type { DocumentForm } from '../../pipeline/stage.ts';
import { resolveProject } from '../../content/index.ts';
import { checkOutputFolder } from '../../paths/output-folder.ts';
import { formatDiagnostic, summarize } from '../../diagnostics/print.ts';

export interface BuildCommandOptions {
  out?: string;
  base?: string;
  /** `i/n`: only this share of the reports' PDF and Word files. */
  shard?: string;
  /** false with --no-cache. */
  cache?: boolean;
  /** Days an unused cache entry is kept, pruning now (`--cache-keep`). */
  cacheKeep?: string;
  /** Per-report progress lines even in CI. */
  verbose?: boolean;
  /** `filing` adds the filing copies (备案件); `public` makes the public copies only. */
  form?: string;
}

/** `--form filing` / `--form public` (also `public,filing`); an unknown form is a usage error. */
export function parseForms(text: string | undefined): { ok: true; forms?: DocumentForm[] } | { ok: false; message: string } {
  if (text === undefined) return { ok: true };
  const names = text.split(/[,，\s]+/).filter(Boolean);
  const unknown = names.filter((n) => n !== 'public' && n !== 'filing');
  if (unknown.length || names.length === 0) {
    return { ok: false, message: `文件形式“${text}”不认识：可写 filing（同时生成备案件）或 public（只生成公开版）。` };
  }
  return { ok: true, forms: ['public', ...(names.includes('filing') ? (['filing'] as const) : [])] };
}

/** `--cache-keep <天数>`: a whole number of days, 0 or more. */
export function parseCacheKeep(text: string | undefined, cache: boolean): { ok: true; days?: number } | { ok: false; message: string } {
  if (text === undefined) return { ok: true };
  if (!cache) return { ok: false, message: '--cache-keep 与 --no-cache 不能同时用：不用缓存的构建不清理缓存。' };
  const trimmed = text.trim();
  if (!/^\d{1,5}$/.test(trimmed)) return { ok: false, message: `--cache-keep 要写天数（0 或正整数），如 --cache-keep 7；“${text}”不是。` };
  return { ok: true, days: Number(trimmed) };
}

/**
 * Progress for the person watching: a line per stage, and per report when someone is at a
 * terminal. CI logs (CI=true or no TTY) keep the stage lines only, unless --verbose.
 */
export function progressLog(verbose = false): (message: string) => void {
  const detailed = verbose || (Boolean(process.stdout.isTTY) && !process.env.CI);
  return (m) => {
    if (detailed || !m.startsWith('    ')) console.log(m);
  };
}

/** `nianbao build [path]`: check, then render every output into dist/ (atomically). */
export async function buildCommand(target: string, options: BuildCommandOptions): Promise<number> {
  const started = performance.now();
  const shard = options.shard === undefined ? undefined : parseShard(options.shard);
  if (shard && !shard.ok) {
    console.error(`✗ ${shard.message}`);
    return 2;
  }
  const forms = parseForms(options.form);
  if (!forms.ok) {
    console.error(`✗ ${forms.message}`);
    return 2;
  }
  const keep = parseCacheKeep(options.cacheKeep, options.cache ?? true);
  if (!keep.ok) {
    console.error(`✗ ${keep.message}`);
    return 2;
  }
  if (!outFolderAllowed(options.out, target)) return 2;
  const result = await build({
    ...(keep.days !== undefined ? { cacheKeepDays: keep.days } : {}),
    ...(forms.forms ? { forms: forms.forms } : {}),
    target,
    outDir: options.out,
    basePath: options.base ?? (process.env.NIANBAO_BASE || undefined),
    log: progressLog(options.verbose),
    cache: options.cache ?? true,
    shard: shard?.shard,
  });
  return report(result, started);
}

/** `nianbao merge <分片文件夹...>`: one dist/ and one manifest from the shard builds. */
export async function mergeCommand(from: string[], options: { out?: string; base?: string; project?: string }): Promise<number> {
  const started = performance.now();
  if (!outFolderAllowed(options.out, options.project ?? '.')) return 2;
  const result = await mergeShards({
    target: options.project ?? '.',
    from,
    outDir: options.out,
    basePath: options.base ?? (process.env.NIANBAO_BASE || undefined),
    log: (m) => console.log(m),
    cache: true,
  });
  return report(result, started);
}

/** `--out` may name any folder except one whose replacement would destroy the project or other files (src/paths/output-folder.ts). */
function outFolderAllowed(out: string | undefined, target: string): boolean {
  if (out === undefined) return true;
  const verdict = checkOutputFolder(out, resolveProject(target));
  if (verdict.ok) return true;
  console.error(`✗ ${verdict.message}`);
  console.error('  怎么办：--out 指定一个新的或空的文件夹，或以前构建的输出文件夹（里面有 manifest.json）；默认是项目的 dist/。没有改动任何文件。');
  return false;
}

function report(result: BuildResult, started: number): number {
  for (const d of result.diagnostics) console.log(`${formatDiagnostic(d)}\n`);
  if (!result.ok) {
    if (result.error) {
      console.error(`✗ 构建失败：${result.error.stage}出错：${result.error.message}`);
    } else {
      console.error(summarize(result.diagnostics, undefined));
    }
    console.error('  原有的输出文件夹没有改动。');
    return 1;
  }
  const secs = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`✓ 构建完成（${secs} 秒）：${path.relative(process.cwd(), result.outDir) || '.'}/`);
  return 0;
}
