const CN_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五 (outlines never reach a hundred). */
export function chineseOrdinal(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  if (n < 10) return CN_DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : CN_DIGITS[tens]}十${ones === 0 ? '' : CN_DIGITS[ones]}`;
}

/** The official heading numbers of GB/T 9704: 一、 （一） 1. （1）. */
export function headingNumber(level: number, n: number): string {
  switch (level) {
    case 1:
      return `${chineseOrdinal(n)}、`;
    case 2:
      return `（${chineseOrdinal(n)}）`;
    case 3:
      return `${n}.`;
    default:
      return `（${n}）`;
  }
}

/** Counts headings through a whole report; a heading resets the counters of every level below it. */
export class OutlineCounter {
  private counts = [0, 0, 0, 0, 0];

  next(level: number): string {
    this.counts[level] = (this.counts[level] ?? 0) + 1;
    for (let l = level + 1; l < this.counts.length; l++) this.counts[l] = 0;
    return headingNumber(level, this.counts[level]!);
  }
}
