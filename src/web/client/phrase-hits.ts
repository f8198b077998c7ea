// 搜索结果按“完整词语”筛选：Pagefind 把“人民调解”切成“人民”“调解”两个词分别查找，含“人民政府”和“调解”的
// 章节也会被当作结果。这里在 Pagefind 取回的页面文字（片段文件）上逐节查找查询的原文：只有含完整词语的
// 报告和章节才算命中，摘要取自词语所在的位置。纯函数，不碰 DOM，在 Node 里也能测试。

/** What the search page needs of a Pagefind fragment (the data of one result). */
export interface FragmentText {
  url: string;
  /** The page text, words separated by U+200B (Pagefind's raw_content; `<` `>` escaped). */
  raw_content?: string;
  content: string;
  anchors: { element: string; id?: string; text?: string; location: number }[];
}

/** A run of excerpt text; `mark` for an occurrence of the query. */
export interface Piece {
  text: string;
  mark: boolean;
}

export interface SectionHit {
  id: string;
  title: string;
  url: string;
  /** Occurrences of the query's phrases in the section. */
  count: number;
  excerpt: Piece[];
}

export interface PageHit {
  count: number;
  excerpt: Piece[];
  /** Sections containing a phrase of the query, most occurrences first, then in page order. */
  sections: SectionHit[];
}

/** The phrases of a query: what the reader typed, split at spaces. */
export function queryPhrases(query: string): string[] {
  const phrases = query
    .normalize('NFKC')
    .split(/\s+/)
    .map((p) => p.toLowerCase())
    .filter(Boolean);
  return [...new Set(phrases)];
}

/**
 * Text without spaces (Pagefind keeps the spaces of the page, which fall between Chinese words at
 * line breaks of the HTML) and where each of its characters came from in the original.
 */
function compact(text: string): { chars: string; at: number[] } {
  let chars = '';
  const at: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (/\s/.test(ch)) continue;
    // Full-width letters and digits match their ASCII forms; a character may normalise to several.
    const n = ch.normalize('NFKC').toLowerCase();
    for (let k = 0; k < n.length; k++) {
      chars += n[k];
      at.push(i);
    }
  }
  return { chars, at };
}

/** Where the phrases occur in `text`, as [start, end) of the original text, in order, not overlapping. */
export function occurrences(text: string, phrases: readonly string[]): [number, number][] {
  const { chars, at } = compact(text);
  const found: [number, number][] = [];
  for (const phrase of phrases) {
    if (!phrase) continue;
    for (let i = chars.indexOf(phrase); i !== -1; i = chars.indexOf(phrase, i + phrase.length)) {
      found.push([at[i]!, at[i + phrase.length - 1]! + 1]);
    }
  }
  found.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const kept: [number, number][] = [];
  for (const o of found) if (!kept.length || o[0] >= kept[kept.length - 1]![1]) kept.push(o);
  return kept;
}

/** About `width` characters of `text` around its first occurrence, occurrences marked. */
export function excerptAround(text: string, hits: readonly [number, number][], width = 60): Piece[] {
  const pieces: Piece[] = [];
  const push = (t: string, mark: boolean) => {
    // Pagefind ends each heading and block with “. ”; after Chinese text a space reads better.
    const flat = t.replace(/([\u3000-\u9fff\uff00-\uffef])\. /g, '$1 ').replace(/\s+/g, ' ');
    if (flat) pieces.push({ text: flat, mark });
  };
  const first = hits[0];
  if (!first) {
    push(text.slice(0, width).trim(), false);
    return pieces;
  }
  // Begin at the sentence (or table cell) holding the phrase when it starts shortly before it.
  const look = Math.max(0, first[0] - Math.floor(width * 0.6));
  const lead = /^.*(?:[。；！？]|\. )/s.exec(text.slice(look, first[0]));
  let start = lead ? look + lead[0].length : Math.max(0, first[0] - Math.floor(width / 3));
  while (start < first[0] && /\s/.test(text[start]!)) start++;
  let end = Math.min(text.length, Math.max(first[1], start + width));
  while (end > first[1] && /\s/.test(text[end - 1]!)) end--;
  if (start > 0) push('…', false);
  let pos = start;
  for (const [s, e] of hits) {
    if (e <= start || s >= end) continue;
    push(text.slice(pos, Math.max(pos, s)), false);
    push(text.slice(Math.max(s, start), Math.min(e, end)), true);
    pos = Math.min(e, end);
  }
  push(text.slice(pos, end), false);
  if (end < text.length) push('…', false);
  return pieces;
}

function unescape(word: string): string {
  return word.replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}

function withHash(url: string, id: string): string {
  return `${url.replace(/#.*$/, '')}#${id}`;
}

/**
 * The page's hit for the query: every phrase somewhere on the page, else undefined; the sections
 * (from one heading to the next) that contain a phrase; excerpts that show it.
 */
export function phraseHits(fragment: FragmentText, phrases: readonly string[], width = 60): PageHit | undefined {
  if (!phrases.length) return undefined;
  const words = fragment.raw_content !== undefined ? fragment.raw_content.split('\u200B').map(unescape) : [fragment.content];
  const page = words.join('');
  if (!phrases.every((p) => occurrences(page, [p]).length)) return undefined;
  const headings = fragment.anchors
    .filter((a) => /^h[1-6]$/i.test(a.element) && a.id && a.text?.trim())
    .sort((a, b) => a.location - b.location);
  const sections: (SectionHit & { order: number })[] = [];
  headings.forEach((h, i) => {
    const text = words.slice(h.location, headings[i + 1]?.location ?? words.length).join('');
    const hits = occurrences(text, phrases);
    if (!hits.length) return;
    sections.push({ id: h.id!, title: h.text!.trim(), url: withHash(fragment.url, h.id!), count: hits.length, excerpt: excerptAround(text, hits, width), order: i });
  });
  sections.sort((a, b) => b.count - a.count || a.order - b.order);
  const pageHits = occurrences(page, phrases);
  const best = sections[0];
  return {
    count: pageHits.length,
    excerpt: best ? best.excerpt : excerptAround(page, pageHits, width),
    sections: sections.map(({ order: _order, ...s }) => s),
  };
}
