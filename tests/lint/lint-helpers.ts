import { parseYamlSource } from '../../src/content/yaml-source.ts';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.ts';
import { lintContent } from '../../src/lint/index.ts';
import { parseMarkdown } from '../../src/markdown/parse.ts';
import { LintSettings } from '../../src/schema/site.ts';

/** Lints one Markdown body (as a section file whose body starts on line 1). */
export function lintMarkdown(markdown: string, settings: Partial<LintSettings> = {}): Diagnostic[] {
  const { tree } = parseMarkdown(markdown, 1);
  return lintContent([{ file: 'body.md', kind: 'section', body: tree }], {
    settings: LintSettings.parse(settings),
    siteDomain: 'www.chenxi.gov.cn',
  });
}

/** Lints a YAML file's values (report.yaml or site.yaml). */
export function lintYaml(yaml: string, kind: 'report' | 'site' = 'report'): Diagnostic[] {
  const parsed = parseYamlSource(yaml, `${kind}.yaml`);
  if (!parsed.ok) throw new Error(parsed.diagnostics.map((d) => d.message).join('\n'));
  return lintContent([{ file: `${kind}.yaml`, kind, yaml: parsed.source }], { siteDomain: 'www.chenxi.gov.cn' });
}

export const ofRule = (diagnostics: Diagnostic[], rule: string) => diagnostics.filter((d) => d.rule === rule);
