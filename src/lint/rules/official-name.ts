import { OFFICIAL_NAME_ERRORS } from '../lists/official-names.ts';
import type { Finding, LintRule, LintSettings } from '../rule.ts';
import { TermMatcher } from '../term-matcher.ts';

type Entry = { term: string; right: string };
const matchers = new Map<string, TermMatcher<Entry>>();

function matcherFor(settings: LintSettings): TermMatcher<Entry> {
  const key = JSON.stringify(settings.officialNames);
  let matcher = matchers.get(key);
  if (!matcher) {
    const pairs = [...settings.officialNames, ...OFFICIAL_NAME_ERRORS];
    matcher = new TermMatcher(
      pairs.map((p) => ({ term: p.wrong, right: p.right })),
      { separators: false },
    );
    matchers.set(key, matcher);
  }
  return matcher;
}

export const officialName: LintRule = {
  id: 'lint.official-name',
  severity: 'error',
  title: '国家、机关、领导人名称写错（如“中华人民共合国”），网站检查中属严重表述错误',
  check(subject, { settings }) {
    const matcher = matcherFor(settings);
    const out: Finding[] = [];
    for (const t of subject.texts) {
      if (t.kind === 'url') continue;
      for (const m of matcher.find(t.text)) {
        out.push({
          at: t.at(m.start),
          message: `名称写错了：“${m.written}”应为“${m.entry.right}”。政府网站检查中，国家和机关名称错误属于严重表述错误。`,
          hint: `改为“${m.entry.right}”。`,
          value: m.written,
        });
      }
    }
    return out;
  },
};
