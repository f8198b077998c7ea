/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character set; the 18th is a check
 * character over the first 17 (weights 3^i mod 31, check = 31 − Σ mod 31, 31 → 0).
 */
export const CREDIT_CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
export const CREDIT_CODE_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

/** The check character for the first 17 characters of a code, or undefined if they use other characters. */
export function creditCodeCheckChar(first17: string): string | undefined {
  if (first17.length !== 17) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CODE_CHARS.indexOf(first17[i]!);
    if (v < 0) return undefined;
    sum += v * WEIGHTS[i]!;
  }
  const check = 31 - (sum % 31);
  return CREDIT_CODE_CHARS[check === 31 ? 0 : check];
}

export type CreditCodeCheck = { ok: true } | { ok: false; problem: 'shape' } | { ok: false; problem: 'check'; expected: string };

export function checkCreditCode(code: string): CreditCodeCheck {
  if (!CREDIT_CODE_SHAPE.test(code)) return { ok: false, problem: 'shape' };
  const expected = creditCodeCheckChar(code.slice(0, 17))!;
  return expected === code[17] ? { ok: true } : { ok: false, problem: 'check', expected };
}
