import matter from 'gray-matter';
import type { Root } from 'mdast';
import { diag, type Diagnostic, type SourcePosition } from '../diagnostics/diagnostic.ts';
import { parseMarkdown } from '../markdown/parse.ts';
import type { DirectiveProblem } from '../markdown/metric-ref.ts';
import { SectionFrontmatter } from '../schema/section.ts';
import { readText } from './read-text.ts';
import { validateYaml } from './schema-diagnostics.ts';
import { parseYamlSource, type YamlSource } from './yaml-source.ts';

/** A table cell that is neither a number nor `/`: reported by collectMetrics, which knows the labels. */
export interface BadCell {
  table: string;
  row: string;
  index: number;
  value: unknown;
  at: SourcePosition;
}

export interface SectionFile {
  file: string;
  /** Table cells that were not numbers; they read as `/` so that the rest of the file still loads. */
  badCells: BadCell[];
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
  const { data: fm, badCells } = takeBadCells(parsed.source.data ?? {}, parsed.source);
  const checked = validateYaml(SectionFrontmatter, parsed.source, fm);
  if (!checked.ok) return checked;
  const { tree, problems } = parseMarkdown(parts.content, bodyFirstLine);
  return { ok: true, section: { file, badCells, frontmatter: checked.data, source: parsed.source, body: tree, directiveProblems: problems } };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A cell written as text ("三十六点五", "1,268") would fail the whole frontmatter and take the
 * section's tables and elements with it (five false follow-on errors). It is set aside instead,
 * read as `/`, and reported once by collectMetrics with the table's own row and column names.
 */
function takeBadCells(data: unknown, source: YamlSource): { data: unknown; badCells: BadCell[] } {
  if (!isRecord(data) || !isRecord(data['tables'])) return { data, badCells: [] };
  const badCells: BadCell[] = [];
  const tables: Record<string, unknown> = {};
  for (const [table, rows] of Object.entries(data['tables'])) {
    if (!isRecord(rows)) {
      tables[table] = rows;
      continue;
    }
    const copy: Record<string, unknown> = {};
    for (const [row, cells] of Object.entries(rows)) {
      copy[row] = !Array.isArray(cells)
        ? cells
        : cells.map((value, index) => {
            // null is a blank of the source (kept by import): reported as table.blank-cell, not as text.
            if ((typeof value === 'number' && Number.isFinite(value)) || value === '/' || value === null) return value;
            badCells.push({ table, row, index, value, at: source.positionOf(['tables', table, row, index]) });
            return '/';
          });
    }
    tables[table] = copy;
  }
  return { data: { ...data, tables }, badCells };
}
