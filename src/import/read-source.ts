import { readFileSync } from 'node:fs';
import path from 'node:path';
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

/** Reads a .txt, .html or .docx report into blocks. */
export async function readSource(file: string, notices: ImportNotice[]): Promise<Block[]> {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.docx') {
    const result = await mammoth.convertToHtml({ path: file });
    for (const m of result.messages) if (m.type === 'error') notices.push({ severity: 'warning', message: `读取 Word 文件时：${m.message}` });
    return blocksFromHtml(result.value, notices);
  }
  const text = decode(readFileSync(file));
  if (ext === '.html' || ext === '.htm') return blocksFromHtml(text, notices);
  if (ext === '.txt' || ext === '.md' || ext === '') return blocksFromText(text);
  throw new ImportError(`不支持的文件类型“${ext}”。`, '可以导入 .docx、.html、.txt 文件；其他格式请先在 Word 中另存为 .docx。');
}

export class ImportError extends Error {
  readonly hint?: string;
  constructor(message: string, hint?: string) {
    super(message);
    this.hint = hint;
  }
}
