import { suggestIsoDate } from '../metrics/chinese-numeral.ts';
import type { Block } from './blocks.ts';
import { META_FIELDS, META_LABELS } from './meta-fields.ts';

/**
 * The parts of an official document as GB/T 9704-2012 lays them out: 版头 (份号, 密级, 紧急程度,
 * 发文机关标志, 发文字号, 签发人), 主体 (标题, 主送机关, 正文 with its 导语, 附件说明, 署名, 成文日期,
 * 附注, 附件) and 版记 (抄送, 印发机关和印发日期) — plus the metadata block of a CMS page
 * (索引号, 发布机构, 发布日期…). Each recognised part says which line it came from.
 */
export interface DocumentParts {
  copyNumber?: string;
  secrecy?: string;
  urgency?: string;
  issuerMark?: string;
  docNumber?: string;
  signer?: string;
  title?: string;
  mainRecipient?: string;
  /** The CMS page's metadata block (or `发布时间：… 信息来源：…` lines), by report.yaml field. */
  meta: Record<string, string>;
  /** Metadata keys the content model has no field for (名称, 有效性, 生成日期…), as written. */
  otherMeta: Record<string, string>;
  /** From the title (or first heading) to the end of the body: 导语 and sections. */
  body: Block[];
  attachmentNames: string[];
  signature?: string;
  writtenDate?: string;
  note?: string;
  /** The attachments' own text after the signature (附件1 …), kept as written. */
  attachmentText: string[];
  copyTo?: string;
  printedBy?: string;
  printedDate?: string;
  /** Web page furniture (navigation, 打印本页, footer) that is not part of the document. */
  pageChrome: string[];
}

const META_RE = new RegExp(`(${META_LABELS.join('|')})\\s*[:：]\\s*`, 'g');
const META_LABEL = new RegExp(`^(${META_LABELS.join('|')})\\s*[:：]?$`);

const CN_HEADING = /^(?:[一二三四五六七八九十]+[、，,.．]|[（(][一二三四五六七八九十]+[）)]|\d{1,2}[.．、](?!\d)|[（(]\d{1,2}[）)])/;
const DOC_NUMBER = /^([\u4e00-\u9fa5]{1,15}[〔\[［(（]\d{4}[〕\]］)）]第?\d+号)/;
const SIGNER = /签发人\s*[:：]\s*(.+)$/;
const COPY_NUMBER = /^(?:份号\s*[:：]?\s*)?(\d{6})$/;
const SECRECY = /^((?:绝密|机密|秘密)(?:\s*★\s*.*)?)$/;
const URGENCY = /^(特急|加急|平急|特提)$/;
const ISSUER_MARK = /^[\u4e00-\u9fa5、（）()\s]{2,40}文件$/;
const RECIPIENT = /^([^，。；！？]{2,60}?)[：:]$/;
const DATE_LINE = /^(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[〇○零一二三四五六七八九十]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)$/;
const ATTACHMENT_NOTE = /^附\s*件\s*[:：]\s*(.*)$/;
const ATTACHMENT_HEAD = /^附\s*件\s*\d*\s*[:：]?$/;
const COPY_TO = /^抄\s*送\s*[:：]\s*(.+?)。?$/;
const PRINTED = /^(.+?)\s+(\d{4}年\d{1,2}月\d{1,2}日)\s*印发$/;
const NOTE = /^[（(]([^（）()]{2,60})[）)]$/;
const CHROME = /打印本页|关闭窗口|【打印】|【关闭】|扫一扫|分享到|字体[:：]?\s*[【[]?\s*大|上一篇|下一篇|相关链接|当前位置|您现在的位置|网站地图|版权所有|主办单位|承办单位|ICP备|公网安备|网站标识码|访问量|浏览次数|无障碍|长者模式|^首页(?:\s*[>＞»].*)?$/;

const DIGIT: Record<string, number> = { '〇': 0, '○': 0, 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
function smallNumber(s: string): number {
  if (s === '十') return 10;
  if (s.startsWith('十')) return 10 + DIGIT[s[1]!]!;
  if (s.includes('十')) return DIGIT[s[0]!]! * 10 + (s.length > 2 ? DIGIT[s[2]!]! : 0);
  return DIGIT[s]!;
}

/** `2023年1月4日` or `二〇二三年一月四日` → 2023-01-04. */
export function isoDate(text: string): string | undefined {
  const t = text.replace(/\s+/g, '');
  const arabic = suggestIsoDate(t, false);
  if (arabic) return arabic;
  const m = /^([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日$/.exec(t);
  if (!m) return undefined;
  const year = [...m[1]!].map((c) => DIGIT[c]).join('');
  return `${year}-${String(smallNumber(m[2]!)).padStart(2, '0')}-${String(smallNumber(m[3]!)).padStart(2, '0')}`;
}

const textOf = (b: Block | undefined) => (b?.kind === 'text' ? b.text : undefined);
const isHeading = (text: string) => CN_HEADING.test(text);

/** `索引号：x 发布机构：y` → pairs; undefined unless the line starts with a known label. */
export function metaPairs(text: string): [string, string][] | undefined {
  const matches = [...text.matchAll(META_RE)];
  if (matches.length === 0 || matches[0]!.index! > 2) return undefined;
  return matches.map((m, i) => {
    const end = i + 1 < matches.length ? matches[i + 1]!.index! : text.length;
    return [m[1]!, text.slice(m.index! + m[0].length, end).trim()] as [string, string];
  });
}

/** A metadata table of a CMS page: cells alternate label, value (`索引号：` | `x` | `发布机构：` | `y`), or hold `label：value`. */
function metaTablePairs(rows: string[][]): [string, string][] | undefined {
  const out: [string, string][] = [];
  for (const row of rows) {
    const cells = row.map((c) => c.trim()).filter(Boolean);
    for (let i = 0; i < cells.length; i++) {
      const label = META_LABEL.exec(cells[i]!);
      if (label && i + 1 < cells.length && !META_LABEL.test(cells[i + 1]!)) {
        out.push([label[1]!, cells[i + 1]!]);
        i++;
        continue;
      }
      const pairs = metaPairs(cells[i]!);
      if (pairs) out.push(...pairs);
      else return undefined;
    }
  }
  return out.length >= 2 ? out : undefined;
}

/** Splits a document's blocks into its official parts. Nothing is dropped: what is not a part stays in `body` or is listed. */
export function readDocumentParts(blocks: Block[]): DocumentParts {
  const parts: DocumentParts = { meta: {}, otherMeta: {}, body: [], attachmentNames: [], attachmentText: [], pageChrome: [] };
  const addMeta = (pairs: [string, string][]) => {
    for (const [label, value] of pairs) {
      if (!value) continue;
      const field = META_FIELDS[label];
      if (field) parts.meta[field] ??= value;
      else parts.otherMeta[label] ??= value;
    }
  };

  // 版头 and title: everything before the first numbered heading (or the first long paragraph).
  const firstHeading = blocks.findIndex((b) => b.kind === 'text' && isHeading(b.text) && !b.text.startsWith('附件'));
  const headEnd = firstHeading < 0 ? blocks.length : firstHeading;
  const head = blocks.slice(0, headEnd);
  const rest: Block[] = [];
  let titleLines: string[] = [];
  let titleDone = false;
  let sawMeta = false;
  const h1 = head.find((b) => b.kind === 'text' && b.headingLevel === 1);
  const pending: string[] = [];
  for (let i = 0; i < head.length; i++) {
    const b = head[i]!;
    if (b.kind === 'table') {
      const pairs = !titleDone || sawMeta ? metaTablePairs(b.rows) : undefined;
      if (pairs) {
        addMeta(pairs);
        sawMeta = true;
        // What came before a CMS metadata block is the page's navigation.
        if (!titleLines.length) parts.pageChrome.push(...pending.splice(0));
        continue;
      }
      rest.push(b);
      continue;
    }
    const text = b.text;
    if (CHROME.test(text) && text.length <= 60) {
      parts.pageChrome.push(text);
      continue;
    }
    const pairs = metaPairs(text);
    if (pairs && (pairs.length > 1 || text.length <= 80)) {
      addMeta(pairs);
      sawMeta = true;
      if (!titleLines.length) parts.pageChrome.push(...pending.splice(0));
      continue;
    }
    let m: RegExpExecArray | null;
    // A CMS page repeats the document's head below its <h1>: 文号 and 签发人 lines are still the head.
    if (titleDone && rest.length === 0 && (DOC_NUMBER.test(text.replace(/\s+/g, '')) || SIGNER.test(text))) {
      const doc = DOC_NUMBER.exec(text.replace(/\s+/g, ''));
      if (doc) parts.docNumber ??= doc[1]!.replace(/[[［]/, '〔').replace(/[\]］]/, '〕');
      const signer = SIGNER.exec(text);
      if (signer) parts.signer ??= signer[1]!.trim().replace(/\s+/g, '、');
      continue;
    }
    // The 主送 line right after a title set as a page heading.
    if (titleDone && rest.length === 0 && !parts.mainRecipient && (m = RECIPIENT.exec(text)) && !isHeading(text) && text.length <= 50 && !/如下|现将|报告/.test(text)) {
      parts.mainRecipient = m[1]!.trim();
      continue;
    }
    if (titleDone) {
      rest.push(b);
      continue;
    }
    if (!titleLines.length && (m = COPY_NUMBER.exec(text))) parts.copyNumber = m[1];
    else if (!titleLines.length && (m = SECRECY.exec(text))) parts.secrecy = m[1]!.replace(/\s+/g, '');
    else if (!titleLines.length && (m = URGENCY.exec(text))) parts.urgency = m[1];
    else if (!titleLines.length && ISSUER_MARK.test(text)) parts.issuerMark = text.replace(/\s+/g, '');
    else if (!titleLines.length && (DOC_NUMBER.test(text.replace(/\s+/g, '')) || SIGNER.test(text))) {
      const doc = DOC_NUMBER.exec(text.replace(/\s+/g, ''));
      if (doc) parts.docNumber = doc[1]!.replace(/[[［]/, '〔').replace(/[\]］]/, '〕');
      const signer = SIGNER.exec(text);
      if (signer) parts.signer = signer[1]!.trim().replace(/\s+/g, '、');
    } else if ((m = RECIPIENT.exec(text)) && !isHeading(text) && !parts.mainRecipient && text.length <= 50 && !/如下|现将|报告/.test(text)) {
      // A 主送 line, before or after the title: never the title itself.
      parts.mainRecipient = m[1]!.trim();
      if (titleLines.length) titleDone = true;
    } else if (h1 && b !== h1 && !titleLines.length && head.indexOf(h1) > i) {
      // A page with an <h1>: lines before it are navigation.
      pending.push(text);
    } else if (b.headingLevel === 1 || (titleLines.length < 3 && text.length <= (titleLines.length ? 40 : 64) && !/[。；，]$/.test(text) && !/[。；]/.test(text.slice(0, -1)))) {
      if (titleLines.length && (b.headingLevel === 1 || titleLines.join('').length + text.length > 80)) {
        titleDone = true;
        rest.push(b);
        continue;
      }
      titleLines.push(text);
      if (b.headingLevel === 1) titleDone = true;
    } else {
      if (titleLines.length === 0 && pending.length) {
        titleLines = [pending.pop()!];
      }
      titleDone = true;
      rest.push(b);
    }
  }
  if (!titleLines.length && pending.length) titleLines = [pending.pop()!];
  parts.pageChrome.push(...pending);
  if (titleLines.length) parts.title = titleLines.join('').replace(/\s+/g, '');
  if (!parts.title && parts.otherMeta['名称']) parts.title = parts.otherMeta['名称'];
  if (!parts.title && parts.otherMeta['标题']) parts.title = parts.otherMeta['标题'];

  // 版记 and closing: the first date line after the body's headings closes the body.
  const tail = blocks.slice(headEnd);
  let close = -1;
  for (let i = 0; i < tail.length; i++) {
    const t = textOf(tail[i]);
    if (t && DATE_LINE.test(t.replace(/\s+/g, '')) && i > 0) {
      close = i;
      break;
    }
  }
  let bodyEnd = close < 0 ? tail.length : close;
  if (close >= 0) {
    parts.writtenDate = isoDate(textOf(tail[close])!);
    const sig = textOf(tail[close - 1]);
    if (sig && sig.length <= 40 && !/[，。；：:]/.test(sig) && !isHeading(sig)) {
      parts.signature = sig.replace(/\s+/g, '');
      bodyEnd = close - 1;
    }
  }
  // 附件说明 right above the signature: `附件：1.名称` and its further numbered lines.
  for (let i = bodyEnd - 1; i >= 0 && i >= bodyEnd - 12; i--) {
    const t = textOf(tail[i]);
    const m = t ? ATTACHMENT_NOTE.exec(t) : null;
    if (!m) continue;
    const names = [m[1]!, ...tail.slice(i + 1, bodyEnd).map((b) => textOf(b) ?? '')].map((s) => s.replace(/^\d+[.．、]\s*/, '').trim()).filter(Boolean);
    if (names.every((n) => n.length <= 60 && !/。$/.test(n))) {
      parts.attachmentNames = names;
      bodyEnd = i;
    }
    break;
  }
  parts.body = [...rest, ...tail.slice(0, bodyEnd)];

  // After the date: 附注, 附件 texts, 抄送, 印发机关和印发日期, page furniture.
  if (close >= 0) {
    let inAttachment = false;
    for (const b of tail.slice(close + 1)) {
      const t = textOf(b);
      if (t === undefined) {
        if (inAttachment) parts.attachmentText.push(b.kind === 'table' ? b.rows.map((r) => r.join('\t')).join('\n') : '');
        else parts.pageChrome.push('（表格）');
        continue;
      }
      let m: RegExpExecArray | null;
      if (!inAttachment && !parts.note && (m = NOTE.exec(t))) parts.note = m[1];
      else if ((m = COPY_TO.exec(t))) parts.copyTo = m[1];
      else if ((m = PRINTED.exec(t))) {
        parts.printedBy = m[1]!.trim();
        parts.printedDate = isoDate(m[2]!);
      } else if (ATTACHMENT_HEAD.test(t.replace(/\s+/g, ''))) {
        inAttachment = true;
        parts.attachmentText.push(t);
      } else if (inAttachment && !CHROME.test(t)) parts.attachmentText.push(t);
      else parts.pageChrome.push(t);
    }
  }
  // Without a closing date, a 版记 may still end the document.
  if (close < 0) {
    while (parts.body.length) {
      const t = textOf(parts.body[parts.body.length - 1]);
      let m: RegExpExecArray | null;
      if (t && (m = COPY_TO.exec(t))) parts.copyTo = m[1];
      else if (t && (m = PRINTED.exec(t))) {
        parts.printedBy = m[1]!.trim();
        parts.printedDate = isoDate(m[2]!);
      } else if (t && CHROME.test(t) && t.length <= 60) parts.pageChrome.unshift(t);
      else break;
      parts.body.pop();
    }
  }
  return parts;
}
