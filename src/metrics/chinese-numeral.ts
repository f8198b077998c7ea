const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, '0': 0, 一: 1, 壹: 1, 二: 2, 两: 2, 贰: 2, 三: 3, 叁: 3, 四: 4, 肆: 4,
  五: 5, 伍: 5, 六: 6, 陆: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9,
};
const SMALL_UNITS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const BIG_UNITS: Record<string, number> = { 万: 1e4, 亿: 1e8 };

/**
 * Reads a number written in Chinese characters ("一千零五十四", "九十五点四", "二〇二二"), so that a
 * diagnostic can suggest the Arabic number. Returns undefined for anything else.
 */
export function parseChineseNumeral(input: string): number | undefined {
  const s = input.trim().replace(/^百分之/, '');
  if (!/^[零〇0一壹二两贰三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万亿点]+$/.test(s)) return undefined;
  const [intPart = '', fracPart, extra] = s.split('点');
  if (extra !== undefined) return undefined;
  let value = parseInteger(intPart === '' ? '零' : intPart);
  if (value === undefined) return undefined;
  if (fracPart !== undefined) {
    const digits = [...fracPart].map((c) => DIGITS[c]);
    if (digits.length === 0 || digits.some((d) => d === undefined)) return undefined;
    value = Number(`${value}.${digits.join('')}`);
  }
  return value;
}

function parseInteger(s: string): number | undefined {
  // Digit-by-digit form: 二〇二二 → 2022
  if (![...s].some((c) => c in SMALL_UNITS || c in BIG_UNITS)) {
    const digits = [...s].map((c) => DIGITS[c]);
    return digits.some((d) => d === undefined) ? undefined : Number(digits.join(''));
  }
  let total = 0;
  let section = 0;
  let digit: number | undefined;
  for (const c of s) {
    if (c in DIGITS) {
      digit = DIGITS[c];
    } else if (c in SMALL_UNITS) {
      section += (digit ?? 1) * SMALL_UNITS[c]!;
      digit = undefined;
    } else if (c in BIG_UNITS) {
      total = (total + section + (digit ?? 0)) * BIG_UNITS[c]!;
      section = 0;
      digit = undefined;
    } else {
      return undefined;
    }
  }
  return total + section + (digit ?? 0);
}

/** Suggests `2023-01-04` (or `2023-01-04 11:30`) for dates written as 2023年1月4日, 2023/1/4, 2023.1.4 … */
export function suggestIsoDate(input: unknown, withTime: boolean): string | undefined {
  const s = String(input).trim();
  const m = /^(\d{4})\s*[年/.\-]\s*(\d{1,2})\s*[月/.\-]\s*(\d{1,2})\s*日?(?:\s*(\d{1,2})\s*[:：时]\s*(\d{1,2})\s*分?)?$/.exec(s)
    ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return undefined;
  const pad = (x: string | undefined) => (x ?? '').padStart(2, '0');
  const date = `${m[1]}-${pad(m[2])}-${pad(m[3])}`;
  if (!withTime) return date;
  return m[4] ? `${date} ${pad(m[4])}:${pad(m[5])}` : `${date} 00:00`;
}
