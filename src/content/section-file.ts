import matter from 'gray-matter';
import type { Root } from 'mdast';
import { diag, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { parseMarkdown } from '../markdown/parse.ts';
import type { DirectiveProblem } from '../markdown/metric-ref.ts';
import { SectionFrontmatter } from '../schema/section.ts';
import { readText } from './read-text.ts';
import { validateYaml } from './schema-diagnostics.ts';
import { parseYamlSource, type YamlSource } from './yaml-source.ts';

export interface SectionFile {
  file: string;
  frontmatter: SectionFrontmatter;
  source: YamlSource;
  body: Root;
  directiveProblems: DirectiveProblem[];
}

// gray-matter only splits the file here; the YAML is parsed by `yaml` so that positions survive.
const splitOnly = { engines: { yaml: (s: string) => ({ raw: s }) as object } };

/** Reads `NN-name.md`: YAML frontmatter between `---` lines, then Markdown. */
export function readSectionFile(absPath: string, file: string): { ok: true; section: SectionFile } | { ok: false; diagnostics: Diagnostic[] } {
  const read = readText(absPath, file);
  if (!read.ok) return read;
  const text = read.text;
  if (!/^---[ \t]*\n/.test(text)) {
    return {
      ok: false,
      diagnostics: [
        diag('error', 'section.no-frontmatter', { file, line: 1, column: 1 }, '章节文件缺少开头的 frontmatter（至少要写标题）。', {
          hint: '在文件最前面加上：\n---\ntitle: 本节标题\n---',
        }),
      ],
    };
  }
  if (!/\n---[ \t]*(\n|$)/.test(text.slice(3))) {
    return {
      ok: false,
      diagnostics: [
        diag('error', 'section.unclosed-frontmatter', { file, line: 1, column: 1 }, 'frontmatter 没有结束的 --- 行。', {
          hint: '在字段之后、正文之前单独写一行 ---。',
        }),
      ],
    };
  }
  const parts = matter(text, splitOnly as never);
  const raw = (parts.data as { raw?: string }).raw ?? '';
  const bodyFirstLine = text.slice(0, text.length - parts.content.length).split('\n').length;
  // gray-matter keeps the newline that ends the opening `---` line.
  const parsed = parseYamlSource(raw, file, raw.startsWith('\n') ? 1 : 2);
  if (!parsed.ok) return parsed;
  const fm = parsed.source.data ?? {};
  const checked = validateYaml(SectionFrontmatter, parsed.source, fm);
  if (!checked.ok) return checked;
  const { tree, problems } = parseMarkdown(parts.content, bodyFirstLine);
  return { ok: true, section: { file, frontmatter: checked.data, source: parsed.source, body: tree, directiveProblems: problems } };
}
