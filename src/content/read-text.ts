import { readFileSync } from 'node:fs';
import { diag, type Diagnostic } from '../diagnostics/diagnostic.ts';

export type TextResult = { ok: true; text: string } | { ok: false; diagnostics: Diagnostic[] };

const utf8 = new TextDecoder('utf-8', { fatal: true });
const gb18030 = new TextDecoder('gb18030', { fatal: true });

/**
 * Reads a content file as UTF-8 text. A BOM and CRLF line endings are accepted silently (Windows
 * editors write them); other encodings are refused with a hint, never converted in place.
 */
export function readText(absPath: string, file: string): TextResult {
  const at = { file, line: 0, column: 0 };
  let bytes: Buffer;
  try {
    bytes = readFileSync(absPath);
  } catch (e) {
    return { ok: false, diagnostics: [diag('error', 'file.unreadable', at, `无法读取文件：${(e as Error).message}`)] };
  }
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return {
      ok: false,
      diagnostics: [
        diag('error', 'file.encoding', at, '文件是 UTF-16 编码，nianbao 只读 UTF-8。', {
          hint: '用编辑器（如 VS Code 右下角的编码按钮，或记事本“另存为”）把文件另存为 UTF-8 编码。',
        }),
      ],
    };
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    let looksGbk = false;
    try {
      looksGbk = /[\u4e00-\u9fff]/.test(gb18030.decode(bytes));
    } catch {
      looksGbk = false;
    }
    return {
      ok: false,
      diagnostics: [
        diag(
          'error',
          'file.encoding',
          { file, line: firstInvalidLine(bytes), column: 0 },
          looksGbk
            ? '文件是 GBK/GB18030 编码（常见于 Windows 记事本和 WPS 的默认保存），nianbao 只读 UTF-8。'
            : '文件不是有效的 UTF-8 编码。',
          { hint: '用编辑器把文件“另存为”UTF-8 编码（VS Code：右下角“GBK”→“通过编码保存”→ UTF-8）。nianbao 不会自动改写你的文件。' },
        ),
      ],
    };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  text = text.replace(/\r\n?/g, '\n');
  if (text.trim() === '') {
    return {
      ok: false,
      diagnostics: [diag('error', 'file.empty', at, '文件是空的。', { hint: '填写内容，或删除这个文件。' })],
    };
  }
  return { ok: true, text };
}

/** The line of the first byte sequence that is not UTF-8, so the editor knows where to look. */
function firstInvalidLine(bytes: Buffer): number {
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        utf8.decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      line++;
      start = i + 1;
    }
  }
  return 1;
}
