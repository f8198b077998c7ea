/**
 * Content lint: rules over every text that gets published (titles, labels, body, links, raw HTML,
 * report metadata, site.yaml). Called by the content loader, so `check`, `build` and the site all
 * refuse content with lint errors.
 */
import type { YamlSource } from '../diagnostics/diagnostic.ts';
import { diag, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { LintSettings } from '../schema/site.ts';
import { collectSubject } from './collect.ts';
import type { LintRule } from './rule.ts';
import { LINT_RULES } from './rules/index.ts';
import type { LintSource } from './subject.ts';

export type { LintSource } from './subject.ts';
export { LINT_RULES } from './rules/index.ts';

export interface LintOptions {
  settings?: LintSettings;
  siteDomain?: string;
  /** site.yaml, to point at a misspelt rule id in `lint.levels`. */
  siteSource?: YamlSource;
  rules?: readonly LintRule[];
}

export function lintContent(sources: readonly LintSource[], options: LintOptions = {}): Diagnostic[] {
  const settings = options.settings ?? LintSettings.parse({});
  const rules = options.rules ?? LINT_RULES;
  const diagnostics: Diagnostic[] = [];
  const known = new Set(LINT_RULES.map((r) => r.id));
  for (const id of Object.keys(settings.levels)) {
    if (known.has(id)) continue;
    const at = options.siteSource?.positionOf(['lint', 'levels', id], 'key') ?? { file: 'content/site.yaml', line: 0, column: 0 };
    diagnostics.push(
      diag('error', 'lint.unknown-rule', at, `lint.levels 里的“${id}”不是检查规则的编号。`, {
        hint: `可用的编号：${[...known].join('、')}。`,
        value: id,
      }),
    );
  }
  const subject = collectSubject(sources);
  const seen = new Set<string>();
  for (const rule of rules) {
    const level = settings.levels[rule.id] ?? rule.severity;
    if (level === 'off') continue;
    for (const f of rule.check(subject, { settings, siteDomain: options.siteDomain })) {
      const key = `${rule.id}\u0000${f.at.file}\u0000${f.at.line}\u0000${f.at.column}\u0000${f.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      diagnostics.push(diag(level, rule.id, f.at, f.message, { hint: f.hint, value: f.value }));
    }
  }
  return diagnostics;
}
