import { readFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import type { Block, ImportNotice } from './blocks.ts';
import { blocksFromHtml } from './source-html.ts';
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

/** Reads a .txt, .html or .docx report into blocks. */
export async function readSource(file: string, notices: ImportNotice[]): Promise<Source> {
  const ext = path.extname(file).toLowerCase();
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
  throw new ImportError(`不支持的文件类型“${ext}”。`, '可以导入 .docx、.html、.txt 文件；其他格式请先在 Word 中另存为 .docx。');
}

export class ImportError extends Error {
  readonly hint?: string;
  constructor(message: string, hint?: string) {
    super(message);
    this.hint = hint;
  }
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
