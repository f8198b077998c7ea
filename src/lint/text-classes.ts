/** Character classes shared by the typography rules. */
export const isHan = (ch: string | undefined): boolean => ch !== undefined && /\p{Script=Han}/u.test(ch);

/** Full-width Chinese punctuation and quotation marks. */
export const isChinesePunctuation = (ch: string | undefined): boolean =>
  ch !== undefined && /[\u3000-\u303f\uff01-\uff0f\uff1a-\uff20“”‘’—…·]/u.test(ch);

export const isChinese = (ch: string | undefined): boolean => isHan(ch) || isChinesePunctuation(ch);

/** Types of text read as prose (not URLs or code), where Chinese typography applies. */
export const PROSE_KINDS = new Set(['field', 'block', 'link-title', 'image-alt', 'html-text']);

/** A few characters around `offset`, to show the editor which place is meant. */
export function snippet(text: string, offset: number, radius = 8): string {
  const from = Math.max(0, offset - radius);
  const to = Math.min(text.length, offset + radius + 1);
  return `${from > 0 ? '…' : ''}${text.slice(from, to)}${to < text.length ? '…' : ''}`.replace(/\n/g, ' ');
}
