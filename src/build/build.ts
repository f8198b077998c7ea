import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { loadContent } from '../content/index.ts';
import type { BuildStage } from './stage.ts';
import { stages as defaultStages } from './stages.ts';

export interface BuildOptions {
  /** Project folder or content folder. */
  target: string;
  /** Where the finished site goes; default `<project>/dist`. */
  outDir?: string;
  basePath?: string;
  stages?: BuildStage[];
  log?: (message: string) => void;
}

export type BuildResult =
  | { ok: true; outDir: string; diagnostics: Diagnostic[]; seconds: Record<string, number> }
  | { ok: false; diagnostics: Diagnostic[]; error?: { stage: string; message: string } };

/**
 * Builds everything into a staging folder beside dist/ and swaps it in only when every stage
 * succeeded: a failed or interrupted build leaves the previous dist/ exactly as it was.
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const log = options.log ?? (() => {});
  const loaded = loadContent(options.target, { basePath: options.basePath });
  if (!loaded.ok) return { ok: false, diagnostics: loaded.diagnostics };
  const { model } = loaded;
  const outDir = path.resolve(options.outDir ?? path.join(model.root, 'dist'));
  const parent = path.dirname(outDir);
  mkdirSync(parent, { recursive: true });
  const staging = path.join(parent, `.nianbao-tmp-${process.pid}-${path.basename(outDir)}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const cleanup = () => rmSync(staging, { recursive: true, force: true });
  process.once('SIGINT', cleanup);
  process.once('SIGTERM', cleanup);

  const seconds: Record<string, number> = {};
  const list = options.stages ?? defaultStages;
  log(`读取内容：${model.reports.length} 份报告，检查通过。`);
  try {
    for (const [i, stage] of list.entries()) {
      const started = performance.now();
      log(`[${i + 1}/${list.length}] ${stage.label}…`);
      try {
        await stage.run({ model, root: model.root, outDir: staging, log: (m) => log(`    ${m}`) });
      } catch (e) {
        cleanup();
        return { ok: false, diagnostics: loaded.diagnostics, error: { stage: stage.label, message: (e as Error).message } };
      }
      seconds[stage.id] = (performance.now() - started) / 1000;
    }
    const old = path.join(parent, `.nianbao-old-${process.pid}-${path.basename(outDir)}`);
    if (existsSync(outDir)) renameSync(outDir, old);
    renameSync(staging, outDir);
    rmSync(old, { recursive: true, force: true });
  } finally {
    process.removeListener('SIGINT', cleanup);
    process.removeListener('SIGTERM', cleanup);
  }
  return { ok: true, outDir, diagnostics: loaded.diagnostics, seconds };
}
