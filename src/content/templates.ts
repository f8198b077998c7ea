import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { diag, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { Template } from '../schema/template.ts';
import { readText } from './read-text.ts';
import { validateYaml } from './schema-diagnostics.ts';
import { parseYamlSource } from './yaml-source.ts';

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
  find(type: string, version?: string): TemplateEntry | undefined;
}

/** Reads `templates/<type>/<version>/template.yaml`. */
export function loadTemplates(dir: string, displayRoot: string): { registry: TemplateRegistry; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const byType = new Map<string, TemplateEntry[]>();
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
        const parsed = parseYamlSource(read.text, rel(file));
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
        const list = byType.get(type) ?? [];
        list.push({ template, dir: versionDir, skeletonDir: path.join(versionDir, 'skeleton') });
        byType.set(type, list);
      }
    }
  }
  return {
    diagnostics,
    registry: {
      dir,
      byType,
      find(type, version) {
        const versions = byType.get(type);
        if (!versions) return undefined;
        return version === undefined ? versions[versions.length - 1] : versions.find((v) => v.template.version === version);
      },
    },
  };
}

function compareVersions(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}
