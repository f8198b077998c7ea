/**
 * The portal's compiled pages, kept per version of nianbao's code and per site address. Astro
 * bundles the same pages with Vite in every build (about a second of CPU, and as long again for
 * loading Astro and Vite), though only the model differs between builds: the pages read it at
 * render time (model.ts). The first build of a code version keeps what Astro bundled (capture in
 * bundle-capture.ts); the next ones render the pages from it (bundle-render.ts) without Astro's
 * build. A bundle lives inside nianbao's folder: its modules import nianbao's packages by name.
 */
import { createHash } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { processAlive } from '../pipeline/staging.ts';
import { toolFingerprint } from '../store/tool-fingerprint.ts';

/** Raised when the way a bundle is kept changes: older bundles are then not read. */
const FORMAT = 'nianbao-portal-bundle/1';
/** Bundles kept: a checkout builds one or two sites; a test run a handful of base paths. */
const KEEP = 12;
/** How often a build waiting for another's compile looks again, and how long it waits at most before compiling itself. */
const CLAIM_POLL_MS = 200;
const CLAIM_WAIT_MS = 5 * 60_000;

const StyleSchema = z.object({ depth: z.number(), order: z.number(), sheet: z.looseObject({ type: z.string() }) });
/** One page's stylesheets, as Astro lists them for it. */
export type PageStyles = z.infer<typeof StyleSchema>[];

/** What Astro's page generation needs besides the modules: each page's stylesheets, by Astro's page key. */
export const BundleInfoSchema = z.object({
  format: z.literal(FORMAT),
  /** The prerender entry, a file name in `prerender/`. */
  entry: z.string().regex(/^[\w.-]+\.mjs$/),
  styles: z.array(z.tuple([z.string(), z.array(StyleSchema)])),
});
export type BundleInfo = z.infer<typeof BundleInfoSchema>;

/** A complete bundle: `prerender/` (the server modules), `assets/` (files the site carries before any page: scripts, stylesheets, public files). */
export interface PortalBundle {
  dir: string;
  info: BundleInfo;
}

/** The site's address goes into the compiled pages (Astro's `base` and `site`); all else reaches them at render time. */
export function bundleKey(site: { basePath: string; domain?: string | undefined }): string {
  return createHash('sha256')
    .update([FORMAT, toolFingerprint(), site.basePath, site.domain ?? ''].join('\n'))
    .digest('hex')
    .slice(0, 24);
}

export class BundleStore {
  readonly dir: string;
  constructor(dir: string) {
    this.dir = dir;
  }

  /** The bundle kept under `key`, if it is there whole (its info file is written last, then the folder renamed into place). */
  find(key: string): PortalBundle | undefined {
    const dir = path.join(this.dir, key);
    try {
      const info = BundleInfoSchema.parse(JSON.parse(readFileSync(path.join(dir, 'info.json'), 'utf8')));
      if (!existsSync(path.join(dir, 'prerender', info.entry))) return undefined;
      markUsed(dir);
      return { dir, info };
    } catch {
      return undefined;
    }
  }

  /**
   * The right to compile `key`, taken once no other live process holds it: builds started side by
   * side (a CI matrix's shard jobs on one runner, a test run) each found no bundle, and would each
   * have had Astro compile the same pages (some seconds of CPU apiece); now one compiles and the
   * others wait for it, then find its bundle. The claim is a file naming the process, made whole
   * before it is linked into place; one left by a process that is gone, or held longer than
   * CLAIM_WAIT_MS, is taken over. Resolves to the function that gives the claim up; undefined when
   * the store cannot be written (nothing is kept there either).
   */
  async claim(key: string): Promise<(() => void) | undefined> {
    const file = path.join(this.dir, `.compiling-${key}`);
    // Named as an unfinished bundle is: a process killed while it waits leaves it for `prune`.
    const mine = path.join(this.dir, `.new-${process.pid}-claim-${Math.random().toString(36).slice(2)}`);
    try {
      mkdirSync(this.dir, { recursive: true });
      writeFileSync(mine, String(process.pid));
    } catch {
      return undefined;
    }
    // The holder waited for, and since when: a new holder (one that took over) is given its own time.
    let holder: number | undefined;
    let since = Date.now();
    try {
      for (;;) {
        try {
          linkSync(mine, file);
          return () => {
            // Only our own: one held too long may have been taken over meanwhile.
            if (readOwner(file) === process.pid) rmSync(file, { force: true });
          };
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return undefined;
        }
        const owner = readOwner(file);
        if (owner === undefined) continue;
        if (owner !== holder) [holder, since] = [owner, Date.now()];
        // Two takers of a stale claim may both get it: then both compile, as before there were
        // claims, and `commit` keeps the first bundle.
        if (owner <= 0 || !processAlive(owner) || Date.now() - since > CLAIM_WAIT_MS) {
          rmSync(file, { force: true });
          continue;
        }
        await sleep(CLAIM_POLL_MS);
      }
    } finally {
      rmSync(mine, { force: true });
    }
  }

  /** Removes a kept bundle that could not be loaded, so that the build's own replaces it. */
  discard(key: string): void {
    rmSync(path.join(this.dir, key), { recursive: true, force: true });
  }

  /** Removes a folder `begin` made, when the bundle could not be assembled. */
  abandon(assembled: string): void {
    rmSync(assembled, { recursive: true, force: true });
  }

  /** A folder to assemble a bundle in, inside the store, so that `commit` only renames it. */
  begin(): string {
    mkdirSync(this.dir, { recursive: true });
    const dir = path.join(this.dir, `.new-${process.pid}-${Math.random().toString(36).slice(2)}`);
    mkdirSync(dir);
    return dir;
  }

  /** Puts an assembled bundle in place; another build that got there first keeps its own. */
  commit(assembled: string, key: string, info: Omit<BundleInfo, 'format'>): void {
    writeFileSync(path.join(assembled, 'info.json'), JSON.stringify({ format: FORMAT, ...info } satisfies BundleInfo));
    try {
      renameSync(assembled, path.join(this.dir, key));
    } catch {
      rmSync(assembled, { recursive: true, force: true });
    }
    this.prune(key);
  }

  /** Keeps the most recently used bundles; removes unfinished ones of processes that are gone. */
  private prune(current: string): void {
    const entries = readdirSync(this.dir).map((name) => {
      const full = path.join(this.dir, name);
      let used = 0;
      try {
        used = statSync(full).mtimeMs;
      } catch {
        // Removed meanwhile by another build.
      }
      return { name, full, used };
    });
    for (const e of entries) {
      const pid = /^\.new-(\d+)-/.exec(e.name)?.[1];
      if (pid && Number(pid) !== process.pid && !processAlive(Number(pid))) rmSync(e.full, { recursive: true, force: true });
    }
    const kept = entries.filter((e) => !e.name.startsWith('.')).sort((a, b) => b.used - a.used);
    for (const e of kept.slice(KEEP)) if (e.name !== current) rmSync(e.full, { recursive: true, force: true });
  }
}

/** The process named in a claim file; undefined when there is none (given up meanwhile). */
function readOwner(file: string): number | undefined {
  try {
    return Number(readFileSync(file, 'utf8')) || 0;
  } catch {
    return undefined;
  }
}

/** Marks a bundle used, for pruning; a store that cannot be written (shared read-only) is still read. */
function markUsed(dir: string): void {
  try {
    const now = new Date();
    utimesSync(dir, now, now);
  } catch {
    // Pruning then goes by when it was kept.
  }
}

/** nianbao's folder, which the bundles' modules import its packages from. */
const NIANBAO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Where bundles are kept unless the caller says otherwise: inside nianbao, beside the working
 * folders, or where NIANBAO_PORTAL_BUNDLES says (`off`: none kept; the benchmark gives each
 * corpus its own, so that its cold builds start without).
 */
export function defaultBundleStore(): BundleStore | undefined {
  const set = process.env.NIANBAO_PORTAL_BUNDLES;
  if (set === 'off') return undefined;
  return new BundleStore(set ? path.resolve(set) : path.join(NIANBAO_ROOT, '.cache', 'portal-bundles'));
}
