/**
 * loadContent on a valid project with one random mutation: file text, encodings, file and folder
 * names, symlinks out of the project, stray files, changed table cells. Each run loads a real
 * project (about 0.3 s on a loaded machine), so these properties have few runs; run them longer
 * with NIANBAO_FUZZ_RUNS (see fuzz-settings.ts).
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/index.ts';
import { BASE, BROKEN } from '../helpers/content-fixtures.ts';
import { treeSnapshot } from '../helpers/tree-snapshot.ts';
import { fuzzParameters, fuzzTimeout, nastyText, scaled } from './fuzz-settings.ts';

const sandbox = mkdtempSync(path.join(tmpdir(), 'nianbao-fuzz-load-'));
afterAll(() => rmSync(sandbox, { recursive: true, force: true }));
const project = path.join(sandbox, 'project');
const content = path.join(project, 'content');
const sentinel = path.join(sandbox, 'sentinel');
mkdirSync(sentinel);
writeFileSync(path.join(sentinel, 'report.yaml'), 'title: 不属于项目\n');
writeFileSync(path.join(sentinel, '01-x.md'), '---\ntitle: 外面\n---\n');

/** The content files of the base project, relative to content/. */
const files = (readdirSync(path.join(BASE, 'content'), { recursive: true, encoding: 'utf8' }) as string[])
  .filter((f) => /\.(md|ya?ml)$/.test(f))
  .sort();
const gbk = readFileSync(path.join(BROKEN, '08-encoding-gbk', 'files', 'content', 'reports', 'fz-2022', '05-xiayibu.md'));

const freshProject = () => {
  rmSync(project, { recursive: true, force: true });
  cpSync(BASE, project, { recursive: true });
};

const nastyName = fc.oneof(
  fc.constantFrom('.hidden', '..x', 'x..', 'a b', '中文', '.', 'x.md.', '01-a b.md', '01-x.MD', '.01-x.md', 'report.yml', ' report.yaml', '-x', 'x\\..\\y'),
  fc.string({ minLength: 1, maxLength: 8 }),
).filter((n) => n !== '.' && n !== '..' && !n.includes('/') && !n.includes('\0'));

type Mutation =
  | { kind: 'text'; file: string; at: number; len: number; insert: string }
  | { kind: 'line'; file: string; at: number; insert: string }
  | { kind: 'utf16' | 'gbk'; file: string; at: number }
  | { kind: 'rename'; file: string; folder: boolean; name: string }
  | { kind: 'symlink'; where: string; name: string; target: 'dir' | 'file' | 'nowhere' }
  | { kind: 'stray'; where: string; name: string; bytes: Uint8Array };

const folders = ['', 'reports', 'reports/xx-2022', 'reports/fz-2022'];
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('text' as const), file: fc.constantFrom(...files), at: fc.nat(), len: fc.nat({ max: 30 }), insert: nastyText() }),
  fc.record({ kind: fc.constant('line' as const), file: fc.constantFrom(...files), at: fc.nat(), insert: nastyText() }),
  fc.record({ kind: fc.constantFrom('utf16' as const, 'gbk' as const), file: fc.constantFrom(...files), at: fc.nat() }),
  fc.record({ kind: fc.constant('rename' as const), file: fc.constantFrom(...files), folder: fc.boolean(), name: nastyName }),
  fc.record({ kind: fc.constant('symlink' as const), where: fc.constantFrom(...folders), name: nastyName, target: fc.constantFrom('dir' as const, 'file' as const, 'nowhere' as const) }),
  fc.record({ kind: fc.constant('stray' as const), where: fc.constantFrom(...folders), name: nastyName, bytes: fc.uint8Array({ maxLength: 64 }) }),
);

function apply(m: Mutation): void {
  if (m.kind === 'symlink' || m.kind === 'stray') {
    const at = path.join(content, m.where, m.name);
    if (existsSync(at)) return;
    if (m.kind === 'stray') writeFileSync(at, m.bytes);
    else symlinkSync(m.target === 'dir' ? sentinel : m.target === 'file' ? path.join(sentinel, 'report.yaml') : path.join(sandbox, 'nowhere'), at);
    return;
  }
  const file = path.join(content, m.file);
  if (m.kind === 'rename') {
    const from = m.folder ? path.dirname(file) : file;
    const to = path.join(path.dirname(from), m.name);
    if (from !== content && !existsSync(to)) renameSync(from, to);
    return;
  }
  const text = readFileSync(file, 'utf8');
  const i = m.at % (text.length + 1);
  if (m.kind === 'text') writeFileSync(file, text.slice(0, i) + m.insert + text.slice(i + m.len));
  else if (m.kind === 'line') {
    const lines = text.split('\n');
    lines[m.at % lines.length] = m.insert;
    writeFileSync(file, lines.join('\n'));
  } else if (m.kind === 'utf16') writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
  else {
    const b = Buffer.from(text, 'utf8');
    const j = m.at % (b.length + 1);
    writeFileSync(file, Buffer.concat([b.subarray(0, j), gbk.subarray(0, 40), b.subarray(j)]));
  }
}

describe('fuzz: loadContent on mutated projects', () => {
  const runs = 40;
  it(`never throws, never writes, answers the same twice (${scaled(runs)} runs)`, { timeout: fuzzTimeout(runs, 800) }, () => {
    const outside = treeSnapshot(sentinel);
    fc.assert(
      fc.property(mutation, (m) => {
        freshProject();
        apply(m);
        const before = treeSnapshot(project);
        const first = loadContent(project);
        for (const d of first.diagnostics) {
          expect(d.message).toMatch(/[\u4e00-\u9fff]/);
          expect(Number.isInteger(d.line) && d.line >= 0).toBe(true);
        }
        // A symlink out of the project is never read as content.
        if (m.kind === 'symlink') expect(first.ok).toBe(false);
        expect(loadContent(project).diagnostics).toEqual(first.diagnostics);
        expect(treeSnapshot(project)).toEqual(before);
        expect(treeSnapshot(sentinel)).toEqual(outside);
      }),
      fuzzParameters(runs),
    );
  });
});

/** Cells of the 信息公开 tables 三 and 四: each takes part in a sum rule of the template. */
const tableRows = (file: string) =>
  readFileSync(path.join(BASE, 'content', file), 'utf8')
    .split('\n')
    .map((line, i) => ({ line: i, m: /^(\s+[a-z-]+: )\[([^\]]+)\]$/.exec(line) }))
    .filter((r) => r.m)
    .map((r) => ({ file, line: r.line, prefix: r.m![1]!, cells: r.m![2]!.split(',').map((c) => c.trim()) }));
const ruleRows = [...tableRows('reports/xx-2022/03-shenqing-chuli.md'), ...tableRows('reports/xx-2022/04-fuyi-susong.md')];

describe('fuzz: a changed cell of a sum rule never passes', () => {
  const runs = 30;
  const cellEdit = fc.record({
    row: fc.constantFrom(...ruleRows),
    column: fc.nat(),
    value: fc.oneof(
      fc.integer({ min: -5, max: 5000 }).map(String),
      fc.constantFrom('/', '"/"', '三十六', '"1,268"', 'abc', '0.5', '~', '""', '[]', '{}', '1e3', '.nan'),
    ),
  });
  it(`loadContent is not ok when one cell of table 三 or 四 changes (${scaled(runs)} runs)`, { timeout: fuzzTimeout(runs, 600) }, () => {
    fc.assert(
      fc.property(cellEdit, ({ row, column, value }) => {
        const c = column % row.cells.length;
        fc.pre(value !== row.cells[c] && Number(value) !== Number(row.cells[c]));
        freshProject();
        const file = path.join(content, row.file);
        const lines = readFileSync(file, 'utf8').split('\n');
        const cells = [...row.cells];
        cells[c] = value;
        lines[row.line] = `${row.prefix}[${cells.join(', ')}]`;
        writeFileSync(file, lines.join('\n'));
        const r = loadContent(project);
        expect(r.ok).toBe(false);
        // The error is at the changed file; no rule computes with a cell shown as "/" (read as 0).
        expect(r.diagnostics.some((d) => d.severity === 'error' && d.file === `content/${row.file}`)).toBe(true);
        for (const d of r.diagnostics) if (d.rule.startsWith('rule.') && d.severity === 'error') expect(d.message).not.toMatch(/\] \/$/m);
      }),
      fuzzParameters(runs),
    );
  });
});
