/** The rules on a 公文's words: 发文字号, dates, the 附件说明 against the attachments. */
import { describe, expect, it } from 'vitest';
import { classifyFace, cleanFontName } from '../../src/conform/faces.ts';
import { lineBreakViolations, wordsOf } from '../../src/conform/layout.ts';
import type { Line } from '../../src/conform/pdf-read.ts';
import { compareAttachments, findDates, findDocNumbers, parseAttachmentNote, writtenDateProblems } from '../../src/conform/text-rules.ts';
import { parseXml, findAll } from '../../src/conform/xml.ts';

describe('发文字号', () => {
  it('accepts 〔YYYY〕N号', () => {
    expect(findDocNumbers('辰政发〔2023〕1号')).toEqual([{ text: '辰政发〔2023〕1号', problems: [] }]);
    expect(findDocNumbers('根据湘政办发〔2021〕15号文件')[0]!.problems).toEqual([]);
  });

  it.each([
    ['辰政发〔2023〕05号', '序号不编虚位'],
    ['辰政发[2023]5号', '六角括号'],
    ['辰政发（2023）5号', '六角括号'],
    ['辰政发【2023】5号', '六角括号'],
    ['辰政发〔23〕5号', '年份应写全'],
    ['辰政发〔2023〕第5号', '不加“第”'],
  ])('%s: %s', (text, problem) => {
    const [found] = findDocNumbers(text);
    expect(found!.problems.join()).toContain(problem);
  });

  it('does not take a year in brackets for a 发文字号', () => {
    expect(findDocNumbers('法治政府建设工作情况汇报（2022年）')).toEqual([]);
  });
});

describe('dates', () => {
  it.each([
    ['2025年2月29日', '2025年2月只有 28 天'],
    ['2023年4月31日', '2023年4月只有 30 天'],
    ['2023年13月1日', '没有 13 月'],
    ['2023年0月1日', '没有 0 月'],
  ])('%s cannot be', (text, problem) => {
    expect(findDates(`于${text}印发`)[0]!.problems).toEqual([problem]);
  });

  it('accepts 29 February of a leap year and dates with the spaces LibreOffice prints', () => {
    expect(findDates('2024年2月29日')[0]!.problems).toEqual([]);
    expect(findDates('2023 年 1 月 4 日')[0]).toEqual({ text: '2023年1月4日', problems: [] });
  });

  it('wants the 成文日期 in Arabic numerals, the year in full, without leading zeros', () => {
    expect(writtenDateProblems('2023年1月4日')).toEqual([]);
    expect(writtenDateProblems('2023年01月04日').join()).toContain('不编虚位');
    expect(writtenDateProblems('二〇二三年一月四日').join()).toContain('阿拉伯数字');
  });
});

describe('附件说明', () => {
  const note = parseAttachmentNote(['正文最后一段。', '附件：1. 重点任务清单', '2. 案卷评查结果', '辰溪县人民政府'])!;

  it('reads the numbered names', () => {
    expect(note.items).toEqual([
      { number: 1, name: '重点任务清单' },
      { number: 2, name: '案卷评查结果' },
    ]);
    expect(note.problems).toEqual([]);
  });

  it('agrees with attachments labelled and titled alike', () => {
    expect(compareAttachments(note, [{ label: '附件1', number: 1, title: '重点任务清单' }, { label: '附件2', number: 2, title: '案卷评查结果' }])).toEqual([]);
  });

  it('names a title that differs, a missing attachment, and attachments without a note', () => {
    expect(compareAttachments(note, [{ label: '附件1', number: 1, title: '重点任务清单' }, { label: '附件2', number: 2, title: '统计表' }]).join()).toContain('“案卷评查结果”与附件标题“统计表”不一致');
    expect(compareAttachments(note, [{ label: '附件1', number: 1, title: '重点任务清单' }]).join()).toContain('列出 2 个附件，文件里有 1 个');
    expect(compareAttachments(undefined, [{ label: '附件', title: '清单' }]).join()).toContain('没有附件说明');
  });

  it('wants no stop after a name and no number for a single attachment', () => {
    expect(parseAttachmentNote(['附件：1. 重点任务清单。'])!.problems.join()).toContain('不加标点');
    expect(parseAttachmentNote(['附件：重点任务清单'])!.problems).toEqual([]);
  });
});

describe('faces', () => {
  it.each([
    ['ABCDEF+FangSong_GB2312', 'fangsong', true],
    ['仿宋', 'fangsong', true],
    ['KaiTi_GB2312', 'kaiti', true],
    ['SimHei', 'heiti', true],
    ['FZXiaoBiaoSong-B05S', 'xiaobiaosong', true],
    ['SimSun', 'songti', true],
    ['AAAAAA+UMingCN', 'songti', false],
    ['LXGWWenKai-Regular', 'kaiti', false],
    ['WenQuanYiZenHei', 'heiti', false],
    ['NotoSerifCJKsc-Bold', 'songti', false],
    ['FandolFang-Regular', 'fangsong', false],
  ])('%s is %s (official: %s)', (name, kind, official) => {
    expect(classifyFace(name)).toMatchObject({ kind, official });
  });

  it('reads a face name Word wrote in GBK bytes', () => {
    const gbk = String.fromCharCode(0xb7, 0xc2, 0xcb, 0xce); // 仿宋
    expect(cleanFontName(`ABCDEF+${gbk}_GB2312`)).toBe('仿宋_GB2312');
  });
});

describe('line breaking', () => {
  const line = (text: string) => ({ text }) as Line;

  it('finds lines that start with a closing mark or end with an opening one', () => {
    const v = lineBreakViolations([line('。这是一行'), line('正常的一行'), line('结尾是左括号（'), line('——破折号可以在行首')]);
    expect(v.start.map((l) => l.text)).toEqual(['。这是一行']);
    expect(v.end.map((l) => l.text)).toEqual(['结尾是左括号（']);
  });

  it('counts the words of a line without its punctuation', () => {
    expect(wordsOf('条。')).toBe('条');
    expect(wordsOf('11 条。')).toBe('11条');
  });
});

describe('the XML reader', () => {
  it('reads elements, attributes, entities and text in order', () => {
    const doc = parseXml('<?xml version="1.0"?><w:p a="x &amp; y"><w:t xml:space="preserve">甲&lt;乙</w:t><w:br/></w:p>');
    const p = findAll(doc, 'w:p')[0]!;
    expect(p.attrs['a']).toBe('x & y');
    expect(findAll(p, 'w:t')[0]!.children).toEqual(['甲<乙']);
    expect(findAll(p, 'w:br')).toHaveLength(1);
    expect(() => parseXml('<a><b></a>')).toThrow();
  });
});
