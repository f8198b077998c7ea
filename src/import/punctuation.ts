const CJK = '%\\u3400-\\u9fff\\uf900-\\ufaff\\u3000-\\u303f\\uff00-\\uffef“”‘’';
const near = (p: string) => new RegExp(`(?<=[${CJK}])\\s*${p}\\s*|\\s*${p}\\s*(?=[${CJK}])`, 'g');

/**
 * Web copies of Chinese reports often lose their full-width punctuation (`,` `(` `:` for
 * `，` `（` `：`). Restores it where it touches Chinese text; `11:30` and `3.5` are left alone.
 */
export function restoreFullWidthPunctuation(text: string): { text: string; changes: number } {
  let changes = 0;
  const swap = (re: RegExp, to: string) => (s: string) =>
    s.replace(re, () => {
      changes++;
      return to;
    });
  const steps = [
    swap(near(','), '，'),
    swap(near(';'), '；'),
    swap(near(':'), '：'),
    swap(near('\\?'), '？'),
    swap(near('!'), '！'),
    swap(near('\\('), '（'),
    swap(near('\\)'), '）'),
  ];
  let out = text;
  for (const step of steps) out = step(out);
  // A bracket pair opened full-width and closed half-width (or the reverse) after a digit: `(2022年)`.
  out = out.replace(/（([^（）()]*)\)/g, (_, inner: string) => (changes++, `（${inner}）`));
  out = out.replace(/\(([^（）()]*)）/g, (_, inner: string) => (changes++, `（${inner}）`));
  return { text: out, changes };
}
