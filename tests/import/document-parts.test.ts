import { describe, expect, it } from 'vitest';
import { readDocumentParts } from '../../src/import/document-parts.ts';
import { blocksFromText } from '../../src/import/source-text.ts';

// The parts of an official document as GB/T 9704-2012 lays them out.
const doc = `000123
秘密★1年
特急
辰溪县人民政府文件
辰政发〔2023〕5号    签发人：张三
辰溪县人民政府关于
2022年法治政府建设情况的报告
市人民政府：
2022年，我县认真贯彻落实……现将有关情况报告如下：
一、主要举措和成效
正文。
附件：1.法治政府建设责任清单
2.重点工作台账
辰溪县人民政府
二〇二三年一月四日
（此件公开发布）
附件1
法治政府建设责任清单
抄送：县委办公室，县人大常委会办公室。
辰溪县人民政府办公室 2023年1月4日印发
`;

describe('the parts of an official document', () => {
  const parts = readDocumentParts(blocksFromText(doc));
  it('版头: 份号, 密级, 紧急程度, 发文机关标志, 发文字号 and 签发人 — none of them the title', () => {
    expect(parts).toMatchObject({ copyNumber: '000123', secrecy: '秘密★1年', urgency: '特急', issuerMark: '辰溪县人民政府文件', docNumber: '辰政发〔2023〕5号', signer: '张三' });
    expect(parts.title).toBe('辰溪县人民政府关于2022年法治政府建设情况的报告');
  });
  it('主体: 主送机关, 导语, 附件说明, 署名, 成文日期 (Chinese numerals), 附注, 附件', () => {
    expect(parts.mainRecipient).toBe('市人民政府');
    expect(parts.body.map((b) => (b.kind === 'text' ? b.text : '')).slice(0, 3)).toEqual(['2022年，我县认真贯彻落实……现将有关情况报告如下：', '一、主要举措和成效', '正文。']);
    expect(parts.body).toHaveLength(3);
    expect(parts).toMatchObject({ attachmentNames: ['法治政府建设责任清单', '重点工作台账'], signature: '辰溪县人民政府', writtenDate: '2023-01-04', note: '此件公开发布' });
    expect(parts.attachmentText).toEqual(['附件1', '法治政府建设责任清单']);
  });
  it('版记: 抄送, 印发机关和印发日期', () => {
    expect(parts).toMatchObject({ copyTo: '县委办公室，县人大常委会办公室', printedBy: '辰溪县人民政府办公室', printedDate: '2023-01-04' });
  });
  it('a CMS page: the metadata block, the navigation before it', () => {
    const cms = readDocumentParts(
      blocksFromText('首页 > 政务公开 > 年报\n索引号：11431223MB1C44906X/2023-00001  发布机构：辰溪县司法局\n发布日期：2023-01-04 11:30  有效性：有效\n辰溪县司法局2022年政府信息公开工作年度报告\n一、总体情况\n正文。'),
    );
    expect(cms.meta).toEqual({ indexNumber: '11431223MB1C44906X/2023-00001', issuer: '辰溪县司法局', publishedAt: '2023-01-04 11:30' });
    expect(cms.otherMeta).toEqual({ 有效性: '有效' });
    expect(cms.title).toBe('辰溪县司法局2022年政府信息公开工作年度报告');
    expect(cms.pageChrome).toEqual(['首页 > 政务公开 > 年报']);
  });
});

describe('text tables', () => {
  it('tab-separated rows keep their blank cells; a label line between rows stays in the table', () => {
    const blocks = blocksFromText('项目\t自然人\t总计\n一、新收\t3\t\n三、本年度办理结果\n（一）予以公开\t2\t2\n正文。');
    expect(blocks[0]).toEqual({ kind: 'table', rows: [['项目', '自然人', '总计'], ['一、新收', '3', ''], ['三、本年度办理结果'], ['（一）予以公开', '2', '2']] });
  });
  it('a space-aligned row with blank cells: each figure goes under the header it stands under, the blanks stay blank', () => {
    const blocks = blocksFromText('项目        自然人  商业企业  总计\n一、新收    3       1         4\n二、结转    2                 2\n三、办结            12          12\n');
    expect(blocks[0]).toMatchObject({ kind: 'table', rows: [['项目', '自然人', '商业企业', '总计'], ['一、新收', '3', '1', '4'], ['二、结转', '2', '', '2'], ['三、办结', '', '12', '12']] });
  });
  it('right-aligned figures, a Chinese quotation mark and a full-width space in the label keep their columns', () => {
    const blocks = blocksFromText(`项目${' '.repeat(20)}自然人  商业企业  总计\n3.危及“三安全一稳定”${' '.repeat(7)}1${' '.repeat(15)}1\n（一）予以公开　　${' '.repeat(21)}2${' '.repeat(5)}2\n`);
    expect(blocks[0]).toMatchObject({ rows: [['项目', '自然人', '商业企业', '总计'], ['3.危及“三安全一稳定”', '1', '', '1'], ['（一）予以公开', '', '2', '2']] });
  });
  it('a figure that stands under no single header is not guessed: the row is unplaced', () => {
    const blocks = blocksFromText('项目        自然人  商业企业  总计\n一、新收    3       1         4\n二、结转      2   1\n');
    expect(blocks[0]).toMatchObject({ rows: [['项目', '自然人', '商业企业', '总计'], ['一、新收', '3', '1', '4'], ['二、结转', '？', '？', '？']] });
  });
});

describe('type and year when the document leaves them uncertain', () => {
  it('asks (a terminal) and takes the answer; without asking it goes on with the guess and lists it', async () => {
    const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const { importReport } = await import('../../src/import/import-report.ts');
    const { copyProject } = await import('../helpers/content-fixtures.ts');
    const project = copyProject();
    const tmp = mkdtempSync(path.join(tmpdir(), 'nianbao-ask-'));
    try {
      const file = path.join(tmp, 'zongjie.txt');
      writeFileSync(file, '辰溪县农业农村局工作总结\n一、主要工作\n新建高标准农田1200亩。\n辰溪县农业农村局\n2023年12月20日\n');
      const questions: string[] = [];
      const asked = await importReport(file, {
        project,
        slug: 'ask-1',
        ask: async (q, choices, suggested) => {
          questions.push(q);
          return choices.length ? (expect(suggested).toBe('gongzuo-baogao'), 'gongzuo-baogao') : '2023';
        },
      });
      expect(questions).toEqual([expect.stringContaining('报告类型看不出来'), expect.stringContaining('是哪一年度的报告？（标题中没有年份，按成文日期 2023-12-20 推断为上一年）')]);
      expect(asked).toMatchObject({ type: 'gongzuo-baogao', year: 2023 });
      const guessed = await importReport(file, { project, slug: 'ask-2' });
      expect(guessed.year).toBe(2022);
      expect(guessed.notices.filter((n) => n.severity === 'warning').map((n) => n.message)).toEqual(
        expect.arrayContaining([expect.stringContaining('按工作报告导入）；不对时用 --type 指定'), expect.stringContaining('年度：2022（标题中没有年份')]),
      );
    } finally {
      rmSync(tmp, { recursive: true, force: true });
      rmSync(project, { recursive: true, force: true });
    }
  });
});
