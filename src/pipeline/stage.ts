import type { ContentModel } from '../content/index.ts';
import type { OutputStore } from '../store/cache-store.ts';
import type { OutputDigests } from './output-digests.ts';
import type { OutputFormat } from './output-format.ts';
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
  /** The output cache, when the build uses one (src/build/cache.ts holds the rest of it). */
  cache?: StageCache;
  /** Digests of files already known when they were put in place (for the manifest). */
  digests?: OutputDigests;
  /** Only this share of the reports gets its PDF and DOCX (CI matrices; see shard.ts). */
  shard?: Shard;
  /** The document forms this build makes; the public copy when unset. */
  forms?: readonly DocumentForm[];
  /** Every output format nianbao has (src/formats/registry.ts): where each file goes and whether the report page links to it. */
  formats: readonly OutputFormat[];
}

/** What a stage may use of the build's cache: its store (the PDF stage keeps font subsets there). */
export interface StageCache {
  readonly store: OutputStore;
}

export interface BuildStage {
  id: string;
  /** Chinese name shown in progress output, e.g. 生成 DOCX. */
  label: string;
  run(ctx: BuildContext): Promise<void>;
}

/** The forms a build makes: the public copy always, the filing copy (备案件) when asked for. */
export type DocumentForm = 'public' | 'filing';
