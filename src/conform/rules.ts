/**
 * The conformance rules of GB/T 9704-2012, each judged from what was measured on the printed
 * pages (any PDF, or a DOCX as LibreOffice lays it out) and, for a DOCX, from what its XML asks for.
 */
import type { DocxFacts, DocxParagraph } from './docx-read.ts';
import { classifyFace, KIND_LABEL, type FaceInfo, type FaceKind } from './faces.ts';
import { baselineOffset, headingLevel, lineBreakViolations, loneLastLines, MM, STD, type Analysis, type Level } from './layout.ts';
import type { Line } from './pdf-read.ts';
import { ATTACHMENT_LABEL, compareAttachments, findDates, findDocNumbers, parseAttachmentNote, writtenDateProblems, type AttachmentPage } from './text-rules.ts';

export type Status = 'pass' | 'fail' | 'warn' | 'na';

export const STATUS_LABEL: Record<Status, string> = { pass: '通过', fail: '不通过', warn: '提示', na: '不适用' };

export interface RuleResult {
  id: string;
  rule: string;
  expected: string;
  measured: string;
  status: Status;
  /** Where: page and line, or the paragraph. */
  details: string[];
}

export interface Ink {
  /** Top of each page number's ink (its leading dash), points from the page top, by page. */
  folioTops: Map<number, number>;
  /** Top of the red ink above the red rule on page 1. */
  markTop?: number;
}

export interface Context {
  kind: 'pdf' | 'docx';
  strict: boolean;
  analysis?: Analysis;
  ink?: Ink;
  docx?: DocxFacts;
  /** Faces the DOCX asks for that this machine does not have (LibreOffice used stand-ins). */
  missingFaces?: string[];
  /** What LibreOffice said when it could not lay the DOCX out. */
  renderProblem?: string;
}

const f1 = (n: number) => (Math.round(n * 10) / 10).toFixed(1).replace(/\.0$/, '');
const f2 = (n: number) => (Math.round(n * 100) / 100).toFixed(2).replace(/0$/, '').replace(/\.0$/, '');
const mm = (pt: number) => `${f1(pt / MM)} mm`;
const worst = (a: Status, b: Status): Status => {
  const order: Status[] = ['na', 'pass', 'warn', 'fail'];
  return order.indexOf(a) >= order.indexOf(b) ? a : b;
};
const where = (l: Line) => `第 ${l.page} 页“${l.text.length > 24 ? `${l.text.slice(0, 24)}…` : l.text}”`;
const twipsToMm = (t: number) => (t * 25.4) / 1440;
const near = (a: number, b: number, tol: number) => Math.abs(a - b) <= tol;

class Table {
  results: RuleResult[] = [];
  add(id: string, rule: string, expected: string): RuleResult {
    let r = this.results.find((x) => x.id === id);
    if (!r) {
      r = { id, rule, expected, measured: '', status: 'na', details: [] };
      this.results.push(r);
    }
    return r;
  }
  /** Adds a measurement to a rule: `part` is joined to what is there, the status is the worse one. */
  put(id: string, rule: string, expected: string, status: Status, measured: string, details: string[] = []): void {
    const r = this.add(id, rule, expected);
    r.measured = r.measured ? `${r.measured}；${measured}` : measured;
    r.status = worst(r.status, status);
    r.details.push(...details);
  }
}

const RULES = {
  pageSize: ['page-size', '纸张幅面', 'A4：210 × 297 mm'],
  marginTop: ['margin-top', '天头（上白边）', '37 ± 1 mm'],
  marginLeft: ['margin-left', '订口（左白边）', '28 ± 1 mm'],
  typeArea: ['type-area', '版心尺寸', '156 × 225 mm（± 1 mm）'],
  pitch: ['line-pitch', '行距', '28.95 磅（22 行排满 225 mm）'],
  lines: ['lines-per-page', '每页行数', '22 行'],
  chars: ['chars-per-line', '每行字数', '28 字'],
  body: ['body-font', '正文字体字号', '三号（16 磅）仿宋'],
  indent: ['body-indent', '段落首行缩进', '2 字'],
  h1: ['heading-1', '一级标题“一、”', '三号黑体，首行缩进 2 字'],
  h2: ['heading-2', '二级标题“（一）”', '三号楷体，首行缩进 2 字'],
  h3: ['heading-3', '三级标题“1.”', '三号仿宋，首行缩进 2 字'],
  h4: ['heading-4', '四级标题“（1）”', '三号仿宋，首行缩进 2 字'],
  title: ['title', '标题', '二号（22 磅）小标宋，居中'],
  titlePos: ['title-position', '标题位置', '有版头：红色分隔线下空二行；无版头：版心第一行；标题下空一行'],
  folioForm: ['page-number-form', '页码样式', '“— N —”：一字线、半角阿拉伯数字，四号（14 磅）'],
  folioPos: ['page-number-position', '页码位置', '单页码居右空一字，双页码居左空一字'],
  folioDist: ['page-number-distance', '页码与版心距离', '一字线上距版心下边缘 7 ± 1 mm'],
  mark: ['issuer-mark', '发文机关标志', '红色，上边缘距版心上边缘 35 ± 1 mm（有版头时）'],
  rule: ['red-rule', '红色分隔线', '与版心等宽（156 ± 1 mm），发文字号之下 4 mm（有版头时）'],
  docNumber: ['doc-number', '发文字号', '〔YYYY〕N号：年份写全并用六角括号，序号不编虚位、不加“第”'],
  dates: ['dates', '日期', '日期真实存在；成文日期用阿拉伯数字，年份写全，月日不编虚位'],
  attachments: ['attachments', '附件说明', '附件说明的序号和名称与各附件的标识、标题一致'],
  colophon: ['colophon', '版记', '在最后一页（偶数页）的末行，分隔线与版心等宽，四号字，左右各空一字'],
  lineStart: ['line-start', '行首禁则', '行首没有句号、逗号、顿号、冒号、右括号、右引号等'],
  lineEnd: ['line-end', '行尾禁则', '行尾没有左括号、左引号、左书名号等'],
  lone: ['lone-char', '段末孤字', '段落末行不只有一个字（和标点）'],
  tables: ['tables', '表格位置', '表格不超出版心'],
  fonts: ['fonts', '字体替换', '使用公文字体，没有被其他字体代替（--strict 时替换即不通过）'],
} as const;
type RuleKey = keyof typeof RULES;

export function evaluate(ctx: Context): RuleResult[] {
  const t = new Table();
  const put = (key: RuleKey, status: Status, measured: string, details: string[] = []) => t.put(RULES[key][0], RULES[key][1], RULES[key][2], status, measured, details);
  const na = (key: RuleKey, measured: string) => put(key, 'na', measured);
  // Every rule appears, in this order, even when nothing could be measured.
  for (const key of Object.keys(RULES) as RuleKey[]) t.add(RULES[key][0], RULES[key][1], RULES[key][2]);

  const a = ctx.analysis;
  const d = ctx.docx;
  const section = d?.sections[d.sections.length - 1];

  // ---- page and type area ----
  const area = typeArea(ctx);
  if (d) docxPage(d, put);
  if (a) {
    const sizes = new Map<string, number[]>();
    for (const p of a.pages) {
      const key = `${f1(p.width / MM)} × ${f1(p.height / MM)} mm`;
      sizes.set(key, [...(sizes.get(key) ?? []), p.number]);
    }
    // A4 across (a wide table turned on its page) is A4 too.
    const a4 = (w: number, h: number) => (near(w, STD.pageWidth, MM) && near(h, STD.pageHeight, MM)) || (near(h, STD.pageWidth, MM) && near(w, STD.pageHeight, MM));
    const bad = a.pages.filter((p) => !a4(p.width, p.height));
    const list = [...sizes.entries()].map(([k, ps]) => (sizes.size > 1 ? `${k}（第 ${ps.join('、')} 页）` : k)).join('，');
    put('pageSize', bad.length ? 'fail' : 'pass', `${ctx.kind === 'docx' ? '排版后：' : ''}${list}`, bad.length ? [`第 ${bad.map((p) => p.number).join('、')} 页不是 A4`] : []);
    if (ctx.kind === 'pdf') {
      if (a.top !== undefined) put('marginTop', near(a.top, STD.top, MM) ? 'pass' : 'fail', `约 ${mm(a.top)}（由各页首行文字推算）`);
      else na('marginTop', '没有找到正文行');
      if (a.left !== undefined) put('marginLeft', near(a.left, STD.left, MM) ? 'pass' : 'fail', `约 ${mm(a.left)}（正文行的左边缘）`);
      else na('marginLeft', '没有找到正文行');
      if (a.left !== undefined && a.right !== undefined) {
        const w = a.right - a.left;
        const h = a.linesPerPage && a.pitch ? a.linesPerPage.count * a.pitch : undefined;
        const ok = near(w, STD.width, MM) && (h === undefined || near(h, STD.height, MM * 1.5));
        put('typeArea', ok ? 'pass' : 'fail', `约 ${f1(w / MM)} × ${h ? f1(h / MM) : '?'} mm（满行文字的宽度 × 每页行数 × 行距）`);
      } else na('typeArea', '没有找到正文行');
    } else if (a.left !== undefined && section?.left !== undefined) {
      // The XML decides; the rendering must agree with it.
      const expectedLeft = section.left / 20;
      if (!near(a.left, expectedLeft, 3)) put('marginLeft', 'fail', `排版后正文左边缘在 ${mm(a.left)}`);
    }
  }

  // ---- grid ----
  if (a?.pitch) {
    put('pitch', near(a.pitch, STD.pitch, 0.35) ? 'pass' : 'fail', `${ctx.kind === 'docx' ? '排版后：' : ''}${f2(a.pitch)} 磅${docxSpacing(d)}`);
  } else if (d && !a) {
    // Not laid out: the body's line spacing as the XML sets it.
    const pitch = xmlPitch(d);
    if (pitch === undefined) na('pitch', `XML：${docxSpacing(d).replace(/^（XML：|）$/g, '') || '没有正文段落'}，无法确定`);
    else {
      put('pitch', near(pitch, STD.pitch, 0.35) ? 'pass' : 'fail', `${docxSpacing(d).slice(1, -1)}，约 ${f2(pitch)} 磅`);
      put('lines', Math.floor(STD.height / pitch + 0.05) === STD.lines ? 'pass' : 'fail', `XML：${Math.floor(STD.height / pitch + 0.05)} 行（按行距推算）`);
    }
  } else na('pitch', '没有找到连续的正文行');
  if (a?.linesPerPage) {
    const lp = a.linesPerPage;
    put('lines', lp.count === STD.lines ? 'pass' : 'fail', lp.derived ? `${lp.count} 行（没有排满的页，按行距推算）` : `${lp.count} 行（第 ${lp.page} 页）`);
  } else if (a) na('lines', '没有找到连续的正文行');
  if (a?.charsPerLine) {
    const c = a.charsPerLine;
    put('chars', c.count === STD.chars ? 'pass' : 'fail', `${c.count} 字（${c.lines} 个满行，字距 ${f2(c.charPitch)} 磅）`);
  } else if (a) na('chars', '没有排满一行的中文正文行');

  // ---- faces and sizes per level ----
  levels(ctx, put, area);

  // ---- page numbers ----
  folios(ctx, put, area);

  // ---- 版头 ----
  head(ctx, put, area);

  // ---- words ----
  words(ctx, put);

  // ---- 版记 ----
  colophon(ctx, put, area);

  // ---- line breaking, lone characters, tables ----
  if (a) {
    const text = a.textLines;
    const tableLines = a.pages.flatMap((p) => p.lines.filter((l) => a.tables.some((b) => b.page === l.page && l.x >= b.x0 - 2 && l.xEnd <= b.x1 + 2 && l.baseline >= b.y0 && l.baseline <= b.y1 + l.size)));
    const v = lineBreakViolations([...text, ...a.title, ...tableLines]);
    put('lineStart', v.start.length ? 'fail' : 'pass', v.start.length ? `${v.start.length} 行以标点开头` : `${text.length + tableLines.length} 行均无`, v.start.map(where));
    put('lineEnd', v.end.length ? 'fail' : 'pass', v.end.length ? `${v.end.length} 行以左括号或左引号结尾` : `${text.length + tableLines.length} 行均无`, v.end.map(where));
    const lone = loneLastLines(a);
    put('lone', lone.length ? 'fail' : 'pass', lone.length ? `${lone.length} 个段落的末行只有一个字` : '没有', lone.map(where));
    if (a.tables.length) {
      const out = a.tables.filter((b) => b.x0 < area.left - MM || b.x1 > area.right + MM || (area.top !== undefined && b.y0 < area.top - MM) || (area.bottom !== undefined && b.y1 > area.bottom + MM));
      const ext = (b: (typeof a.tables)[number]) => `第 ${b.page} 页的表格：左 ${mm(b.x0)}，右 ${mm(b.x1)}${area.bottom !== undefined && b.y1 > area.bottom + MM ? `，下边缘超出版心 ${mm(b.y1 - area.bottom)}` : ''}`;
      put('tables', out.length ? 'fail' : 'pass', out.length ? `${out.length} 个表格超出版心（版心 ${mm(area.left)}–${mm(area.right)}）` : `${a.tables.length} 个表格都在版心内`, out.map(ext));
    } else if (!d?.tables.length) na('tables', '没有表格');
  }
  if (d?.tables.length && section?.left !== undefined && section.right !== undefined && section.pageWidth !== undefined) {
    const text = section.pageWidth - section.left - section.right;
    const wide = d.tables.filter((tb) => (tb.width ?? tb.gridWidth) + Math.max(0, tb.indent ?? 0) > text + 57 || (tb.indent ?? 0) < -57);
    if (wide.length) put('tables', 'fail', `XML：${wide.length} 个表格宽于版心（${f1(twipsToMm(Math.max(...wide.map((w) => (w.width ?? w.gridWidth) + (w.indent ?? 0)))))} mm > ${f1(twipsToMm(text))} mm）`);
    else if (!a?.tables.length) put('tables', 'pass', `XML：${d.tables.length} 个表格不宽于版心`);
  }

  // ---- substituted faces ----
  fonts(ctx, put);
  if (ctx.renderProblem) for (const r of t.results) if (r.status === 'na' && !r.measured) r.measured = '需要排版后才能量（见上方测量依据）';
  for (const r of t.results) if (!r.measured) r.measured = '—';
  return t.results;
}

type Put = (key: RuleKey, status: Status, measured: string, details?: string[]) => void;

interface Area {
  left: number;
  right: number;
  top?: number;
  bottom?: number;
}

/** The type area in points: from the DOCX's section, or as found on the pages. */
export function typeArea(ctx: Context): Area {
  const s = ctx.docx?.sections[ctx.docx.sections.length - 1];
  if (s?.left !== undefined && s.right !== undefined && s.pageWidth !== undefined && s.top !== undefined && s.bottom !== undefined && s.pageHeight !== undefined) {
    return { left: s.left / 20, right: (s.pageWidth - s.right) / 20, top: s.top / 20, bottom: (s.pageHeight - s.bottom) / 20 };
  }
  const a = ctx.analysis;
  const left = a?.left ?? STD.left;
  const right = a?.right ?? STD.left + STD.width;
  const top = a?.top;
  const height = a?.linesPerPage && a.pitch && !a.linesPerPage.derived ? a.linesPerPage.count * a.pitch : STD.height;
  return { left, right, top, bottom: top !== undefined ? top + height : undefined };
}

function docxPage(d: DocxFacts, put: Put): void {
  if (!d.sections.length) {
    put('pageSize', 'fail', 'XML：没有页面设置（sectPr）');
    return;
  }
  const sizes = d.sections.map((s) => (s.pageWidth !== undefined && s.pageHeight !== undefined ? `${f1(twipsToMm(s.pageWidth))} × ${f1(twipsToMm(s.pageHeight))} mm` : '未设置'));
  const a4 = (w: number, h: number) => (near(w, 210, 1) && near(h, 297, 1)) || (near(w, 297, 1) && near(h, 210, 1));
  const badSize = d.sections.some((s) => s.pageWidth === undefined || s.pageHeight === undefined || !a4(twipsToMm(s.pageWidth), twipsToMm(s.pageHeight)));
  put('pageSize', badSize ? 'fail' : 'pass', `XML：${[...new Set(sizes)].join('，')}`);
  const many = d.sections.length > 1;
  const each = (pick: (s: DocxFacts['sections'][number]) => number | undefined) => [...new Set(d.sections.map((s) => (pick(s) === undefined ? '未设置' : `${f1(twipsToMm(pick(s)!))} mm`)))].join('，');
  const ok = (pick: (s: DocxFacts['sections'][number]) => number | undefined, target: number, tol = 1) => d.sections.every((s) => pick(s) !== undefined && near(twipsToMm(pick(s)!), target, tol));
  put('marginTop', ok((s) => s.top, 37) ? 'pass' : 'fail', `XML：${each((s) => s.top)}${many ? `（${d.sections.length} 节）` : ''}`);
  put('marginLeft', ok((s) => s.left, 28) ? 'pass' : 'fail', `XML：${each((s) => s.left)}`);
  const widths = (s: DocxFacts['sections'][number]) => (s.pageWidth !== undefined && s.left !== undefined && s.right !== undefined ? s.pageWidth - s.left - s.right : undefined);
  const heights = (s: DocxFacts['sections'][number]) => (s.pageHeight !== undefined && s.top !== undefined && s.bottom !== undefined ? s.pageHeight - s.top - s.bottom : undefined);
  const sizesText = [...new Set(d.sections.map((s) => `${widths(s) === undefined ? '?' : f1(twipsToMm(widths(s)!))} × ${heights(s) === undefined ? '?' : f1(twipsToMm(heights(s)!))} mm`))].join('，');
  put('typeArea', ok(widths, 156) && ok(heights, 225) ? 'pass' : 'fail', `XML：${sizesText}`);
}

function docxSpacing(d: DocxFacts | undefined): string {
  if (!d) return '';
  const s = d.sections[d.sections.length - 1];
  const body = d.paragraphs.filter((p) => !p.inTable && p.text.trim().length > 20 && !headingLevel(p.text));
  const rules = new Map<string, number>();
  for (const p of body) {
    const k = p.lineRule === 'exact' || p.lineRule === 'atLeast' ? `${p.lineRule === 'exact' ? '固定值' : '最小值'} ${f2((p.line ?? 0) / 20)} 磅` : p.line !== undefined ? `${f2(p.line / 240)}倍行距` : '单倍行距';
    rules.set(k, (rules.get(k) ?? 0) + 1);
  }
  const top = [...rules.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const grid = s?.gridType && s.gridType !== 'default' && s.linePitch ? `，文档网格 ${f2(s.linePitch / 20)} 磅` : '';
  return top ? `（XML：正文为${top}${grid}）` : '';
}

/**
 * The body's line pitch as the XML sets it, in points: exact or at-least spacing as written;
 * single spacing snapped to a document grid is the grid's pitch; other proportional spacing
 * depends on the face and is not known without laying the text out.
 */
function xmlPitch(d: DocxFacts): number | undefined {
  const s = d.sections[d.sections.length - 1];
  const body = d.paragraphs.filter((p) => !p.inTable && p.text.trim().length > 20 && !headingLevel(p.text));
  const counts = new Map<string, number>();
  for (const p of body) {
    const k = `${p.lineRule ?? 'auto'}:${p.line ?? 240}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const top = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (!top) return undefined;
  const [rule, value] = [top.split(':')[0]!, Number(top.split(':')[1])];
  if (rule === 'exact' || rule === 'atLeast') return value / 20;
  const grid = s?.gridType && s.gridType !== 'default' && s.linePitch ? s.linePitch / 20 : undefined;
  if (value === 240 && grid) return grid;
  // 1.5 or double lines of a 三号 face: at least 1.5 × 16 pt × the face's line height.
  return value > 240 && grid === undefined ? (16 * 1.3 * value) / 240 : grid && value > 240 ? grid * Math.ceil(value / 240) : undefined;
}

/** The face asked for or drawn for a level, judged against the style the standard names. */
function judgeFaces(faces: FaceInfo[], expected: FaceKind, strict: boolean, declared: boolean): { status: Status; text: string } {
  if (!faces.length) return { status: 'na', text: '' };
  let status: Status = 'pass';
  const parts: string[] = [];
  for (const f of faces) {
    // 小标宋's free stand-ins are bold Song faces.
    const kindOk = f.kind === expected || (expected === 'xiaobiaosong' && !f.official && f.kind === 'songti' && /bold|heavy|black|粗/i.test(f.name));
    if (f.official) {
      if (!kindOk) status = worst(status, 'fail');
      parts.push(kindOk ? f.name : `${f.name}（${KIND_LABEL[f.kind]}）`);
    } else if (kindOk) {
      status = worst(status, declared || strict ? 'warn' : 'pass');
      parts.push(`${f.name}（${declared ? '不是公文字体名称' : '替代字体'}）`);
    } else {
      status = worst(status, declared ? 'fail' : 'warn');
      parts.push(`${f.name}（${declared ? `${KIND_LABEL[f.kind]}，` : `替代字体，${KIND_LABEL[f.kind]}类`}）`);
    }
  }
  return { status, text: parts.join('、') };
}

const EXPECTED_KIND: Record<Level, FaceKind> = { title: 'xiaobiaosong', h1: 'heiti', h2: 'kaiti', h3: 'fangsong', h4: 'fangsong', body: 'fangsong' };
const LEVEL_KEY: Record<Exclude<Level, 'title'>, RuleKey> = { body: 'body', h1: 'h1', h2: 'h2', h3: 'h3', h4: 'h4' };
const uniqueFaces = (fs: FaceInfo[]) => [...new Map(fs.map((f) => [f.name, f])).values()];
const hanFace = (l: Line) => l.runs.find((r) => /\p{Script=Han}/u.test(r.text))?.face ?? l.face;

function levels(ctx: Context, put: Put, area: Area): void {
  const a = ctx.analysis;
  const d = ctx.docx;
  const charW = a?.charsPerLine?.charPitch ?? STD.char;

  // From the XML: what each level asks for.
  if (d) {
    const parts = docxParts(d);
    for (const level of ['body', 'h1', 'h2', 'h3', 'h4'] as const) {
      const ps = parts.filter((p) => p.level === level).map((p) => p.p);
      if (!ps.length) continue;
      const key = LEVEL_KEY[level];
      const faces = uniqueFaces(ps.flatMap((p) => hanRuns(p, level !== 'body').map((r) => classifyFace(r.eastAsia ?? '（未指定）'))));
      const judged = judgeFaces(faces, EXPECTED_KIND[level], ctx.strict, true);
      const sizes = [...new Set(ps.flatMap((p) => hanRuns(p, level !== 'body').map((r) => (r.size ?? 20) / 2)))];
      const sizeOk = sizes.every((s) => s === 16);
      const badIndent = ps.filter((p) => !indentOk(p));
      const details = badIndent.slice(0, 10).map((p) => `第 ${p.index + 1} 段“${p.text.slice(0, 20)}”首行缩进 ${indentText(p)}`);
      // The body's indent is a rule of its own; a heading's is part of the heading's rule.
      const indentCounts = level !== 'body';
      const status = worst(worst(judged.status, sizeOk ? 'pass' : 'fail'), indentCounts && badIndent.length ? 'fail' : 'pass');
      const indentNote = !indentCounts ? '' : badIndent.length ? `，${badIndent.length} 段首行缩进不是 2 字` : '，首行缩进 2 字';
      put(key, status, `XML：${judged.text}，${sizes.map((s) => `${f1(s)} 磅`).join('、')}${indentNote}`, indentCounts ? details : []);
      if (level === 'body') put('indent', badIndent.length ? 'fail' : 'pass', `XML：${ps.length} 段中 ${ps.length - badIndent.length} 段首行缩进 2 字`, details);
    }
    const title = parts.filter((p) => p.level === 'title').map((p) => p.p);
    if (title.length) {
      const faces = uniqueFaces(title.flatMap((p) => hanRuns(p, false).map((r) => classifyFace(r.eastAsia ?? '（未指定）'))));
      const judged = judgeFaces(faces, 'xiaobiaosong', ctx.strict, true);
      const sizes = [...new Set(title.flatMap((p) => hanRuns(p, false).map((r) => (r.size ?? 20) / 2)))];
      const centred = title.every((p) => p.jc === 'center');
      put('title', worst(judged.status, sizes.every((s) => s === 22) && centred ? 'pass' : 'fail'), `XML：${judged.text}，${sizes.map((s) => `${f1(s)} 磅`).join('、')}，${centred ? '居中' : `对齐方式 ${title.map((p) => p.jc ?? '两端对齐').join('、')}`}`);
    }
  }

  if (!a) return;
  // From the pages: sizes, indents, centring, and faces when it is a PDF.
  const groups: [Exclude<Level, 'title'>, Line[]][] = [
    ['body', a.bodyLines],
    ['h1', a.headings.filter((h) => h.level === 'h1').map((h) => h.line)],
    ['h2', a.headings.filter((h) => h.level === 'h2').map((h) => h.line)],
    ['h3', a.headings.filter((h) => h.level === 'h3').map((h) => h.line)],
    ['h4', a.headings.filter((h) => h.level === 'h4').map((h) => h.line)],
  ];
  const bodyFaces = uniqueFaces(a.bodyLines.map(hanFace));
  for (const [level, lines] of groups) {
    const key = LEVEL_KEY[level];
    if (!lines.length) {
      if (!d) put(key, 'na', level === 'body' ? '没有正文' : '没有这一级标题');
      continue;
    }
    const sizes = [...new Set(lines.map((l) => f1(l.size)))];
    const sizeOk = lines.every((l) => near(l.size, 16, 0.3));
    let status: Status = sizeOk ? 'pass' : 'fail';
    const parts: string[] = [];
    if (ctx.kind === 'pdf') {
      const faces = uniqueFaces(lines.map(hanFace));
      const judged = judgeFaces(faces, EXPECTED_KIND[level], ctx.strict, false);
      status = worst(status, judged.status);
      parts.push(judged.text);
      // A heading set in the body's own face is not told apart, whatever the faces are called.
      if (level === 'h1' || level === 'h2') {
        const same = faces.filter((f) => bodyFaces.some((b) => b.name === f.name) && EXPECTED_KIND[level] !== 'fangsong');
        if (same.length) {
          status = 'fail';
          parts.push('与正文同一字体');
        }
      }
    }
    parts.push(`${sizes.join('、')} 磅`);
    const details: string[] = [];
    if (level !== 'body') {
      const off = lines.filter((l) => !near((l.x - area.left) / charW, 2, 0.3));
      if (off.length) {
        status = 'fail';
        details.push(...off.slice(0, 10).map((l) => `${where(l)}缩进 ${f1((l.x - area.left) / charW)} 字`));
      }
      parts.push(off.length ? `${off.length} 行缩进不是 2 字` : '缩进 2 字');
    }
    put(key, status, `${ctx.kind === 'docx' ? '排版后：' : ''}${parts.filter(Boolean).join('，')}`, details);
  }
  // Paragraph first lines: a line after one that stopped short of the right edge.
  const first: Line[] = [];
  const body = a.bodyLines;
  for (let i = 0; i < body.length; i++) {
    const prev = i > 0 ? body[i - 1] : undefined;
    const l = body[i]!;
    const startsParagraph = !prev || prev.xEnd < area.right - prev.size * 1.2 || a.headings.some((h) => h.line.page === l.page && h.line.baseline < l.baseline && h.line.baseline > prev.baseline);
    if (!startsParagraph || (l.x - area.left) / charW > 4 || l.xEnd > area.right - 2 * charW + 4 && l.x > area.left + 4 * charW) continue;
    first.push(l);
  }
  if (first.length) {
    const off = first.filter((l) => !near((l.x - area.left) / charW, 2, 0.3));
    put('indent', off.length ? 'fail' : 'pass', `${ctx.kind === 'docx' ? '排版后：' : ''}${first.length} 段中 ${first.length - off.length} 段首行缩进 2 字`, off.slice(0, 10).map((l) => `${where(l)}缩进 ${f1((l.x - area.left) / charW)} 字`));
  }
  // The title.
  if (a.title.length) {
    const centre = (area.left + area.right) / 2;
    const offCentre = a.title.filter((l) => !near((l.x + l.xEnd) / 2, centre, 4));
    const sizeOk = a.title.every((l) => near(l.size, 22, 0.4));
    let status: Status = offCentre.length || !sizeOk ? 'fail' : 'pass';
    const parts: string[] = [];
    if (ctx.kind === 'pdf') {
      const judged = judgeFaces(uniqueFaces(a.title.map(hanFace)), 'xiaobiaosong', ctx.strict, false);
      status = worst(status, judged.status);
      parts.push(judged.text);
    }
    parts.push(`${[...new Set(a.title.map((l) => f1(l.size)))].join('、')} 磅`);
    parts.push(offCentre.length ? `${offCentre.map((l) => `“${l.text.slice(0, 12)}”偏离中线 ${mm((l.x + l.xEnd) / 2 - centre)}`).join('，')}` : '居中');
    put('title', status, `${ctx.kind === 'docx' ? '排版后：' : ''}${parts.join('，')}`);
    titlePosition(ctx, put, area);
  } else if (!d) {
    put('title', 'fail', '第一页没有找到比正文大的标题');
    put('titlePos', 'na', '没有找到标题');
  }
}

function titlePosition(ctx: Context, put: Put, area: Area): void {
  const a = ctx.analysis!;
  const pitch = a.pitch ?? STD.pitch;
  const first = a.title[0]!;
  const last = a.title[a.title.length - 1]!;
  const top = first.baseline - baselineOffset(first.size, pitch);
  const parts: string[] = [];
  let status: Status = 'pass';
  if (a.head) {
    const blank = Math.round((top - a.head.rule.y1) / pitch - 0.5);
    const ok = blank === 2;
    if (!ok) status = 'fail';
    parts.push(`红色分隔线下空 ${Math.max(0, blank)} 行`);
  } else if (area.top !== undefined) {
    const blank = Math.round((top - area.top) / pitch);
    if (blank !== 0) status = worst(status, 'warn');
    parts.push(blank === 0 ? '版心第一行（无版头）' : `版心上方空 ${blank} 行（无版头）`);
  }
  const next = a.textLines.find((l) => l.page === 1 && l.baseline > last.baseline);
  if (next) {
    const gap = Math.round((next.baseline - last.baseline) / pitch) - 1;
    if (gap !== 1) status = 'fail';
    parts.push(`标题下空 ${Math.max(0, gap)} 行`);
  }
  put('titlePos', status, parts.join('，'));
}

function docxParts(d: DocxFacts): { level: Level; p: DocxParagraph }[] {
  const out: { level: Level; p: DocxParagraph }[] = [];
  const ps = d.paragraphs.filter((p) => !p.inTable);
  let i = 0;
  // Skip the 版头: 份号, 密级, 紧急程度, red text, the 发文字号 line; then the title's paragraphs.
  const isHead = (p: DocxParagraph) =>
    /^\d{6}$/.test(p.text.trim()) || /^(绝密|机密|秘密|特急|加急)/.test(p.text.trim()) || p.runs.some((r) => r.color && isRedHex(r.color)) || /[〔\[［【（(]\s*\d{2,4}\s*[〕\]］】）)]\s*第?\s*\d+\s*号/.test(p.text) && p.text.trim().length < 40 || /签发人/.test(p.text);
  while (i < ps.length && (ps[i]!.text.trim() === '' || isHead(ps[i]!))) i++;
  const titleStart = ps[i];
  if (titleStart && !headingLevel(titleStart.text) && !/[：:]$/.test(titleStart.text.trim())) {
    const size = hanRuns(titleStart, false)[0]?.size;
    while (i < ps.length && ps[i]!.text.trim() !== '' && hanRuns(ps[i]!, false)[0]?.size === size && ps[i]!.jc === titleStart.jc && (out.length === 0 || ps[i]!.text.trim().length < 40)) {
      out.push({ level: 'title', p: ps[i]! });
      i++;
    }
  }
  // The 主送机关 (7.3.2): the first paragraph after the title when it ends in a colon; it stands
  // flush left, not indented as the body.
  let j = i;
  while (j < ps.length && ps[j]!.text.trim() === '') j++;
  if (out.length && j < ps.length && /[：:]$/.test(ps[j]!.text.trim()) && !headingLevel(ps[j]!.text.trim())) i = j + 1;
  let inNote = false;
  let afterLabel = false;
  let inColophon = false;
  for (; i < ps.length; i++) {
    const p = ps[i]!;
    const text = p.text.replace(/\f/g, '').trim();
    // An attachment's title follows its label: judged as neither body nor heading.
    if (afterLabel && text) {
      afterLabel = false;
      continue;
    }
    if (ATTACHMENT_LABEL.test(text)) {
      afterLabel = true;
      continue;
    }
    // The 附件说明's numbered names are a list, not headings.
    if (/^附\s*件\s*[:：]/.test(text)) inNote = true;
    else if (inNote && !/^\d+\s*[.．、]/.test(text)) inNote = false;
    if (inNote) {
      if (/^附\s*件/.test(text)) out.push({ level: 'body', p });
      continue;
    }
    // The 版记 (抄送 and the lines it runs on to, 印发), notes under tables (often 五号) and
    // attachment labels are not body text.
    if (/^抄\s*送/.test(text)) inColophon = true;
    if (inColophon) {
      if (/印\s*发$/.test(text)) inColophon = false;
      continue;
    }
    if (!text || /印\s*发$/.test(text) || /^抄\s*送/.test(text) || /^注\s*[:：]/.test(text) || ATTACHMENT_LABEL.test(text)) continue;
    // A figure's caption (图1　…, often 黑体 and smaller) is no body text either.
    if (FIGURE_CAPTION.test(text)) continue;
    // The signature block, 附件说明 and dates stand right or as notes: judged as body text only for their face.
    out.push({ level: headingLevel(text) ?? 'body', p });
  }
  return out;
}

/** 图1, 图 2 and the like, then a space and the figure's title. */
const FIGURE_CAPTION = /^图\s*\d+[\s\u3000]+\S/;

const isRedHex = (c: string) => /^[0-9a-f]{6}$/i.test(c) && parseInt(c.slice(0, 2), 16) > 150 && parseInt(c.slice(2, 4), 16) < 110 && parseInt(c.slice(4, 6), 16) < 110;

/** Runs carrying Chinese text; for a heading, the runs of its first sentence (run-in headings go on in the body face). */
function hanRuns(p: DocxParagraph, heading: boolean): DocxParagraph['runs'] {
  const runs = p.runs.filter((r) => /\p{Script=Han}/u.test(r.text));
  if (!heading) return runs;
  const out: DocxParagraph['runs'] = [];
  let text = '';
  for (const r of p.runs) {
    if (/\p{Script=Han}/u.test(r.text)) out.push(r);
    text += r.text;
    if (/[。：:]/.test(r.text) || text.length > 30) break;
  }
  return out.length ? out : runs;
}

function indentOk(p: DocxParagraph): boolean {
  if (p.jc === 'center' || p.jc === 'right' || p.jc === 'end') return true;
  // Blocks placed by a left indent (the 署名, a hanging 附件 list) are not paragraphs of text.
  if ((p.left ?? 0) >= 1200 || (p.hanging ?? 0) > 0) return true;
  if (p.firstLineChars !== undefined) return near(p.firstLineChars, 200, 10);
  if (p.firstLine !== undefined) return p.firstLine >= 590 && p.firstLine <= 680;
  // Two full-width spaces typed at the start do the same on paper.
  return /^[\u3000]{2}/.test(p.text) || /^ {4}/.test(p.text);
}

function indentText(p: DocxParagraph): string {
  if (p.hanging) return `悬挂 ${f1(p.hanging / 20)} 磅`;
  if (p.firstLineChars !== undefined) return `${f1(p.firstLineChars / 100)} 字`;
  if (p.firstLine !== undefined) return `${f1(p.firstLine / 20)} 磅`;
  return '无';
}

function folios(ctx: Context, put: Put, area: Area): void {
  const a = ctx.analysis;
  const d = ctx.docx;
  if (d) {
    // The section that numbers its pages: a 版记 section after it carries none (7.5).
    const numbers = (x: DocxFacts['sections'][number]) => x.footers.some((f) => f.paragraphs.some((p) => p.fields.some((y) => /^PAGE\b/i.test(y))));
    const s = d.sections.find(numbers) ?? d.sections[d.sections.length - 1];
    const footers = s?.footers ?? [];
    const odd = footers.find((f) => f.type === 'default');
    const even = footers.find((f) => f.type === 'even');
    const hasPage = (f: typeof odd) => f?.paragraphs.some((p) => p.fields.some((x) => /^PAGE\b/i.test(x))) ?? false;
    if (!hasPage(odd) && !hasPage(even)) put('folioForm', 'fail', 'XML：页脚里没有页码域（PAGE）');
    else {
      const p = odd?.paragraphs.find((x) => x.fields.some((y) => /^PAGE\b/i.test(y))) ?? even!.paragraphs.find((x) => x.fields.some((y) => /^PAGE\b/i.test(y)))!;
      const dashed = /^\s*—\s*\d*\s*—\s*$/.test(p.text);
      const sizes = [...new Set(p.runs.map((r) => (r.size ?? 20) / 2))];
      put('folioForm', dashed && sizes.every((x) => x === 14) ? 'pass' : 'fail', `XML：页脚“${p.text.trim()}”，${sizes.map((x) => `${f1(x)} 磅`).join('、')}`);
    }
    const side = (f: typeof odd) => f?.paragraphs.find((x) => x.fields.length)?.jc ?? '未设置';
    const ok = d.evenAndOddHeaders && ['right', 'end'].includes(side(odd)) && ['left', 'start'].includes(side(even));
    put('folioPos', ok ? 'pass' : 'fail', `XML：${d.evenAndOddHeaders ? '奇偶页不同' : '奇偶页相同（没有 evenAndOddHeaders）'}，单页${alignLabel(side(odd))}${even ? `，双页${alignLabel(side(even))}` : ''}`);
  }
  if (!a) return;
  if (!a.folios.length) {
    put('folioForm', 'fail', `${ctx.kind === 'docx' ? '排版后：' : ''}没有找到页码`);
    put('folioPos', 'na', '没有页码');
    put('folioDist', 'na', '没有页码');
    return;
  }
  const badForm = a.folios.filter((f) => !/^— [0-9]+ —$/.test(f.line.text.replace(/\s+/g, ' ').trim()) && !/^—[0-9]+—$/.test(f.line.text.replace(/\s+/g, '')));
  const badSize = a.folios.filter((f) => !near(f.line.size, 14, 0.4));
  const sample = a.folios[0]!.line.text.replace(/\s+/g, ' ').trim();
  const details = [...badForm.map((f) => `第 ${f.page} 页页码“${f.line.text.trim()}”`), ...badSize.map((f) => `第 ${f.page} 页页码 ${f1(f.line.size)} 磅`)];
  // Pages without a number: allowed for a blank page and the 版记 page after it.
  const missing = a.unnumbered.filter((p) => !(a.colophon && a.colophon.page === p));
  if (missing.length) details.push(`第 ${missing.join('、')} 页没有页码`);
  put('folioForm', badForm.length || badSize.length || missing.length ? 'fail' : 'pass', `${ctx.kind === 'docx' ? '排版后：' : ''}“${sample}”${badForm.length ? `等，${badForm.length} 页样式不对` : ''}，${[...new Set(a.folios.map((f) => f1(f.line.size)))].join('、')} 磅`, details);

  const charW = 16;
  const wrong: string[] = [];
  let oddOk = 0;
  let evenOk = 0;
  for (const f of a.folios) {
    const odd = (f.number ?? f.page) % 2 === 1;
    const offset = odd ? area.right - f.line.xEnd : f.line.x - area.left;
    if (near(offset, charW, 4)) odd ? oddOk++ : evenOk++;
    else wrong.push(`第 ${f.page} 页（${odd ? '单' : '双'}页）页码${odd ? '右' : '左'}边距版心 ${f1(offset / charW)} 字${!odd && near(area.right - f.line.xEnd, charW, 4) ? '，排在右侧' : ''}`);
  }
  put('folioPos', wrong.length ? 'fail' : 'pass', `${ctx.kind === 'docx' ? '排版后：' : ''}${wrong.length ? `${wrong.length} 页位置不对` : `单页 ${oddOk} 页居右空一字，双页 ${evenOk} 页居左空一字`}`, wrong);

  const tops = ctx.ink?.folioTops;
  if (area.bottom === undefined) put('folioDist', 'na', '版心下边缘无法确定');
  else if (!tops?.size) put('folioDist', 'na', '无法渲染页面（需要 poppler 的 pdftoppm）');
  else {
    const dists = a.folios.filter((f) => tops.has(f.page)).map((f) => ({ page: f.page, mm: (tops.get(f.page)! - area.bottom!) / MM }));
    const off = dists.filter((x) => !near(x.mm, 7, 1));
    const range = dists.length ? `${f1(Math.min(...dists.map((x) => x.mm)))}${dists.length > 1 && f1(Math.min(...dists.map((x) => x.mm))) !== f1(Math.max(...dists.map((x) => x.mm))) ? `–${f1(Math.max(...dists.map((x) => x.mm)))}` : ''} mm` : '?';
    put('folioDist', off.length ? 'fail' : 'pass', `${ctx.kind === 'docx' ? '排版后：' : ''}${range}`, off.map((x) => `第 ${x.page} 页 ${f1(x.mm)} mm`));
  }
}

const alignLabel = (jc: string) => ({ right: '居右', end: '居右', left: '居左', start: '居左', center: '居中', both: '两端对齐' })[jc] ?? jc;

function head(ctx: Context, put: Put, area: Area): void {
  const a = ctx.analysis;
  if (!a?.head) {
    put('mark', 'na', '没有版头（第一页没有红色分隔线）');
    put('rule', 'na', '没有版头');
    return;
  }
  const { rule, docNumber } = a.head;
  const markTop = ctx.ink?.markTop;
  if (area.top === undefined) put('mark', 'na', '版心上边缘无法确定');
  else if (markTop === undefined) put('mark', 'fail', '红色分隔线上方没有红色的发文机关标志');
  else {
    const dist = (markTop - area.top) / MM;
    put('mark', near(dist, 35, 1) ? 'pass' : 'fail', `红色，上边缘距版心上边缘 ${f1(dist)} mm`);
  }
  const width = rule.x1 - rule.x0;
  const parts = [`宽 ${mm(width)}，左端距版心左边缘 ${mm(rule.x0 - area.left)}`];
  let status: Status = near(width, STD.width, MM) && near(rule.x0, area.left, MM) ? 'pass' : 'fail';
  if (docNumber) {
    const gap = (rule.y0 - (docNumber.baseline + docNumber.size * 0.12)) / MM;
    parts.push(`距发文字号 ${f1(gap)} mm`);
    if (!near(gap, 4, 1.5)) status = 'fail';
  }
  put('rule', status, parts.join('，'));
}

/** The document's text: the DOCX's paragraphs, or the PDF's lines joined into paragraphs. */
function paragraphs(ctx: Context): string[] {
  if (ctx.docx) return ctx.docx.paragraphs.map((p) => p.text.replace(/\f/g, ''));
  const a = ctx.analysis;
  if (!a) return [];
  const out: string[] = [];
  let current = '';
  let prev: Line | undefined;
  const right = a.right ?? Infinity;
  for (const p of a.pages) {
    for (const l of [...p.lines].sort((x, y) => x.baseline - y.baseline || x.x - y.x)) {
      if (a.folios.some((f) => f.line === l)) continue;
      const continues = prev && prev.xEnd >= right - prev.size * 1.2 && Math.abs(l.x - (a.left ?? l.x)) < l.size * 0.5 && Math.abs(l.size - prev.size) < 1;
      if (continues) current += l.text;
      else {
        if (current) out.push(current);
        current = l.text;
      }
      prev = l;
    }
  }
  if (current) out.push(current);
  return out;
}

function words(ctx: Context, put: Put): void {
  const paras = paragraphs(ctx);
  if (!paras.length) {
    for (const key of ['docNumber', 'dates', 'attachments'] as const) put(key, 'na', '没有文字');
    return;
  }
  const all = paras.join('\n');
  // 发文字号
  const numbers = findDocNumbers(all);
  const badNumbers = numbers.filter((n) => n.problems.length);
  if (!numbers.length) put('docNumber', 'na', '没有发文字号');
  else put('docNumber', badNumbers.length ? 'fail' : 'pass', numbers.map((n) => n.text).slice(0, 5).join('、') + (numbers.length > 5 ? ` 等 ${numbers.length} 个` : ''), badNumbers.map((n) => `“${n.text}”：${n.problems.join('；')}`));
  // Dates
  const dates = findDates(all);
  const bad = dates.filter((x) => x.problems.length).map((x) => `“${x.text}”：${x.problems.join('；')}`);
  // The 成文日期: the last date standing alone on its line, after the signature.
  const written = [...paras].reverse().find((p) => /^\s*(\d{2,4}|[〇零一二三四五六七八九十○]{2,4})\s*年.{1,6}月.{1,6}日\s*$/.test(p) && !/印发$/.test(p));
  if (written) for (const problem of writtenDateProblems(written)) bad.push(`成文日期“${written.trim()}”：${problem}`);
  if (!dates.length && !written) put('dates', 'na', '没有日期');
  else put('dates', bad.length ? 'fail' : 'pass', `${dates.length} 个日期${written ? `，成文日期“${written.replace(/\s+/g, '')}”` : ''}${bad.length ? `，${bad.length} 处有误` : '，均无误'}`, bad);
  // 附件说明 and attachments
  const note = parseAttachmentNote(paras);
  const pages = attachmentPages(ctx);
  if (!note && !pages.length) put('attachments', 'na', '没有附件');
  else {
    const problems = compareAttachments(note, pages);
    const measured = `${note ? `附件说明 ${note.items.length} 项（${note.items.map((i) => i.name).join('；')}）` : '没有附件说明'}，${pages.length ? `附件 ${pages.length} 个（${pages.map((p) => `${p.label.replace(/\s+/g, '')}：${p.title}`).join('；')}）` : '文件里没有附件页'}`;
    put('attachments', problems.length ? 'fail' : note && !pages.length ? 'warn' : 'pass', measured, problems);
  }
}

function attachmentPages(ctx: Context): AttachmentPage[] {
  if (ctx.docx) {
    const ps = ctx.docx.paragraphs.filter((p) => !p.inTable);
    const out: AttachmentPage[] = [];
    ps.forEach((p, i) => {
      const m = ATTACHMENT_LABEL.exec(p.text.replace(/\f/g, '').trim());
      if (!m || !(p.pageBreakBefore || i === 0 || /^\s*\f/.test(p.text))) return;
      const title = ps.slice(i + 1).find((x) => x.text.trim() !== '')?.text.trim() ?? '';
      out.push({ label: p.text.trim(), number: m[1] ? Number(m[1]) : undefined, title });
    });
    return out;
  }
  return (ctx.analysis?.attachments ?? []).map((x) => {
    const m = ATTACHMENT_LABEL.exec(x.label.text.trim())!;
    return { label: x.label.text.trim(), number: m[1] ? Number(m[1]) : undefined, title: x.title.map((l) => l.text).join('') };
  });
}

function colophon(ctx: Context, put: Put, area: Area): void {
  const a = ctx.analysis;
  const c = a?.colophon;
  if (!a || !c) {
    put('colophon', 'na', '没有版记');
    return;
  }
  const pitch = a.pitch ?? STD.pitch;
  const issued = c.lines.filter((l) => /印\s*发$/.test(l.text.trim()));
  const anchor = issued[issued.length - 1] ?? c.lines[c.lines.length - 1]!;
  const row = c.lines.filter((l) => near(l.baseline, anchor.baseline, 2));
  const cc = c.lines.filter((l) => /^抄\s*送/.test(l.text.trim()));
  const problems: string[] = [];
  const parts: string[] = [`第 ${c.page} 页`];
  if (c.page !== a.pages.length) problems.push(`版记在第 ${c.page} 页，不是最后一页（共 ${a.pages.length} 页）`);
  if (c.page % 2 === 1) problems.push(`版记页是单页（第 ${c.page} 页），应在偶数页`);
  if (area.bottom !== undefined) {
    const slotsAbove = (area.bottom - anchor.baseline) / pitch;
    parts.push(`印发行距版心下边缘 ${f1(slotsAbove)} 行`);
    if (slotsAbove < 0 || slotsAbove > 1) problems.push(`最后一个要素“${anchor.text.trim()}”不在版心最后一行（距下边缘 ${mm(area.bottom - anchor.baseline)}）`);
  }
  for (const l of [...row, ...cc]) if (!near(l.size, 14, 0.4)) problems.push(`“${l.text.trim().slice(0, 16)}”是 ${f1(l.size)} 磅，应为四号（14 磅）`);
  const charW = 14;
  if (row.length >= 2) {
    const [org, date] = [row[0]!, row[row.length - 1]!];
    if (!near(org.x - area.left, charW, 5)) problems.push(`印发机关左空 ${f1((org.x - area.left) / 16)} 字，应空一字`);
    if (!near(area.right - date.xEnd, charW, 5)) problems.push(`印发日期右空 ${f1((area.right - date.xEnd) / 16)} 字，应空一字`);
  }
  if (c.rules.length) {
    const widths = c.rules.map((r) => r.x1 - r.x0);
    parts.push(`分隔线 ${c.rules.length} 条，宽 ${[...new Set(widths.map((w) => f1(w / MM)))].join('、')} mm`);
    if (widths.some((w) => !near(w, area.right - area.left, MM))) problems.push('版记分隔线与版心不等宽');
    const lastRule = c.rules[c.rules.length - 1]!;
    if (area.bottom !== undefined && !near((lastRule.y0 + lastRule.y1) / 2, area.bottom, 2 * MM)) problems.push(`末条分隔线距版心下边缘 ${mm((lastRule.y0 + lastRule.y1) / 2 - area.bottom)}，应与版心下边缘重合`);
  } else problems.push('版记没有分隔线');
  put('colophon', problems.length ? 'fail' : 'pass', parts.join('，'), problems);
}

function fonts(ctx: Context, put: Put): void {
  const bad: Status = ctx.strict ? 'fail' : 'warn';
  if (ctx.kind === 'pdf') {
    const a = ctx.analysis;
    if (!a) return;
    const used = uniqueFaces(a.pages.flatMap((p) => p.lines.flatMap((l) => l.runs.filter((r) => /\p{Script=Han}/u.test(r.text)).map((r) => r.face))));
    const subs = used.filter((f) => !f.official);
    put('fonts', subs.length ? bad : 'pass', subs.length ? `嵌入了 ${subs.length} 种非公文字体：${subs.map((f) => `${f.name}（${KIND_LABEL[f.kind]}类）`).join('、')}` : `中文只用了公文字体：${used.map((f) => f.name).join('、')}`);
    return;
  }
  const d = ctx.docx;
  if (!d) return;
  const declared = [...d.faces];
  const unofficial = declared.filter((n) => !classifyFace(n).official);
  const missing = ctx.missingFaces ?? [];
  const parts: string[] = [];
  if (missing.length) parts.push(`本机没有 ${missing.join('、')}，排版时用了替代字体`);
  if (unofficial.length) parts.push(`指定了非公文字体 ${unofficial.join('、')}`);
  put('fonts', missing.length || unofficial.length ? bad : 'pass', parts.length ? parts.join('；') : `指定的字体本机都有：${declared.join('、')}`);
}

export const failed = (rs: RuleResult[]) => rs.filter((r) => r.status === 'fail');
