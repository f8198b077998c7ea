import { pinyin } from 'pinyin-pro';

/** ASCII ids for the things import names (folders, sections, metrics), from their Chinese words. */
export function pinyinSlug(text: string, maxSyllables = 6): string {
  const syllables = pinyin(text.replace(/[^\u4e00-\u9fffA-Za-z0-9]/g, ''), { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true })
    .map((s) => s.toLowerCase().replace(/[^a-z0-9]/g, ''))
    .filter(Boolean)
    .slice(0, maxSyllables);
  return syllables.join('') || 'x';
}

/** Gives out unique ids: a repeated base gets -2, -3 … */
export class IdPool {
  private used = new Set<string>();
  take(base: string): string {
    let id = /^[a-z]/.test(base) ? base : `m${base}`;
    for (let n = 2; this.used.has(id); n++) id = `${base}-${n}`;
    this.used.add(id);
    return id;
  }
}
