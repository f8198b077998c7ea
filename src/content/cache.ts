/**
 * The load cache: one entry per report folder, keyed by the bytes of its files, the templates,
 * site.yaml and nianbao's own code. An entry holds what loading and linting that folder gave: the
 * validated ReportModel (template by reference) and every diagnostic, which are replayed, so a
 * cached build reports exactly what a fresh one would. A missing, corrupt or foreign entry is a
 * miss; the template an entry names must still be in the registry, or it is a miss too.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { OutputStore, sha256 } from '../store/cache-store.ts';
import { toolFingerprint } from '../store/tool-fingerprint.ts';
import { byCodeUnits, inputDigestsUnder, inputFileSha256, rememberInputDigests } from '../store/files.ts';
import type { ReportMeta } from '../schema/report.ts';
import { lazyJsonProperty, type JsonText } from '../store/lazy-json.ts';
import type { EntryPart } from '../store/entry-part.ts';
import { rememberFigures, storedFigures, type StoredFigures } from './metric-values.ts';
import type { ReportModel } from './model.ts';
import type { TemplateRegistry } from './templates.ts';

const FORMAT = 'nianbao-load/5';
/**
 * Parts of a report kept in the entry as JSON lines of their own after the head (lazy-json.ts),
 * parsed, and decoded, only when read: by the pages, prints and files made of the report itself.
 * The checks across reports and the keys of other reports' outputs read the figures' values and
 * digest kept in the head (metric-values.ts), not the figures. At a thousand reports these parts are
 * nine tenths of an entry's bytes, and the figures (about 200 small objects a 信息公开 report) most
 * of the time parsing took: a rebuild after one edit parsed some 100 MB of entries in about a second.
 * Nor are they read from the entry unless used (the head gives where each lies).
 */
const LAZY_PARTS = ['sections', 'metrics', 'rules', 'tables'] as const satisfies readonly (keyof ReportModel)[];
const KIND = 'load';
/** The content files' stamps and digests at the last load, beside the entries. */
const INPUTS_FILE = 'inputs.json';
const INPUTS_FORMAT = 'nianbao-inputs/1';

export interface LoadedReport {
  report?: ReportModel;
  /** report.yaml as validated, also when the report has errors. */
  meta?: ReportMeta;
  diagnostics: Diagnostic[];
}

type StoredReport = Omit<ReportModel, 'template' | 'dir' | (typeof LAZY_PARTS)[number]> & {
  template: { id: string; version: string };
  /** The figures' values and digest (metric-values.ts), for what reads other reports' figures. */
  figures: StoredFigures;
  /** The model's keys in their order (the lazy parts are not in the head). */
  order: string[];
};

/**
 * An entry's head, the first line of its bytes; a report's lazy parts follow, a line each, in
 * LAZY_PARTS order (JSON text holds no raw newline). The head gives each part's length and digest:
 * an entry trusted by its stamp is read no further than its head, and a part is read, and checked,
 * where it is used (entry-part.ts), in this process or the portal's.
 */
interface Entry {
  format: string;
  key: string;
  diagnostics: Diagnostic[];
  meta?: ReportMeta;
  report?: StoredReport;
  /** The lazy parts' lengths in bytes and SHA-256 digests, in LAZY_PARTS order (with `report`). */
  parts?: [number, string][];
}

const validPart = (p: unknown): p is [number, string] =>
  Array.isArray(p) && p.length === 2 && Number.isSafeInteger(p[0]) && (p[0] as number) >= 0 && typeof p[1] === 'string' && /^[0-9a-f]{64}$/.test(p[1]);

/** SHA-256 over a report folder's files (names and bytes, sorted): what the loader reads of it. */
export function hashReportFolder(dir: string): string {
  const parts: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => byCodeUnits(a.name, b.name))) {
    const abs = path.join(dir, entry.name);
    // The entry's own type answers for all but links, which are followed.
    if (!(entry.isSymbolicLink() ? statSync(abs).isFile() : entry.isFile())) continue;
    parts.push(`${entry.name}\0${inputFileSha256(abs)}`);
  }
  return sha256(parts.join('\n'));
}

/** What every entry of one load shares: the templates, site.yaml, issuers.yaml and the code that reads them. */
export function loadContextKey(registry: TemplateRegistry, siteYaml: Buffer | undefined, issuersYaml?: Buffer): string {
  const templates = [...registry.byType.values()].flat().map((e) => e.template);
  return sha256([FORMAT, toolFingerprint(), JSON.stringify(templates), siteYaml ? sha256(siteYaml) : '-', issuersYaml ? sha256(issuersYaml) : '-'].join('\n'));
}

export class LoadCache {
  /** Told of the first miss (LoadOptions.onChange). */
  private readonly onMiss?: () => void;
  readonly store: OutputStore;
  readonly contextKey: string;
  hits = 0;
  misses = 0;
  /** Each report folder's digest (hashReportFolder) as this load read it, by absolute path. */
  readonly folders = new Map<string, string>();
  private readonly contentDir: string;
  private readonly inputsFile: string;
  constructor(cacheDir: string, contextKey: string, contentDir: string, onMiss?: () => void) {
    this.onMiss = onMiss;
    this.store = new OutputStore(cacheDir);
    this.contextKey = contextKey;
    this.contentDir = contentDir;
    this.inputsFile = path.join(cacheDir, KIND, INPUTS_FILE);
    // The content files' digests from the last load: a file whose stamp is the same is not read again.
    try {
      const data = JSON.parse(readFileSync(this.inputsFile, 'utf8')) as { format?: string; files?: Record<string, [string, string]> };
      if (data.format === INPUTS_FORMAT && data.files && typeof data.files === 'object') rememberInputDigests(contentDir, data.files);
    } catch {
      // None kept: every file is read and hashed.
    }
  }

  /** Keeps what this load checked for the next one: the entries' stamps and the content files' digests. */
  save(): void {
    this.store.saveVerified();
    const tmp = `${this.inputsFile}.${process.pid}.tmp`;
    try {
      mkdirSync(path.dirname(tmp), { recursive: true });
      writeFileSync(tmp, JSON.stringify({ format: INPUTS_FORMAT, files: inputDigestsUnder(this.contentDir) }));
      renameSync(tmp, this.inputsFile);
    } catch {
      rmSync(tmp, { force: true });
    }
  }

  /** The cached result for a report folder, or what `load` gives (then stored). */
  report(dir: string, relDir: string, registry: TemplateRegistry, load: () => LoadedReport): LoadedReport {
    const folder = hashReportFolder(dir);
    this.folders.set(dir, folder);
    const key = sha256([this.contextKey, relDir, folder].join('\n'));
    const found = this.read(key, dir, registry);
    if (found) {
      this.hits++;
      return found;
    }
    if (this.misses++ === 0) this.onMiss?.();
    const fresh = load();
    const entry: Entry = { format: FORMAT, key, diagnostics: fresh.diagnostics, ...(fresh.meta ? { meta: fresh.meta } : {}) };
    const lines: Buffer[] = [];
    if (fresh.report) {
      const { template, dir: _dir, ...rest } = fresh.report;
      const figures = storedFigures(fresh.report);
      rememberFigures(fresh.report, figures);
      const stored: Record<string, unknown> = {
        ...rest,
        template: { id: template.id, version: template.version },
        figures,
        order: Object.keys(fresh.report),
      };
      for (const part of LAZY_PARTS) {
        lines.push(Buffer.from(JSON.stringify(rest[part])));
        delete stored[part];
      }
      entry.report = stored as StoredReport;
      entry.parts = lines.map((line) => [line.length, sha256(line)]);
    }
    const newline = Buffer.from('\n');
    this.store.put(KIND, key, Buffer.concat([Buffer.from(JSON.stringify(entry)), ...lines.flatMap((line) => [newline, line])]));
    return fresh;
  }

  private read(key: string, dir: string, registry: TemplateRegistry): LoadedReport | undefined {
    // The head alone when the entry is trusted by its stamp; else the whole entry, checked.
    const found = this.store.head(KIND, key);
    if (!found) return undefined;
    try {
      const { file, size, first, whole } = found;
      const entry = JSON.parse(first.toString('utf8')) as Entry;
      if (entry.format !== FORMAT || entry.key !== key || !Array.isArray(entry.diagnostics)) return undefined;
      if (!entry.report) return size === first.length ? { diagnostics: entry.diagnostics, ...(entry.meta ? { meta: entry.meta } : {}) } : undefined;
      const template = registry.find(entry.report.template.id, entry.report.template.version)?.template;
      if (!template || !Array.isArray(entry.parts) || entry.parts.length !== LAZY_PARTS.length || !entry.parts.every(validPart)) return undefined;
      // Where each part lies: after the head and a newline, one after another.
      const located: EntryPart[] = [];
      let at = first.length;
      for (const [length, digest] of entry.parts) {
        located.push({ file: path.resolve(file), at: at + 1, size: length, sha256: digest });
        at += 1 + length;
      }
      if (at !== size) return undefined;
      // A whole entry read and checked just now: its parts as bytes (a part never read is never decoded).
      const parts = new Map<string, JsonText>(LAZY_PARTS.map((part, i) => [part, whole ? whole.subarray(located[i]!.at, located[i]!.at + located[i]!.size) : located[i]!]));
      // The model's own key order (kept in `order`), so anything that serialises a report sees the same bytes.
      const { slug, meta, template: _ref, figures, order, ...rest } = entry.report;
      if (!Array.isArray(order) || !figures) return undefined;
      const known: Record<string, unknown> = { slug, dir, meta, template, ...rest };
      const report: Record<string, unknown> = {};
      for (const name of order) {
        const part = parts.get(name);
        if (part) {
          report[name] = undefined;
          lazyJsonProperty(report, name, part);
        } else if (name in known) report[name] = known[name];
        // (A key whose value was undefined is not kept, as before: JSON leaves it out.)
      }
      rememberFigures(report as unknown as ReportModel, figures);
      return { diagnostics: entry.diagnostics, meta, report: report as unknown as ReportModel };
    } catch {
      return undefined;
    }
  }
}
