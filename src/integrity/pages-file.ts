import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { snapshotPage, type PageSnapshot } from './page-snapshot.ts';

export const PAGES_FORMAT = 'nianbao-pages/1';

const Snapshot = z.object({ text: z.array(z.string()), links: z.array(z.string()), scripts: z.array(z.string()), hidden: z.array(z.string()) }).strict();
const PagesFile = z.object({ format: z.literal(PAGES_FORMAT), pages: z.record(z.string(), Snapshot) }).strict();

export const isPage = (rel: string) => /\.html?$/i.test(rel);

/** Snapshots of every HTML page among `files`, in the stable form written to manifest-pages.json. */
export function pagesFileFor(dir: string, files: readonly string[]): string {
  const pages: Record<string, PageSnapshot> = {};
  for (const rel of files.filter(isPage)) pages[rel] = snapshotPage(readFileSync(path.join(dir, rel), 'utf8'));
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
