import path from 'node:path';
import { z } from 'zod';
import type { PageSnapshot } from './page-snapshot.ts';
import { snapshotPages } from './snapshot-pages.ts';

export const PAGES_FORMAT = 'nianbao-pages/1';

const Snapshot = z.object({ text: z.array(z.string()), links: z.array(z.string()), scripts: z.array(z.string()), hidden: z.array(z.string()) }).strict();
const PagesFile = z.object({ format: z.literal(PAGES_FORMAT), pages: z.record(z.string(), Snapshot) }).strict();

export const isPage = (rel: string) => /\.html?$/i.test(rel);

/** Snapshots of every HTML page among `files`, in the stable form written to manifest-pages.json. */
export async function pagesFileFor(dir: string, files: readonly string[]): Promise<string> {
  const rels = files.filter(isPage);
  const snapshots = await snapshotPages(rels.map((rel) => path.join(dir, rel)));
  const pages: Record<string, PageSnapshot> = Object.fromEntries(rels.map((rel, i) => [rel, snapshots[i]!]));
  return `${JSON.stringify({ format: PAGES_FORMAT, pages })}\n`;
}

export function parsePagesFile(text: string): Map<string, PageSnapshot> | undefined {
  try {
    const parsed = PagesFile.safeParse(JSON.parse(text));
    return parsed.success ? new Map(Object.entries(parsed.data.pages)) : undefined;
  } catch {
    return undefined;
  }
}
