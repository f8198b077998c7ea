import { diffArrays, diffChars } from 'diff';
import type { PageSnapshot } from './page-snapshot.ts';

/** One change in a page's text, with the sentence around it so that a reader can find it. */
export interface TextEdit {
  /** Text as built ('' for an insertion) and as found ('' for a deletion). */
  removed: string;
  added: string;
  /** The sentence with the change marked: `…共受理申请4[8→9]件，…`; `[+新]` added, `[-旧]` removed. */
  context: string;
  /** The same stretch of text as built and as found. */
  before: string;
  after: string;
}

/** What changed on a page, as a reader would see it. */
export interface PageChange {
  addedText: string[];
  removedText: string[];
  /** Each change of text in its sentence. */
  edits: TextEdit[];
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

/** Characters a sentence ends with, for the context around a change. */
const SENTENCE_END = /[。！？；!?;\n]/;
/** Characters of context on each side at most, when the sentence is longer. */
const REACH = 30;
const MARK_MAX = 80;

type Token = { old: string; new: string; edit: boolean };

const shorten = (s: string) => (s.length > MARK_MAX ? `${s.slice(0, MARK_MAX)}…` : s);
const oneLine = (s: string) => s.replace(/\n/g, ' / ');

function mark(t: Token): string {
  const removed = oneLine(shorten(t.old.trim()));
  const added = oneLine(shorten(t.new.trim()));
  return removed && added ? `[${removed}→${added}]` : added ? `[+${added}]` : `[-${removed}]`;
}

/**
 * The changes between two versions of a stretch of text, each in its sentence. Context grows from
 * a change to the nearest sentence end on each side (at most REACH characters); changes that fall
 * into the same sentence share one context.
 */
function editsIn(oldText: string, newText: string): TextEdit[] {
  const tokens: Token[] = [];
  for (const part of diffChars(oldText, newText)) {
    const last = tokens.at(-1);
    if (!part.added && !part.removed) tokens.push({ old: part.value, new: part.value, edit: false });
    else if (last?.edit) {
      if (part.added) last.new += part.value;
      else last.old += part.value;
    } else tokens.push({ old: part.removed ? part.value : '', new: part.added ? part.value : '', edit: true });
  }
  // Changes of white space only are not changes a reader sees.
  for (const t of tokens) if (t.edit && !t.old.trim() && !t.new.trim()) Object.assign(t, { old: t.new, edit: false });

  const edits: TextEdit[] = [];
  let consumed = 0; // tokens before this index belong to an earlier context
  for (let i = 0; i < tokens.length; i++) {
    if (!tokens[i]!.edit || i < consumed) continue;
    // Left: back through common text to a sentence end, never into an earlier context.
    // Only common text lies between `consumed` and i: every earlier change is in an earlier context.
    let lead = '';
    let leadCut = i > 0 && i - 1 < consumed;
    if (i - 1 >= consumed) {
      const text = tokens[i - 1]!.new;
      let k = text.length;
      while (k > 0 && !SENTENCE_END.test(text[k - 1]!) && text.length - k < REACH) k--;
      lead = text.slice(k);
      leadCut = k > 0 ? !SENTENCE_END.test(text[k - 1]!) : i - 1 > 0;
    }
    // Right: forward to a sentence end; a change met on the way joins this context.
    const middle: Token[] = [tokens[i]!];
    let tail = '';
    let tailCut = false;
    let j = i + 1;
    for (; j < tokens.length; j++) {
      const t = tokens[j]!;
      if (t.edit) {
        middle.push(t);
        continue;
      }
      let k = 0;
      while (k < t.new.length && !SENTENCE_END.test(t.new[k]!) && k < REACH) k++;
      if (k < t.new.length) {
        const end = SENTENCE_END.test(t.new[k]!) ? k + (t.new[k] === '\n' ? 0 : 1) : k;
        tail = t.new.slice(0, end);
        tailCut = !SENTENCE_END.test(t.new[k]!);
        break;
      }
      // The whole common stretch fits: keep going only if a change follows it.
      if (j + 1 < tokens.length) {
        middle.push(t);
        continue;
      }
      tail = t.new;
    }
    consumed = j;
    const inner = (side: 'old' | 'new') => middle.map((t) => t[side]).join('');
    const context = `${leadCut ? '…' : ''}${lead}${middle.map((t) => (t.edit ? mark(t) : t.new)).join('')}${tail}${tailCut ? '…' : ''}`;
    const around = (side: 'old' | 'new') => oneLine(`${leadCut ? '…' : ''}${lead}${inner(side)}${tail}${tailCut ? '…' : ''}`.trim());
    const before = around('old');
    const after = around('new');
    for (const t of middle) if (t.edit) edits.push({ removed: t.old.trim(), added: t.new.trim(), context: oneLine(context.trim()), before, after });
  }
  return edits;
}

/**
 * Text added and removed, found line by line and then character by character inside changed lines,
 * so that 今年 → 娱乐老虎机 shows as exactly that and not as a whole changed paragraph.
 */
export function textChanges(before: readonly string[], after: readonly string[]): { added: string[]; removed: string[]; edits: TextEdit[] } {
  const added: string[] = [];
  const removed: string[] = [];
  const edits: TextEdit[] = [];
  let pendingRemoved: string[] = [];
  const wholeLines = (lines: string[], kind: 'added' | 'removed') => {
    for (const line of lines) {
      const t = { old: kind === 'removed' ? line : '', new: kind === 'added' ? line : '', edit: true };
      edits.push({ removed: t.old, added: t.new, context: mark(t), before: t.old, after: t.new });
    }
  };
  const flushRemoved = () => {
    removed.push(...pendingRemoved);
    wholeLines(pendingRemoved, 'removed');
    pendingRemoved = [];
  };
  const flushPair = (addedLines: string[]) => {
    if (pendingRemoved.length === 0) {
      added.push(...addedLines);
      wholeLines(addedLines, 'added');
      return;
    }
    edits.push(...editsIn(pendingRemoved.join('\n'), addedLines.join('\n')));
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
    else flushRemoved();
  }
  flushRemoved();
  return { added, removed, edits };
}

export function comparePages(before: PageSnapshot, after: PageSnapshot): PageChange {
  const text = textChanges(before.text, after.text);
  return {
    addedText: text.added,
    removedText: text.removed,
    edits: text.edits,
    addedLinks: addedItems(before.links, after.links),
    removedLinks: addedItems(after.links, before.links),
    addedScripts: addedItems(before.scripts, after.scripts),
    addedHidden: addedItems(before.hidden, after.hidden),
  };
}

export function isEmptyChange(c: PageChange): boolean {
  return Object.values(c).every((list) => list.length === 0);
}
