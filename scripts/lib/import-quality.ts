/**
 * Import quality over the corpus in tests/fixtures/import/: each document is imported into a
 * scratch project and compared with its `<name>.expected.yaml` (written by hand with the document,
 * see make-corpus.ts): headings, table cells, figures and their labels, metadata fields.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import { parse } from 'yaml';
import { importReport, type ImportResult } from '../../src/import/import-report.ts';
import type { DocConverter } from '../../src/import/doc-conversion.ts';

export const CORPUS = path.resolve(import.meta.dirname, '../../tests/fixtures/import');
const BASE_PROJECT = path.resolve(import.meta.dirname, '../../tests/fixtures/base');

type Cell = number | '/' | null;
export interface Expected {
  meta: Record<string, unknown>;
  outline: [number, string][];
  tables: Record<string, Record<string, Cell[]>>;
  figures: { written: string; label: string }[];
}

export interface Imported {
  meta: Record<string, unknown>;
  outline: [number, string][];
  tables: Record<string, Record<string, Cell[]>>;
  figures: { written: string; label: string }[];
  result: ImportResult;
}

export interface Score {
  right: number;
  total: number;
}
export interface DocumentScore {
  file: string;
  headings: Score;
  cells: Score;
  figures: Score;
  labels: Score;
  metadata: Score;
  /** What differs, for the test's message and the script's listing. */
  differences: string[];
}

export function corpusFiles(): string[] {
  return readdirSync(CORPUS)
    .filter((n) => /\.(txt|html|docx|doc|pdf)$/.test(n))
    .sort();
}

export function expectedOf(file: string): Expected {
  const base = file.replace(/\.(txt|html|docx|doc|pdf)$/, '');
  return parse(readFileSync(path.join(CORPUS, `${base}.expected.yaml`), 'utf8')) as Expected;
}

/** A scratch project inside this repository's cache folder (nothing is written elsewhere). */
export function scratchProject(root: string): string {
  const dir = path.join(root, '.cache', 'nianbao', `import-quality-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.dirname(dir), { recursive: true });
  cpSync(BASE_PROJECT, dir, { recursive: true });
  return dir;
}

/** Imports one corpus document and reads back what import wrote. */
export async function importOne(file: string, project: string, docs?: DocConverter): Promise<Imported> {
  const slug = file.replace(/\.[a-z]+$/, '').toLowerCase();
  const result = await importReport(path.join(CORPUS, file), { project, slug, force: true, docs });
  const dir = result.dir;
  const meta = (parse(readFileSync(path.join(dir, 'report.yaml'), 'utf8')) ?? {}) as Record<string, unknown>;
  const outline: [number, string][] = [];
  const tables: Record<string, Record<string, Cell[]>> = {};
  for (const name of readdirSync(dir).filter((n) => /^\d+-.*\.md$/.test(n)).sort()) {
    const parsed = matter(readFileSync(path.join(dir, name), 'utf8'));
    const fm = parsed.data as { title: string; level: number; tables?: Record<string, Record<string, Cell[]>> };
    outline.push([fm.level, fm.title]);
    for (const line of parsed.content.split('\n')) {
      const h = /^(#{3,4}) (.+)$/.exec(line);
      if (h) outline.push([h[1]!.length, h[2]!]);
    }
    for (const [t, rows] of Object.entries(fm.tables ?? {})) tables[t] = { ...tables[t], ...rows };
  }
  const figures = [...result.metrics.map((m) => ({ written: m.written, label: m.input.label })), ...result.cellReferences.map((c) => ({ written: c.written, label: c.label }))];
  return { meta, outline, tables, figures, result };
}

export function score(file: string, expected: Expected, got: Imported): DocumentScore {
  const differences: string[] = [];
  const headings: Score = { right: 0, total: Math.max(expected.outline.length, got.outline.length) };
  expected.outline.forEach(([level, title], i) => {
    const g = got.outline[i];
    if (g && g[0] === level && g[1] === title) headings.right++;
    else differences.push(`标题 ${i + 1}：应为 ${level} 级「${title}」，导入为 ${g ? `${g[0]} 级「${g[1]}」` : '（无）'}`);
  });
  if (got.outline.length > expected.outline.length) differences.push(`多出标题：${got.outline.slice(expected.outline.length).map((h) => h[1]).join('、')}`);

  const cells: Score = { right: 0, total: 0 };
  for (const [t, rows] of Object.entries(expected.tables ?? {})) {
    for (const [r, values] of Object.entries(rows)) {
      values.forEach((v, c) => {
        cells.total++;
        const g = got.tables[t]?.[r]?.[c];
        if (g === v || (g === undefined && v === null && false)) cells.right++;
        else differences.push(`表格 ${t}.${r}[${c}]：应为 ${v === null ? '空' : v}，导入为 ${g === undefined ? '（无）' : g === null ? '空' : g}`);
      });
    }
  }

  const figures: Score = { right: 0, total: expected.figures.length };
  const labels: Score = { right: 0, total: expected.figures.length };
  const pool = [...got.figures];
  for (const f of expected.figures) {
    const i = pool.findIndex((g) => g.written === f.written);
    if (i < 0) {
      differences.push(`数字“${f.written}”（${f.label}）没有成为指标`);
      continue;
    }
    figures.right++;
    const [g] = pool.splice(i, 1);
    if (g!.label === f.label) labels.right++;
    else differences.push(`指标“${f.written}”的名称：应为「${f.label}」，导入为「${g!.label}」`);
  }

  const metadata: Score = { right: 0, total: 0 };
  for (const [k, v] of Object.entries(expected.meta)) {
    metadata.total++;
    if (String(got.meta[k]) === String(v)) metadata.right++;
    else differences.push(`${k}：应为「${String(v)}」，导入为「${got.meta[k] === undefined ? '（无）' : String(got.meta[k])}」`);
  }
  return { file, headings, cells, figures, labels, metadata, differences };
}

export async function runCorpus(root: string): Promise<DocumentScore[]> {
  const project = scratchProject(root);
  try {
    const out: DocumentScore[] = [];
    for (const file of corpusFiles()) out.push(score(file, expectedOf(file), await importOne(file, project)));
    return out;
  } finally {
    if (existsSync(project)) rmSync(project, { recursive: true, force: true });
  }
}

export function totals(scores: DocumentScore[]) {
  const sum = (k: 'headings' | 'cells' | 'figures' | 'labels' | 'metadata'): Score => ({
    right: scores.reduce((a, s) => a + s[k].right, 0),
    total: scores.reduce((a, s) => a + s[k].total, 0),
  });
  return { headings: sum('headings'), cells: sum('cells'), figures: sum('figures'), labels: sum('labels'), metadata: sum('metadata') };
}
