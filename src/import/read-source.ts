import { readFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import type { Block, ImportNotice } from './blocks.ts';
import type { DocConverter } from './doc-conversion.ts';
import { ImportError } from './import-error.ts';
import { blocksFromHtml } from './source-html.ts';
import { blocksFromPdf } from './source-pdf.ts';
import { blocksFromText } from './source-text.ts';

function decode(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    // Text saved by Windows tools in China is often GB18030/GBK.
    return new TextDecoder('gb18030').decode(bytes);
  }
}

export interface Source {
  blocks: Block[];
  /** Publication metadata the file carries outside its text (a Word file's document properties). */
  properties: Record<string, string>;
}

/** Reads a .txt, .html, .docx, .doc (through LibreOffice, by `docs`) or .pdf (its text layer) report into blocks. */
export async function readSource(file: string, notices: ImportNotice[], docs?: DocConverter): Promise<Source> {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.doc') {
    if (!docs) throw new ImportError('导入 .doc 文件需要 LibreOffice 转换。');
    const docx = await docs.docx(file);
    notices.push({ severity: 'info', message: '.doc 文件已用 LibreOffice 转为 .docx 后导入。' });
    return await readSource(docx, notices);
  }
  if (ext === '.pdf') {
    const blocks = await blocksFromPdf(readFileSync(file));
    const tables = blocks.filter((b) => b.kind === 'table').length;
    notices.push({
      severity: 'warning',
      message: `PDF 只读取了文字层：跨行的段落已按版面重新连接${tables ? `，${tables} 个表格按位置读取（每个数字归入它正上方的表头所在的列，位置不确定的不猜、逐格列出）` : ''}。请对照原件核对分段和表格。`,
    });
    if (!blocks.length) throw new ImportError('这个 PDF 没有文字层（可能是扫描件），无法导入。', '请找 Word 原稿，或先做文字识别（OCR）。');
    return { blocks, properties: {} };
  }
  if (ext === '.docx') {
    // A damaged file, an old .doc renamed to .docx or a folder: a clear refusal, not a ZIP library's stack trace.
    let html: string;
    let properties: Record<string, string>;
    try {
      const result = await mammoth.convertToHtml({ path: file });
      for (const m of result.messages) if (m.type === 'error') notices.push({ severity: 'warning', message: `读取 Word 文件时：${m.message}` });
      html = result.value;
      properties = await wordProperties(readFileSync(file));
    } catch (e) {
      throw new ImportError(`无法读取 Word 文件 ${path.basename(file)}：它不是有效的 .docx 文件（${(e as Error).message}）。`, '用 Word 或 WPS 打开后另存为 .docx（不是 .doc），或另存为 .html 再导入。');
    }
    return { blocks: blocksFromHtml(html, notices), properties };
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new ImportError(`无法读取 ${file}：${(e as Error).message}`);
  }
  const text = decode(bytes);
  if (ext === '.html' || ext === '.htm') return { blocks: blocksFromHtml(text, notices), properties: {} };
  if (ext === '.txt' || ext === '.md' || ext === '') return { blocks: blocksFromText(text), properties: {} };
  throw new ImportError(`不支持的文件类型“${ext}”。`, '可以导入 .docx、.doc、.html、.txt、.pdf 文件；其他格式请先在 Word 中另存为 .docx。');
}

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** Custom document properties (索引号, 发布日期 … as nianbao writes them) and the core title/author. */
async function wordProperties(bytes: Buffer): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const out: Record<string, string> = {};
  const custom = await zip.file('docProps/custom.xml')?.async('string');
  for (const m of custom?.matchAll(/<property\b[^>]*\bname="([^"]+)"[^>]*>\s*<vt:lpwstr>([^<]*)<\/vt:lpwstr>/g) ?? []) out[unescape(m[1]!)] = unescape(m[2]!);
  const core = await zip.file('docProps/core.xml')?.async('string');
  const tag = (name: string) => core?.match(new RegExp(`<${name}>([^<]*)</${name}>`))?.[1];
  if (tag('dc:creator') && !out['发布机构']) out['发布机构'] = unescape(tag('dc:creator')!);
  if (tag('cp:keywords')) out['关键词'] = unescape(tag('cp:keywords')!);
  return out;
}
