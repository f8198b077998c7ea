/**
 * Reading what a Word file asks for, on files made with the `docx` library as another program
 * would write them: headings numbered by Word's automatic numbering, faces set by styles.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AlignmentType, Document, LevelFormat, Packer, Paragraph, TextRun } from 'docx';
import { afterAll, describe, expect, it } from 'vitest';
import { readDocx } from '../../src/conform/docx-read.ts';
import { evaluate } from '../../src/conform/rules.ts';

const temp = mkdtempSync(path.join(tmpdir(), 'nianbao-conform-docx-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const fangsong = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '仿宋_GB2312' };

/** A department's report whose headings come from a numbered list, set in 仿宋 like the body. */
async function numberedReport(): Promise<string> {
  const body = (text: string) => new Paragraph({ children: [new TextRun({ text, font: fangsong, size: 32 })], indent: { firstLine: 640 }, spacing: { line: 579, lineRule: 'exact' } });
  const heading = (text: string, level: number) =>
    new Paragraph({ children: [new TextRun({ text, font: fangsong, size: 32 })], numbering: { reference: 'outline', level }, indent: { firstLine: 640 }, spacing: { line: 579, lineRule: 'exact' } });
  const doc = new Document({
    numbering: {
      config: [
        {
          reference: 'outline',
          levels: [
            { level: 0, format: LevelFormat.CHINESE_COUNTING, text: '%1、', alignment: AlignmentType.LEFT },
            { level: 1, format: LevelFormat.CHINESE_COUNTING, text: '（%2）', alignment: AlignmentType.LEFT },
          ],
        },
      ],
    },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 } } },
        children: [
          new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: '某某局2022年工作总结', font: { eastAsia: '方正小标宋简体' }, size: 44 })] }),
          new Paragraph({}),
          heading('基本情况', 0),
          heading('主要做法', 1),
          body('今年以来，我局认真贯彻落实县委、县政府决策部署，扎实推进各项工作，取得了明显成效。'),
          heading('存在问题', 0),
          heading('工作力量不足', 1),
          body('基层工作力量仍然不足，业务能力有待提升。'),
        ],
      },
    ],
  });
  const file = path.join(temp, 'numbered.docx');
  writeFileSync(file, await Packer.toBuffer(doc));
  return file;
}

describe('a Word file with automatic heading numbers', () => {
  it('reads the labels Word shows, counting per level', async () => {
    const facts = await readDocx(await numberedReport());
    const texts = facts.paragraphs.map((p) => p.text).filter(Boolean);
    expect(texts).toEqual(['某某局2022年工作总结', '一、基本情况', '（一）主要做法', expect.stringMatching(/^今年以来/), '二、存在问题', '（一）工作力量不足', expect.stringMatching(/^基层/)]);
    expect(facts.paragraphs.find((p) => p.text === '一、基本情况')!.label).toBe('一、');
  });

  it('judges the numbered headings: 一、 in 仿宋 is not 黑体, （一） in 仿宋 is not 楷体', async () => {
    const results = evaluate({ kind: 'docx', strict: false, docx: await readDocx(await numberedReport()), renderProblem: 'not laid out' });
    const h1 = results.find((r) => r.id === 'heading-1')!;
    expect(h1.status).toBe('fail');
    expect(h1.measured).toContain('仿宋_GB2312（仿宋）');
    expect(results.find((r) => r.id === 'heading-2')!.status).toBe('fail');
    expect(results.find((r) => r.id === 'body-font')!.status).toBe('pass');
    expect(results.find((r) => r.id === 'title')!.measured).toContain('方正小标宋简体');
  });
});
