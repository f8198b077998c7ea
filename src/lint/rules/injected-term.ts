import { CATEGORY_NAMES, INJECTED_TERMS, type TermCategory } from '../lists/injected-terms.ts';
import { foldForMatching } from '../normalize.ts';
import type { Finding, LintRule, LintSettings } from '../rule.ts';
import { TermMatcher } from '../term-matcher.ts';

type Entry = { term: string; category: TermCategory | 'site' };

const matchers = new Map<string, TermMatcher<Entry>>();

/** The built-in list less the site's allowed terms, plus the site's own; built once per settings. */
function matcherFor(settings: LintSettings): TermMatcher<Entry> {
  const key = JSON.stringify([settings.extraTerms, settings.allowTerms]);
  let matcher = matchers.get(key);
  if (!matcher) {
    const allowed = new Set(settings.allowTerms.map((t) => foldForMatching(t).text));
    const entries: Entry[] = [
      ...settings.extraTerms.map((term) => ({ term, category: 'site' as const })),
      ...INJECTED_TERMS.filter((e) => !allowed.has(foldForMatching(e.term).text)),
    ];
    matcher = new TermMatcher(entries);
    matchers.set(key, matcher);
  }
  return matcher;
}

const PLACE: Record<string, string> = {
  field: '',
  block: '',
  code: '（代码块里）',
  'link-title': '（链接的提示文字里）',
  'image-alt': '（图片的替代文字里）',
  url: '（链接地址里）',
  'html-text': '（HTML 里）',
  'html-attr': '（HTML 属性里）',
};

export const injectedTerm: LintRule = {
  id: 'lint.injected-term',
  severity: 'error',
  title: '赌博、色情、诈骗、违法服务等被注入的词语（含加空格、符号、零宽字符、繁体等变形）',
  check(subject, { settings }) {
    const matcher = matcherFor(settings);
    const out: Finding[] = [];
    for (const t of subject.texts) {
      for (const m of matcher.find(t.text)) {
        const disguised = m.written !== m.entry.term;
        out.push({
          at: t.at(m.start),
          message: `发现疑似被注入的${CATEGORY_NAMES[m.entry.category]}词语“${m.entry.term}”${PLACE[t.kind] ?? ''}${disguised ? `，原文写作“${m.written}”` : ''}。这类词常见于被篡改的政府网页，不能发布。`,
          hint:
            m.entry.category === 'site'
              ? '删除这个词。它在 site.yaml 的 lint.extraTerms 里被列为本网站的违规词。'
              : `删除这个词，并对照原始文稿核实前后文字（被篡改的网页常把“今年”等词替换成这类词）。如果确属正常用语，在 site.yaml 的 lint.allowTerms 里加上“${m.entry.term}”。`,
          value: m.written,
        });
      }
    }
    return out;
  },
};
