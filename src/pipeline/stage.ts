import type { ContentModel } from '../content/index.ts';
import type { OutputStore } from '../store/cache-store.ts';
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
  /** The output cache, when the build uses one (src/build/cache.ts holds the rest of it). */
  cache?: StageCache;
  /** Digests of files already known when they were put in place (for the manifest). */
  digests?: OutputDigests;
  /** Only this share of the reports gets its PDF and DOCX (CI matrices; see shard.ts). */
  shard?: Shard;
  /** The document forms this build makes; the public copy when unset. */
  forms?: readonly DocumentForm[];
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

/** A report's output files: the public copy's and the filing copy's (备案件, -beian) Word and PDF files. */
export type OutputKind = 'docx' | 'pdf' | 'docx-filing' | 'pdf-filing';

/** Output file names, shared by every stage that writes or links them. */
export const outputPaths: Record<OutputKind, (slug: string) => string> = {
  docx: (slug) => `downloads/${slug}.docx`,
  pdf: (slug) => `downloads/${slug}.pdf`,
  'docx-filing': (slug) => `downloads/${slug}-beian.docx`,
  'pdf-filing': (slug) => `downloads/${slug}-beian.pdf`,
};

/** Every kind, in the order the stages make them. */
export const OUTPUT_KINDS: readonly OutputKind[] = ['docx', 'docx-filing', 'pdf', 'pdf-filing'];

/** The forms a build makes: the public copy always, the filing copy (备案件) when asked for. */
export type DocumentForm = 'public' | 'filing';
