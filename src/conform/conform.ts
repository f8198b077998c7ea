/**
 * `nianbao conform`: checks a DOCX or PDF against GB/T 9704-2012 — page, type area, grid, faces
 * per level, page numbers, 版头, 版记, 发文字号, dates, attachments, line breaking — from what is
 * printed on its pages. A DOCX is read twice: its XML for what it asks for, and LibreOffice's
 * rendering of it for what a reader gets.
 */
import { closeSync, existsSync, mkdtempSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readDocx, type DocxFacts } from './docx-read.ts';
import { classifyFace } from './faces.ts';
import { analyse, MM, type Analysis } from './layout.ts';
import { convertWithLibreOffice, installedFamily, NoLibreOffice } from './libreoffice.ts';
import { readPdf, UnreadableFile } from './pdf-read.ts';
import { firstRow, isInk, isRed, renderPages } from './raster.ts';
import { evaluate, typeArea, type Context, type Ink, type RuleResult } from './rules.ts';

export { UnreadableFile };

export interface ConformOptions {
  strict?: boolean;
  /** A PDF LibreOffice already made of this DOCX (tests convert many files in one run). */
  rendered?: string;
}

export interface ConformReport {
  file: string;
  kind: 'pdf' | 'docx';
  strict: boolean;
  ok: boolean;
  /** How the pages were measured. */
  measuredFrom: string;
  results: RuleResult[];
}

function kindOf(file: string): 'pdf' | 'docx' {
  if (!existsSync(file)) throw new UnreadableFile(`找不到文件：${file}`);
  if (statSync(file).isDirectory()) throw new UnreadableFile(`${file} 是文件夹，请给出一个 .docx 或 .pdf 文件`);
  const head = Buffer.alloc(8);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, 8, 0);
  } finally {
    closeSync(fd);
  }
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (head[0] === 0x50 && head[1] === 0x4b) return 'docx';
  if (head.readUInt32BE(0) === 0xd0cf11e0) throw new UnreadableFile('这是旧的 Word 97–2003（.doc）文件：请在 Word 或 WPS 中另存为 .docx 后再检查。');
  const ext = path.extname(file).toLowerCase();
  if (ext === '.pdf') throw new UnreadableFile('文件扩展名是 .pdf，内容却不是 PDF（可能已损坏或只下载了一部分）。');
  if (ext === '.docx') throw new UnreadableFile('文件扩展名是 .docx，内容却不是 Word 文档（可能已损坏）。');
  throw new UnreadableFile('只能检查 .docx 和 .pdf 文件。');
}

export async function conformFile(file: string, options: ConformOptions = {}): Promise<ConformReport> {
  const kind = kindOf(file);
  const strict = options.strict ?? false;
  const ctx: Context = { kind, strict };
  let pdf: string | undefined;
  let temp: string | undefined;
  let measuredFrom: string;
  try {
    if (kind === 'pdf') {
      pdf = file;
      measuredFrom = 'PDF 页面上的文字位置、字体和图形';
    } else {
      const docx: DocxFacts = await readDocx(file);
      ctx.docx = docx;
      ctx.missingFaces = [...docx.faces].filter((n) => classifyFace(n).official && !installedFamily(n));
      if (options.rendered) pdf = options.rendered;
      else {
        temp = mkdtempSync(path.join(tmpdir(), 'nianbao-conform-'));
        try {
          const { outputs, log } = await convertWithLibreOffice([path.resolve(file)], temp);
          pdf = outputs[0];
          if (!pdf) ctx.renderProblem = `LibreOffice 没能排版这个文件${log ? `：${log.split('\n').pop()}` : ''}`;
        } catch (e) {
          if (!(e instanceof NoLibreOffice)) throw e;
          ctx.renderProblem = e.message;
        }
      }
      measuredFrom = pdf ? 'Word 文件的 XML，以及 LibreOffice 排版后的页面' : `只有 Word 文件的 XML（${ctx.renderProblem}）`;
    }
    if (pdf) {
      const layout = await readPdf(pdf);
      if (kind === 'pdf' && layout.pages.every((p) => p.lines.length === 0)) {
        throw new UnreadableFile('PDF 里没有文字（可能是扫描件或图片），无法测量文字的位置和字体。请用 Word 文件或由 Word、WPS 导出的 PDF 检查。');
      }
      const section = ctx.docx?.sections[ctx.docx.sections.length - 1];
      const hint =
        section?.left !== undefined && section.right !== undefined && section.pageWidth !== undefined && section.top !== undefined
          ? { left: section.left / 20, right: (section.pageWidth - section.right) / 20, top: section.top / 20 }
          : undefined;
      ctx.analysis = analyse(layout, hint);
      ctx.ink = await measureInk(pdf, ctx.analysis, typeArea(ctx));
    }
    const results = evaluate(ctx);
    return { file, kind, strict, ok: !results.some((r) => r.status === 'fail'), measuredFrom, results };
  } finally {
    if (temp) rmSync(temp, { recursive: true, force: true });
  }
}

/** The ink only pixels show: the top of each page number's dash and of the red 发文机关标志. */
async function measureInk(pdf: string, a: Analysis, area: { top?: number; bottom?: number; left: number; right: number }): Promise<Ink> {
  const ink: Ink = { folioTops: new Map() };
  const width = a.pages[0]?.width ?? 595;
  const height = a.pages[0]?.height ?? 842;
  if (a.folios.length && area.bottom !== undefined) {
    const y = area.bottom + 0.5 * MM;
    const rasters = await renderPages(pdf, { dpi: 150, gray: true, crop: { x: 0, y, width, height: height - y } });
    for (const f of a.folios) {
      const r = rasters.find((x) => x.page === f.page);
      if (!r) continue;
      const dashed = /^[—–\-－─―]/.test(f.line.text.trim());
      const x1 = dashed ? f.line.x + f.line.size * 0.9 : f.line.xEnd;
      const top = firstRow(r, f.line.x, x1, isInk);
      if (top !== undefined) ink.folioTops.set(f.page, top);
    }
  }
  if (a.head) {
    const [r] = await renderPages(pdf, { dpi: 150, first: 1, last: 1 });
    if (r) ink.markTop = firstRow(r, area.left - 2 * MM, area.right + 2 * MM, isRed, 0, a.head.rule.y0 - 3);
  }
  return ink;
}
