/**
 * Illustrative 统一社会信用代码 for generated content: registration authority, kind, the county's
 * division code, a 9-character organisation code with its own GB 11714 check character, and the
 * GB 32100-2015 check character. Valid in form, not real registrations.
 */
const CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function creditCheckChar(first17: string): string {
  const s = [...first17].reduce((acc, ch, i) => acc + CHARS.indexOf(ch) * WEIGHTS[i]!, 0);
  return CHARS[(31 - (s % 31)) % 31]!;
}

/** GB 11714: the 9th character of an organisation code from its first 8 (digits and capitals). */
function orgCheckChar(body8: string): string {
  const w = [3, 7, 9, 10, 5, 8, 4, 2];
  const value = (ch: string) => (/\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55);
  const c = 11 - ([...body8].reduce((acc, ch, i) => acc + value(ch) * w[i]!, 0) % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** `11` (机构编制, 机关) + division + organisation code + check character; `serial` picks the organisation code. */
export function illustrativeCreditCode(division: string, serial: number, prefix = '11'): string {
  const body8 = `MB${String(1_000_000 + ((serial * 7919) % 900_000)).slice(-6)}`;
  const org = body8 + orgCheckChar(body8);
  const first17 = `${prefix}${division}${org}`;
  return first17 + creditCheckChar(first17);
}
