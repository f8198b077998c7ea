import { diffArrays, diffChars } from 'diff';
import type { PageSnapshot } from './page-snapshot.ts';

/** What changed on a page, as a reader would see it. */
export interface PageChange {
  addedText: string[];
  removedText: string[];
  addedLinks: string[];
  removedLinks: string[];
  addedScripts: string[];
  addedHidden: string[];
}

/** Items of `after` not in `before`, counting repeats (a second copy of a link is an addition). */
function addedItems(before: readonly string[], after: readonly string[]): string[] {
  const left = new Map<string, number>();
  for (const b of before) left.set(b, (left.get(b) ?? 0) + 1);
  const out: string[] = [];
  for (const a of after) {
    const n = left.get(a) ?? 0;
    if (n > 0) left.set(a, n - 1);
    else out.push(a);
  }
  return out;
}

/**
 * Text added and removed, found line by line and then character by character inside changed lines,
 * so that 今年 → 娱乐老虎机 shows as exactly that and not as a whole changed paragraph.
 */
export function textChanges(before: readonly string[], after: readonly string[]): { added: string[]; removed: string[] } {
  const added: string[] = [];
  const removed: string[] = [];
  let pendingRemoved: string[] = [];
  const flushPair = (addedLines: string[]) => {
    if (pendingRemoved.length === 0) {
      added.push(...addedLines);
      return;
    }
    for (const part of diffChars(pendingRemoved.join('\n'), addedLines.join('\n'))) {
      const value = part.value.trim();
      if (!value) continue;
      if (part.added) added.push(value);
      else if (part.removed) removed.push(value);
    }
    pendingRemoved = [];
  };
  for (const part of diffArrays([...before], [...after])) {
    if (part.removed) pendingRemoved.push(...part.value);
    else if (part.added) flushPair(part.value);
    else {
      removed.push(...pendingRemoved);
      pendingRemoved = [];
    }
  }
  removed.push(...pendingRemoved);
  return { added, removed };
}

export function comparePages(before: PageSnapshot, after: PageSnapshot): PageChange {
  const text = textChanges(before.text, after.text);
  return {
    addedText: text.added,
    removedText: text.removed,
    addedLinks: addedItems(before.links, after.links),
    removedLinks: addedItems(after.links, before.links),
    addedScripts: addedItems(before.scripts, after.scripts),
    addedHidden: addedItems(before.hidden, after.hidden),
  };
}

export function isEmptyChange(c: PageChange): boolean {
  return Object.values(c).every((list) => list.length === 0);
}
