/**
 * A scratch project whose body ends at the foot of a page, so that the closing would go over to a
 * page of its own (GB/T 9704-2012 7.3.5.5): the base fixture's 法治政府 report with its last section
 * made of plain paragraphs whose public print ends on the last line of page 2, and the 信息公开
 * report sealed, its filing copy's body filling page 4 (four lines short of the sealed closing;
 * table 3 repeats its group labels on its continuation page, which makes it a line taller). The lengths were found by printing; the tests check that the signature
 * was found alone (the build says so) before they measure anything. The charts a report's sums
 * give the print and the Word file are turned off (`docx.charts: false`): they would move the page ends.
 */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { copyProject } from '../helpers/content-fixtures.ts';

const PHRASE = '全面推进法治政府建设坚持依法行政规范权力运行提升治理能力和服务水平';
/** A paragraph of `n` characters, its stop included. */
const paragraph = (n: number) => `${PHRASE.repeat(Math.ceil(n / PHRASE.length)).slice(0, n - 1)}。`;

/** The last sentence of each report's body, to find where the body ends on the printed page. */
export const LAST_BODY_TEXT = { 'fz-2022': paragraph(278).slice(-12), 'xx-2022': '政务公开专栏公开。' } as const;

export interface SignatureProjectOptions {
  signaturePage?: 'note';
  /**
   * Lines of text added at the end of the 信息公开 report. LibreOffice lays its tables out a little
   * shorter than Chromium: five more lines make its filing copy's body fill the page in the Word file.
   */
  extraLines?: number;
}

export function signatureProject({ signaturePage, extraLines }: SignatureProjectOptions = {}): string {
  const root = copyProject();
  const reports = path.join(root, 'content/reports');
  writeFileSync(
    path.join(reports, 'fz-2022/05-xiayibu.md'),
    `---\ntitle: 下一步努力方向\nlevel: 1\n---\n\n${[166, 166, 166, 278].map(paragraph).join('\n\n')}\n`,
  );
  appendFileSync(path.join(reports, 'xx-2022/report.yaml'), 'filing:\n  sealing: sealed\n');
  const last = path.join(reports, 'xx-2022/06-qita-shixiang.md');
  // The added paragraphs end as the report's last paragraph does (LAST_BODY_TEXT).
  const extra = extraLines
    ? `\n\n全面推进法治政府建设坚持依法行政规范权力运行。\n\n${PHRASE.repeat(6).slice(0, 26 + 28 * (extraLines - 1) - 9)}政务公开专栏公开。`
    : '';
  writeFileSync(last, `${readFileSync(last, 'utf8').trimEnd()}${extra}\n`);
  // Without the printed charts the lengths above were measured for (docx.charts).
  appendFileSync(path.join(root, 'content/site.yaml'), `docx:\n  charts: false\n${signaturePage ? `  signaturePage: ${signaturePage}\n` : ''}`);
  return root;
}
