import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { diag, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { Template } from '../schema/template.ts';
import { bridgePairs, templateCellIds } from './bridges.ts';
import { eachCombination, substitute } from './rules.ts';
import { readText } from './read-text.ts';
import { validateYaml } from './schema-diagnostics.ts';
import { parseSharedYamlSource, type YamlSource } from './yaml-source.ts';

/** The templates shipped with nianbao. A project's own `templates/` folder takes their place. */
export const BUILTIN_TEMPLATES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../templates');

export interface TemplateEntry {
  template: Template;
  dir: string;
  /** Folder whose files `nianbao new` copies. */
  skeletonDir: string;
}

export interface TemplateRegistry {
  dir: string;
  /** type id → versions, newest last. */
  byType: Map<string, TemplateEntry[]>;
  /** A version by name; without one, the newest version for `year` (its `years:`), else the newest. */
  find(type: string, version?: string, year?: number): TemplateEntry | undefined;
}

/** Reads `templates/<type>/<version>/template.yaml`. */
export function loadTemplates(dir: string, displayRoot: string): { registry: TemplateRegistry; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const byType = new Map<string, TemplateEntry[]>();
  const sources = new Map<Template, YamlSource>();
  const rel = (p: string) => path.relative(displayRoot, p).split(path.sep).join('/');
  if (!existsSync(dir)) {
    diagnostics.push(diag('error', 'template.missing-dir', { file: rel(dir), line: 0, column: 0 }, '找不到模板文件夹 templates/。'));
  } else {
    for (const type of readdirSync(dir).sort()) {
      const typeDir = path.join(dir, type);
      if (!statSync(typeDir).isDirectory()) continue;
      for (const version of readdirSync(typeDir).sort(compareVersions)) {
        const versionDir = path.join(typeDir, version);
        const file = path.join(versionDir, 'template.yaml');
        if (!existsSync(file)) continue;
        const read = readText(file, rel(file));
        if (!read.ok) {
          diagnostics.push(...read.diagnostics);
          continue;
        }
        const parsed = parseSharedYamlSource(read.text, rel(file));
        if (!parsed.ok) {
          diagnostics.push(...parsed.diagnostics);
          continue;
        }
        const checked = validateYaml(Template, parsed.source);
        if (!checked.ok) {
          diagnostics.push(...checked.diagnostics);
          continue;
        }
        const template = checked.data;
        if (template.id !== type || template.version !== version) {
          diagnostics.push(
            diag('error', 'template.identity', parsed.source.positionOf(['id']), `模板的 id/version（${template.id}/${template.version}）与所在文件夹（${type}/${version}）不一致。`),
          );
          continue;
        }
        sources.set(template, parsed.source);
        const list = byType.get(type) ?? [];
        list.push({ template, dir: versionDir, skeletonDir: path.join(versionDir, 'skeleton') });
        byType.set(type, list);
      }
    }
  }
  for (const versions of byType.values()) {
    for (const { template } of versions) diagnostics.push(...checkCrossVersion(template, versions.map((v) => v.template), sources.get(template)!));
  }
  return {
    diagnostics,
    registry: {
      dir,
      byType,
      find(type, version, year) {
        const versions = byType.get(type);
        if (!versions) return undefined;
        if (version !== undefined) return versions.find((v) => v.template.version === version);
        const forYear = year === undefined ? undefined : versions.findLast((v) => (v.template.years?.from ?? -Infinity) <= year && year <= (v.template.years?.to ?? Infinity));
        return forYear ?? versions[versions.length - 1];
      },
    },
  };
}

/** Bridges and continuity rules name cells that exist: a typo would silently compare nothing. */
function checkCrossVersion(template: Template, versions: Template[], source: YamlSource): Diagnostic[] {
  const out: Diagnostic[] = [];
  const own = templateCellIds(template);
  template.bridges.forEach((bridge, i) => {
    const at = source.positionOf(['bridges', i]);
    const other = versions.find((v) => v.version === bridge.version);
    if (!other || other === template) {
      out.push(diag('error', 'template.bridge-version', at, `bridges 指向的版本 ${bridge.version} 不是 ${template.id} 的另一个版本。`, { hint: `可用的版本：${versions.filter((v) => v !== template).map((v) => v.version).join('、') || '（无）'}。` }));
      return;
    }
    const theirs = templateCellIds(other);
    const bad = bridgePairs(bridge).flatMap(([from, to]) => [...(own.has(from) ? [] : [`${from}（本版没有这个格子）`]), ...(theirs.has(to) ? [] : [`${to}（${other.version} 版没有这个格子）`])]);
    if (bad.length) out.push(diag('error', 'template.bridge-cell', at, `bridges 里的格子编号不存在：${bad.slice(0, 5).join('、')}${bad.length > 5 ? ` 等 ${bad.length} 个` : ''}。`, { hint: '格子编号是 表格.行.列，如 shenqing.jiezhuan.zongji。' }));
  });
  template.continuity.forEach((rule, i) => {
    const ids = eachCombination(rule.each).flatMap((combo) => [rule.current, ...[rule.previous].flat(), ...rule.plus, ...rule.minus].map((id) => substitute(id, combo)));
    const bad = [...new Set(ids.filter((id) => !own.has(id)))];
    if (bad.length) out.push(diag('error', 'template.continuity-cell', source.positionOf(['continuity', i]), `continuity 规则「${rule.description}」的格子编号不存在：${bad.join('、')}。`, { hint: '格子编号是本版模板的 表格.行.列；上一年的格子也写本版的编号，换了格式的年份按 bridges 对应。' }));
  });
  return out;
}

function compareVersions(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}
