/**
 * `nianbao conform` on documents that break GB/T 9704 on purpose (tests/fixtures/conform/, made by
 * LibreOffice from edited Word files and from flat ODT written from scratch): each fails with the
 * rule it breaks named, and only with that rule or its stated consequences; the unedited controls
 * pass every rule.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { conformFile, type ConformReport } from '../../src/conform/conform.ts';
import { readDocx } from '../../src/conform/docx-read.ts';
import { formatReport } from '../../src/conform/format.ts';
import { evaluate } from '../../src/conform/rules.ts';
import { wrongDocuments } from '../fixtures/conform/documents.ts';

const DIR = path.join(import.meta.dirname, '../fixtures/conform');
const docs = wrongDocuments(DIR);
const reports = new Map<string, ConformReport>();

beforeAll(async () => {
  // Two at a time: the measuring is pdfjs on this thread and poppler in a child process.
  const queue = [...docs];
  const work = async () => {
    for (let d = queue.shift(); d; d = queue.shift()) reports.set(d.name, await conformFile(d.file, { rendered: d.rendered }));
  };
  await Promise.all([work(), work()]);
});

describe('the set', () => {
  it('has at least 12 deliberately wrong documents, Word and PDF, and controls that are right', () => {
    const wrong = docs.filter((d) => d.fails.length);
    expect(wrong.length).toBeGreaterThanOrEqual(12);
    expect(new Set(wrong.map((d) => d.name.replace(/\.pdf$/, ''))).size).toBeGreaterThanOrEqual(12);
    expect(wrong.some((d) => d.kind === 'pdf')).toBe(true);
    expect(docs.filter((d) => !d.fails.length).map((d) => d.name)).toEqual(expect.arrayContaining(['base', 'filing', 'filing.pdf', 'scratch-a4.pdf']));
    // The faults the issue names, each broken by at least one document.
    for (const rule of ['margin-top', 'line-pitch', 'body-font', 'page-number-form', 'page-number-position', 'colophon', 'line-start', 'doc-number', 'dates', 'lone-char', 'page-size', 'title']) {
      expect(wrong.some((d) => d.fails.includes(rule)), rule).toBe(true);
    }
  });
});

describe.each(docs.map((d) => [d.name, d] as const))('%s', (name, doc) => {
  it(doc.fails.length ? `fails ${doc.fails.join(', ')}: ${doc.fault}` : `passes every rule: ${doc.fault}`, () => {
    const report = reports.get(name)!;
    const failed = report.results.filter((r) => r.status === 'fail');
    const ids = failed.map((r) => r.id);
    const table = formatReport(report);
    for (const rule of doc.fails) expect(ids, `${rule}\n${table}`).toContain(rule);
    for (const id of ids) expect([...doc.fails, ...(doc.alsoMay ?? [])], `unexpected failure ${id}\n${table}`).toContain(id);
    expect(report.ok).toBe(doc.fails.length === 0);
    // The table names each broken rule in Chinese, with what was measured.
    for (const r of failed) {
      expect(r.rule).toMatch(/\p{Script=Han}/u);
      expect(r.measured).not.toBe('—');
      expect(table).toContain(r.rule);
    }
  });
});

describe('what the table says about a fault', () => {
  const rule = (doc: string, id: string) => reports.get(doc)!.results.find((r) => r.id === id)!;

  it('gives the margins in millimetres, from the XML and from the printed page', () => {
    expect(rule('margins', 'margin-top').measured).toContain('XML：30 mm');
    expect(rule('margins.pdf', 'margin-top').measured).toMatch(/约 30(\.\d)? mm/);
    expect(rule('margins', 'margin-left').measured).toContain('XML：22 mm');
  });

  it('measures the line pitch of a document in 1.5 line spacing, and the lines it fits on a page', () => {
    // 1.5 lines of the face LibreOffice puts in for 仿宋_GB2312 here (Word's 仿宋 makes them wider).
    expect(Math.abs(Number(/([\d.]+) 磅/.exec(rule('line-spacing', 'line-pitch').measured)![1]) - 28.95)).toBeGreaterThan(1);
    expect(Number(/(\d+) 行/.exec(rule('line-spacing', 'lines-per-page').measured)![1])).not.toBe(22);
  });

  it('names the face asked for, the page and the text where a line breaks a rule', () => {
    expect(rule('body-songti', 'body-font').measured).toContain('宋体');
    expect(rule('line-start-period', 'line-start').details.join()).toMatch(/第 1 页“，在门户网站/);
    expect(rule('lone-character', 'lone-char').details.join()).toMatch(/“[\p{Script=Han}]。”/u);
    expect(rule('doc-number-zero', 'doc-number').details.join()).toContain('序号不编虚位');
    expect(rule('doc-number-brackets', 'doc-number').details.join()).toContain('六角括号');
    expect(rule('impossible-date', 'dates').details.join()).toContain('2025年2月只有 28 天');
    expect(rule('page-numbers-right', 'page-number-position').details.join()).toMatch(/第 2 页（双页）.*排在右侧/);
    expect(rule('colophon-misplaced', 'colophon').details.join()).toContain('不在版心最后一行');
    expect(rule('mark-low', 'issuer-mark').measured).toMatch(/4[4-6](\.\d)? mm/);
    expect(rule('rule-short', 'red-rule').measured).toMatch(/宽 12[01](\.\d)? mm/);
    expect(rule('attachment-mismatch', 'attachments').details.join()).toContain('辰溪县行政复议案件统计表');
  });

  it('measures the 版头 and 版记 of a filing copy as the standard places them', () => {
    const filing = reports.get('filing.pdf')!;
    const mark = filing.results.find((r) => r.id === 'issuer-mark')!;
    expect(mark.status).toBe('pass');
    expect(Math.abs(Number(/([\d.]+) mm/.exec(mark.measured)![1]) - 35)).toBeLessThanOrEqual(1);
    expect(filing.results.find((r) => r.id === 'red-rule')!.status).toBe('pass');
    expect(filing.results.find((r) => r.id === 'colophon')!.status).toBe('pass');
    expect(filing.results.find((r) => r.id === 'title-position')!.measured).toContain('红色分隔线下空 2 行');
    // Without a 版头 these rules do not apply.
    expect(reports.get('base')!.results.find((r) => r.id === 'issuer-mark')!.status).toBe('na');
  });
});

describe('a Word file that could not be laid out (no LibreOffice)', () => {
  it('is still judged on what its XML asks for', async () => {
    const judge = async (name: string) => evaluate({ kind: 'docx', strict: false, docx: await readDocx(path.join(DIR, `${name}.docx`)), renderProblem: '没有找到 LibreOffice' });
    const spacing = await judge('line-spacing');
    expect(spacing.find((r) => r.id === 'line-pitch')!.status).toBe('fail');
    expect(spacing.find((r) => r.id === 'chars-per-line')!).toMatchObject({ status: 'na', measured: '需要排版后才能量（见上方测量依据）' });
    expect((await judge('margins')).filter((r) => r.status === 'fail').map((r) => r.id)).toEqual(['margin-top', 'margin-left']);
    expect((await judge('body-songti')).filter((r) => r.status === 'fail').map((r) => r.id)).toEqual(['body-font']);
    expect((await judge('base')).filter((r) => r.status === 'fail')).toEqual([]);
  });
});
