import type { ContentModel, ReportModel } from '../content/index.ts';
import type { OutputStore } from '../store/cache-store.ts';
import type { FileDigest } from '../store/files.ts';
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
  /** A line the build log shows even in CI, where progress lines are left out: what the reader of the outputs must know. */
  notice?(message: string): void;
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
  /**
   * Leaves work running beside the stages after this one (the search index, a process of its own,
   * beside the printing, which leaves a core idle much of the time). The build finishes it before
   * a stage that reads every file (`readsAll`) and before it publishes; if it fails, the build
   * fails with this stage's name. Without it (a stage run on its own) the stage waits itself.
   */
  beside?(what: string, work: Promise<void>): void;
  /** What the stage's own `early` gave, when the build ran it (BuildStage.early); in the context, so that a stage wrapped by another gets it too. */
  early?: unknown;
}

/** What a stage may use of the build's cache: its store (the PDF stage keeps font subsets there), and the last output. */
export interface StageCache {
  readonly store: OutputStore;
  /** The output this folder last published, when the build has its record (src/build/previous-output.ts). */
  lastOutput?(): LastOutput | undefined;
}

/** The last published output of the folder being built. */
export interface LastOutput {
  /** The fingerprint of the code that built it (toolFingerprint); unknown for older records. */
  readonly tool?: string;
  /** Each file's SHA-256 as published. */
  readonly files: Readonly<Record<string, string>>;
  /**
   * Puts its file `rel` at `dest` (a hard link, else a copy) when the file still holds the
   * published bytes (checked by its recorded stamp, or read and hashed), and gives its digest;
   * nothing is placed and undefined given when it is missing or changed.
   */
  place(rel: string, dest: string): FileDigest | undefined;
  /** The bytes of its file `rel` when it still holds the published ones (checked as `place` checks them); else undefined. */
  read(rel: string): Buffer | undefined;
}

export interface BuildStage {
  id: string;
  /** Chinese name shown in progress output, e.g. 生成 DOCX. */
  label: string;
  run(ctx: BuildContext): Promise<void>;
  /** The stage reads what every other stage wrote (the manifest): work left running beside the stages is finished first. */
  readsAll?: boolean;
  /**
   * For a stage that reads all: what it can do while the work left beside the earlier stages
   * finishes (a core is then idle), reading only the pages, which that work (the search index, the
   * combined data files) never writes. Its result reaches `run` as `ctx.early`; `run` checks that it still holds.
   */
  early?(ctx: BuildContext): Promise<unknown>;
  /**
   * Starts, once the content is read and before the first stage runs, what the stage will need and
   * can have ready meanwhile (the portal's process, while the Word files are made). Given the
   * build's model and cache, so that a stage that will reuse its last output starts nothing. What
   * goes unused must not keep the process alive.
   */
  prestart?(ctx: Pick<BuildContext, 'model' | 'cache' | 'shard' | 'formats'>): void;
  /**
   * Starts, as a first build begins or as soon as a rebuild finds changed content (while it is
   * still reading the rest), what needs no model: the portal's process loads its code meanwhile,
   * and given the site's settings (site.yaml read ahead; undefined when it cannot be read), has
   * the pages compiled. Not called on a rebuild when nothing changed. What goes unused must not
   * keep the process alive. Gives a way to stop what it started, resolved once it has stopped: a
   * build that stops at its content (or before its first stage) leaves nothing running.
   */
  warm?(site: ContentModel['site'] | undefined): (() => Promise<void>) | void;
}

/**
 * A stage known by its id and label whose code is loaded when it first runs: output formats declare
 * their stages this way, so that commands that build nothing start without their libraries.
 */
export function lazyStage(name: { id: string; label: string }, load: () => Promise<BuildStage>): BuildStage {
  return { ...name, run: async (ctx) => (await load()).run(ctx) };
}

/** The forms a build makes: the public copy always, the filing copy (备案件) when asked for. */
export type DocumentForm = 'public' | 'filing';

/**
 * An output format: one file per report that a build makes (the Word file, the PDF, their filing
 * copies). Each format is declared in its own folder (src/docx/format.ts, src/pdf/format.ts) and
 * listed once in src/formats/registry.ts; the build, its cache, the report page's download links
 * and the live preview read these declarations and never name a format themselves.
 */

export interface OutputFormat {
  /** Its stage's id, its folder in the cache and its name in the preview's addresses: a-z, 0-9 and '-'. */
  id: string;
  /** The copy it belongs to: the public copy, or the filing copy (备案件) made when asked for. */
  form: DocumentForm;
  /** The file's path under the site, e.g. `downloads/<slug>.pdf`. */
  file(slug: string): string;
  /** The MIME type it is served with. */
  mediaType: string;
  /** Its Chinese name in messages, e.g. 备案件 PDF 文件. */
  name: string;
  /** Set when the report page links to the file: the link's text, and its place among the links. */
  download?: {
    order: number;
    /** With the file's size, e.g. `PDF 版（1.2 MB）`. */
    label(size: string): string;
    /** In the live preview, where the file is made on demand and has no size yet. */
    previewLabel: string;
  };
  /**
   * Set when the file is printed from a page of the portal (its path for a report): the format is
   * then made after the portal, and a portal reused from the last build must still hold that page
   * for any report whose file is not in the cache.
   */
  printPage?(base: string, slug: string): string;
  /**
   * Set when the file is made from another format's file of the same report, as the OFD copy is
   * from the printed PDF: its stage runs after that format's, and so after the portal.
   */
  madeFrom?: OutputFormat;
  /** What the file is made from besides the report's own inputs, for its cache key. */
  cacheInputs: {
    /** Last year's report of the series, which the file compares its figures with. */
    previousReport?: boolean;
    /** Tools and files outside the content (the fonts/ folder, the browser): a digest, computed once a build. */
    tools?(root: string): string;
  };
  /** Its build stage, given every form this build makes. */
  stage(forms: readonly DocumentForm[]): BuildStage;
  /**
   * Starts, as a build with its stage begins, what the stage will need and can have ready before
   * the content is read (the Word stage's worker threads load their code meanwhile). What goes
   * unused must not keep the process alive. `reports`: the report folders the content holds, before
   * they are read, then the reports whose file the cache lacks, once it is read (a stage that works
   * on the main thread for a handful starts no threads). `root`: the project's folder.
   */
  prestart?(reports: number, root: string): void;
  /** Makes one report's file on demand for `nianbao dev`, from the preview site at `siteUrl`. */
  preview?(report: ReportModel, env: { root: string; model: ContentModel; siteUrl: string }): Promise<Uint8Array>;
}

/** The formats of a build: those of the forms it makes, in the registry's order. */
export const formatsOfForms = (formats: readonly OutputFormat[], forms: readonly DocumentForm[]): OutputFormat[] => formats.filter((f) => forms.includes(f.form));

/** The formats the report page links to, in the order of their links. */
export const pageDownloads = (formats: readonly OutputFormat[]): OutputFormat[] => formats.filter((f) => f.download).sort((a, b) => a.download!.order - b.download!.order);

/** A file type the site serves: its extension (no dot) and MIME type. */
export type FileType = readonly [extension: string, mediaType: string];

/** The file types of the output formats, once each: what web servers must send them as. */
export function outputFileTypes(formats: readonly OutputFormat[]): FileType[] {
  const types = new Map<string, string>();
  for (const f of formats) types.set(f.file('x').replace(/^.*\./, ''), f.mediaType);
  return [...types];
}

/** Formats whose files are made after the portal is built: its pages' download links are refreshed once they exist. */
export const madeAfterPortal = (format: OutputFormat): boolean => Boolean(format.printPage || format.madeFrom);
