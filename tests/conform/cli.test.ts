/** `nianbao conform` as a clerk runs it: the table, the exit codes, JSON, files it cannot read. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliParallel } from '../helpers/cli.ts';

const FIXTURES = path.join(import.meta.dirname, '../fixtures/conform');

/** A one-page A4 PDF with a grey box and no text, as a scanner without OCR makes. */
function scanPdf(): string {
  const content = '0.5 g 100 100 395 642 re f';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 841.89] /Contents 4 0 R >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return pdf;
}
const SCAN = scanPdf();
const temp = mkdtempSync(path.join(tmpdir(), 'nianbao-conform-cli-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe.concurrent('nianbao conform', () => {
  it('prints the table and exits 1 when a rule fails', async () => {
    const r = await runCliParallel(['conform', path.join(FIXTURES, 'page-numbers-plain.pdf')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/规则\s+要求\s+实测\s+结果/);
    expect(r.stdout).toMatch(/页码样式\s+.*“1”.*不通过/);
    expect(r.stdout).toContain('问题所在：');
    expect(r.stdout).toContain('✗ 不符合公文格式');
  });

  it('exits 0 for a document that follows the standard, with notes on substituted faces', async () => {
    const r = await runCliParallel(['conform', path.join(FIXTURES, 'scratch-a4.pdf')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✓ 符合公文格式');
    expect(r.stdout).toMatch(/字体替换.*提示/);
  });

  it('fails on substituted faces with --strict', async () => {
    const r = await runCliParallel(['conform', '--strict', '--json', path.join(FIXTURES, 'scratch-a4.pdf')]);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout) as { ok: boolean; strict: boolean; rules: { id: string; status: string; statusLabel: string; measured: string }[] };
    expect(json.strict).toBe(true);
    const fonts = json.rules.find((x) => x.id === 'fonts')!;
    expect(fonts).toMatchObject({ status: 'fail', statusLabel: '不通过' });
    expect(fonts.measured).toContain('UMingCN');
  });

  it('writes every rule as JSON', async () => {
    const r = await runCliParallel(['conform', '--json', path.join(FIXTURES, 'impossible-date.pdf')]);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout) as { ok: boolean; kind: string; rules: { id: string; rule: string; expected: string; measured: string; status: string; details: string[] }[] };
    expect(json).toMatchObject({ ok: false, kind: 'pdf' });
    expect(json.rules.length).toBeGreaterThanOrEqual(25);
    expect(json.rules.find((x) => x.id === 'dates')).toMatchObject({ rule: '日期', status: 'fail' });
    expect(json.rules.find((x) => x.id === 'dates')!.details.join()).toContain('2025年2月29日');
  });

  it.each([
    ['a missing file', 'nothing.pdf', null, '找不到文件'],
    ['a text file called .pdf', 'broken.pdf', 'hello', '内容却不是 PDF'],
    ['a damaged .docx', 'broken.docx', 'PK\u0003\u0004 not really a zip', '不是有效的 Word'],
    ['an old .doc', 'old.doc', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), '另存为 .docx'],
    ['another kind of file', 'notes.txt', '会议纪要', '只能检查 .docx 和 .pdf'],
    ['a PDF without text (a scan)', 'scan.pdf', SCAN, '没有文字'],
  ])('exits 2 with a Chinese message for %s', async (_what, name, content, message) => {
    const file = path.join(temp, name);
    if (content !== null) writeFileSync(file, content);
    const r = await runCliParallel(['conform', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`无法检查 ${file}`);
    expect(r.stderr).toContain(message);
  });

  it('is listed in the help', async () => {
    const r = await runCliParallel(['--help']);
    expect(r.stdout).toContain('conform');
    expect(r.stdout).toContain('GB/T 9704');
  });
});
