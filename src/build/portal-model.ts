/**
 * The model as the portal's process receives it (portal.ts → portal-child.ts): each report's bulky
 * parts (its text, figures, tables and checked rules, nine tenths of the bytes) serialized on their
 * own, and taken apart only when a page reads them. An incremental build renders a few report pages
 * and the lists, which read the reports' metadata: its portal process no longer takes in a thousand
 * reports' text and figures before it can start (about a second, while the build waited).
 * What a page reads is the same either way: the same values, keys in the same order, the shared
 * templates and issuers still shared.
 */
import v8 from 'node:v8';
import type { ContentModel, ReportModel } from '../content/index.ts';
import { jsonText, unparsedJson, type JsonText } from '../store/lazy-json.ts';
import { isEntryPart } from '../store/entry-part.ts';

const BULKY = ['sections', 'lead', 'attachments', 'metrics', 'tables', 'rules'] as const satisfies readonly (keyof ReportModel)[];
const bulkyKeys: ReadonlySet<string> = new Set(BULKY);

export interface PackedReport {
  /** The report's own keys, in their order. */
  keys: string[];
  /** Everything but the bulky parts: sent with the model, so that shared objects stay shared. */
  light: Partial<ReportModel>;
  /** The bulky parts, v8-serialized. */
  bulky: Uint8Array;
  /**
   * Bulky parts the build has not read yet, as the JSON text (or its bytes) the load cache keeps
   * them in, or where they lie in its entries (lazy-json.ts): the portal's process reads those itself.
   */
  text: Record<string, JsonText>;
  /** In a model file: the parts whose bytes follow the model's structure (offset and length in them). */
  refs?: Record<string, [number, number]>;
}

export interface PackedModel extends Omit<ContentModel, 'reports' | 'drafts'> {
  reports: PackedReport[];
  drafts: PackedReport[];
}

function packReport(report: ReportModel): PackedReport {
  const keys = Object.keys(report);
  const light: Record<string, unknown> = {};
  const bulky: Record<string, unknown> = {};
  const text: Record<string, JsonText> = {};
  for (const key of keys) {
    if (!bulkyKeys.has(key)) light[key] = report[key as keyof ReportModel];
    else {
      // Still JSON text from the load cache: sent as it is, neither parsed here nor serialized again.
      const json = unparsedJson(report, key);
      if (json !== undefined) text[key] = json;
      else bulky[key] = report[key as keyof ReportModel];
    }
  }
  return { keys, light: light as Partial<ReportModel>, bulky: v8.serialize(bulky), text };
}

export function packModel(model: ContentModel): PackedModel {
  return { ...model, reports: model.reports.map(packReport), drafts: model.drafts.map(packReport) };
}

/**
 * A report whose bulky parts are taken from `packed.bulky` the first time any of them is read or
 * assigned; from then on they are plain properties.
 */
function unpackReport(packed: PackedReport): ReportModel {
  const report = {} as Record<string, unknown>;
  const plain = (key: string, value: unknown) => Object.defineProperty(report, key, { value, writable: true, enumerable: true, configurable: true });
  const open = () => {
    const parts = v8.deserialize(packed.bulky) as Record<string, unknown>;
    for (const key of packed.keys) if (bulkyKeys.has(key)) plain(key, key in packed.text ? JSON.parse(jsonText(packed.text[key]!)) : parts[key]);
  };
  for (const key of packed.keys) {
    if (!bulkyKeys.has(key)) report[key] = packed.light[key as keyof ReportModel];
    else
      Object.defineProperty(report, key, {
        enumerable: true,
        configurable: true,
        get() {
          open();
          return report[key];
        },
        set(value: unknown) {
          open();
          plain(key, value);
        },
      });
  }
  return report as unknown as ReportModel;
}

export function unpackModel(packed: PackedModel): ContentModel {
  return { ...packed, reports: packed.reports.map(unpackReport), drafts: packed.drafts.map(unpackReport) };
}

/** Whether a report from unpackModel has had its bulky parts taken apart yet. */
export const isOpened = (report: ReportModel): boolean => !Object.getOwnPropertyDescriptor(report, BULKY[0])?.get;

/**
 * The packed model as the model file holds it (model-file.ts): the length of its structure (4
 * bytes), the structure (v8), then the unread parts' bytes as the load cache gave them. Written as
 * these chunks, not serialized: v8 copied a thousand reports' 90 MB of parts at about 200 MB a second.
 */
export function modelFileChunks(packed: PackedModel): Buffer[] {
  const blobs: Buffer[] = [];
  let offset = 0;
  const split = (report: PackedReport): PackedReport => {
    const text: Record<string, JsonText> = {};
    const refs: Record<string, [number, number]> = {};
    for (const [key, value] of Object.entries(report.text)) {
      if (typeof value === 'string' || isEntryPart(value)) text[key] = value;
      else {
        refs[key] = [offset, value.byteLength];
        blobs.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
        offset += value.byteLength;
      }
    }
    return { ...report, text, refs };
  };
  const structure = v8.serialize({ ...packed, reports: packed.reports.map(split), drafts: packed.drafts.map(split) });
  const head = Buffer.alloc(4);
  head.writeUInt32LE(structure.byteLength);
  return [head, structure, ...blobs];
}

/** The packed model from a model file's bytes (modelFileChunks): the parts are views of `bytes`. */
export function modelFromFile(bytes: Buffer): PackedModel {
  const length = bytes.readUInt32LE(0);
  const packed = v8.deserialize(bytes.subarray(4, 4 + length)) as PackedModel;
  const base = 4 + length;
  for (const report of [...packed.reports, ...packed.drafts]) {
    for (const [key, [at, size]] of Object.entries(report.refs ?? {})) report.text[key] = bytes.subarray(base + at, base + at + size);
    delete report.refs;
  }
  return packed;
}
