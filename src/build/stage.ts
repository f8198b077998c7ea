import type { ContentModel } from '../content/index.ts';
import type { BuildCache } from './cache.ts';
import type { OutputDigests } from './output-digests.ts';
import type { Shard } from './shard.ts';

/** What every build stage receives. Stages read the model only, never the content files. */
export interface BuildContext {
  model: ContentModel;
  /** Project root (holding content/ and templates/). */
  root: string;
  /** The folder being built; it becomes dist/ only when every stage succeeded. */
  outDir: string;
  /** One line of progress for the person watching the build. */
  log(message: string): void;
  /** The output cache, when the build uses one (see cached-stages.ts). */
  cache?: BuildCache;
  /** Digests of files already known when they were put in place (for the manifest). */
  digests?: OutputDigests;
  /** Only this share of the reports gets its PDF and DOCX (CI matrices; see shard.ts). */
  shard?: Shard;
}

export interface BuildStage {
  id: string;
  /** Chinese name shown in progress output, e.g. 生成 DOCX. */
  label: string;
  run(ctx: BuildContext): Promise<void>;
}

/** Output file names, shared by every stage that writes or links them. */
export const outputPaths = {
  docx: (slug: string) => `downloads/${slug}.docx`,
  pdf: (slug: string) => `downloads/${slug}.pdf`,
};
