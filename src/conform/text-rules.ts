/**
 * Rules on the words of a document, whatever its file: 发文字号 (GB/T 9704 7.2.4), dates that do
 * not exist, 成文日期 written as the standard asks (7.3.5: Arabic numerals, the year in full, no
 * leading zeros), and the 附件说明 list against the attachments' own labels (7.3.4, 8).
 */

export interface DocNumberFinding {
  text: string;
  problems: string[];
}

/**
 * Every 发文字号-like text: an issuer's code, a year in some brackets, a serial, 号. The right
 * form is `辰政发〔2023〕1号`: the full year in 〔〕 (U+3014/U+3015), the serial without 第 and
 * without leading zeros.
 */
const DOC_NUMBER = /([\p{Script=Han}]{1,12})\s*([〔\[［【（(〖｛{])\s*(\d{2,4})\s*([〕\]］】）)〗｝}])\s*(第?)\s*(\d+)\s*号/gu;

export function findDocNumbers(text: string): DocNumberFinding[] {
  const out: DocNumberFinding[] = [];
  for (const m of text.matchAll(DOC_NUMBER)) {
    const [whole, , open, year, close, di, serial] = m as unknown as string[];
    const problems: string[] = [];
    if (open !== '〔' || close !== '〕') problems.push(`年份应用六角括号〔〕，这里是 ${open}${close}`);
    if (year!.length !== 4) problems.push('年份应写全（4 位）');
    if (di) problems.push('序号前不加“第”');
    if (/^0\d/.test(serial!)) problems.push('序号不编虚位（1 不写成 01）');
    if (/\s/.test(whole!.replace(/^[\p{Script=Han}]+/u, ''))) problems.push('中间不留空格');
    out.push({ text: whole!.replace(/\s+/g, ' '), problems });
  }
  return out;
}

export interface DateFinding {
  text: string;
  problems: string[];
}

const DATE = /(?<![\d０-９])(\d{2,4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/g;

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Dates that cannot exist (2025年2月29日, 4月31日, 13月). */
export function findDates(text: string): DateFinding[] {
  const out: DateFinding[] = [];
  for (const m of text.matchAll(DATE)) {
    const [whole, y, mo, d] = m as unknown as string[];
    const year = Number(y);
    const month = Number(mo);
    const day = Number(d);
    const problems: string[] = [];
    if (month < 1 || month > 12) problems.push(`没有 ${month} 月`);
    else if (day < 1 || day > daysInMonth(year < 100 ? 2000 + year : year, month)) problems.push(`${year}年${month}月只有 ${daysInMonth(year < 100 ? 2000 + year : year, month)} 天`);
    out.push({ text: whole!.replace(/\s+/g, ''), problems });
  }
  return out;
}

/** The 成文日期's form: Arabic numerals, full year, no leading zeros. */
export function writtenDateProblems(text: string): string[] {
  const compact = text.replace(/\s+/g, '');
  if (/^[〇零一二三四五六七八九十○]{2,4}年/.test(compact)) return ['成文日期用阿拉伯数字书写（2012 年版标准）'];
  const m = /^(\d+)年(\d+)月(\d+)日$/.exec(compact);
  if (!m) return [];
  const problems: string[] = [];
  if (m[1]!.length !== 4) problems.push('年份应写全');
  if (/^0/.test(m[2]!) || /^0/.test(m[3]!)) problems.push('月、日不编虚位（1 不写成 01）');
  return problems;
}

export interface AttachmentNote {
  /** Numbers as written (empty for a single unnumbered attachment). */
  items: { number?: number; name: string }[];
  problems: string[];
}

const ITEM = /^(\d+)\s*[.．、]\s*(.+)$/;

/**
 * The 附件说明: `附件：1. 名称` and the following numbered lines. `lines` are the paragraphs (or
 * printed lines joined into paragraphs) after the body.
 */
export function parseAttachmentNote(lines: string[]): AttachmentNote | undefined {
  const start = lines.findIndex((l) => /^附\s*件\s*[:：]/.test(l.trim()));
  if (start < 0) return undefined;
  const problems: string[] = [];
  const items: AttachmentNote['items'] = [];
  const first = lines[start]!.trim().replace(/^附\s*件\s*[:：]\s*/, '');
  if (/^附\s*件\s*:/.test(lines[start]!.trim())) problems.push('“附件”后用全角冒号“：”');
  const add = (text: string) => {
    const t = text.trim();
    const m = ITEM.exec(t);
    const name = (m ? m[2]! : t).trim();
    if (/[。，；;,.]$/.test(name)) problems.push(`附件名称后不加标点：“${name}”`);
    items.push({ number: m ? Number(m[1]) : undefined, name: name.replace(/[。，；;,.]$/, '') });
  };
  if (first) add(first);
  for (const l of lines.slice(start + 1)) {
    if (!ITEM.test(l.trim())) break;
    add(l);
  }
  if (items.length > 1) items.forEach((it, i) => {
    if (it.number !== i + 1) problems.push(`附件序号应依次为 1、2、3…，第 ${i + 1} 项写成了 ${it.number ?? '无序号'}`);
  });
  if (items.length === 1 && items[0]!.number !== undefined) problems.push('只有一个附件时不编序号');
  return { items, problems };
}

export interface AttachmentPage {
  /** As printed at the top of the page: 附件, 附件1, 附件 2. */
  label: string;
  number?: number;
  title: string;
}

export const ATTACHMENT_LABEL = /^附\s*件\s*(\d*)$/;

const squeeze = (s: string) => s.replace(/[\s\u3000]+/g, '');

/** Compares the list with the attachments found; problems in Chinese, empty when they agree. */
export function compareAttachments(note: AttachmentNote | undefined, pages: AttachmentPage[]): string[] {
  const problems = [...(note?.problems ?? [])];
  if (!note && pages.length) {
    problems.push(`文件带有 ${pages.length} 个附件（${pages.map((p) => p.label).join('、')}），正文后却没有附件说明`);
    return problems;
  }
  if (!note || !pages.length) return problems;
  if (note.items.length !== pages.length) problems.push(`附件说明列出 ${note.items.length} 个附件，文件里有 ${pages.length} 个`);
  note.items.forEach((item, i) => {
    const page = pages.find((p) => (p.number ?? 1) === (item.number ?? 1)) ?? pages[i];
    if (!page) return;
    if (pages.length > 1 && page.number === undefined) problems.push(`第 ${i + 1} 个附件的标识“${page.label}”没有序号`);
    if (page.title && squeeze(page.title) !== squeeze(item.name)) problems.push(`附件说明第 ${i + 1} 项“${item.name}”与附件标题“${page.title}”不一致`);
  });
  return problems;
}
