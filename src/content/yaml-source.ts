import { isMap, isPair, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { diag, type Diagnostic, type SourcePosition, type YamlSource } from '../diagnostics/diagnostic.ts';
import { numberTextHint } from './schema-diagnostics.ts';

// Declared beside the diagnostics: lint reads a source's positions without depending on the loader.
export type { YamlSource } from '../diagnostics/diagnostic.ts';

export type YamlResult = { ok: true; source: YamlSource } | { ok: false; diagnostics: Diagnostic[] };

/**
 * Parses YAML (1.2 core schema: dates stay strings) keeping positions.
 * `firstLine` is the line of the YAML's first line in its file (2 for Markdown frontmatter).
 */
export function parseYamlSource(text: string, file: string, firstLine = 1): YamlResult {
  return sourceOf(text, file, firstLine, parseDocumentAt(text, file, firstLine));
}

interface ParsedDocument {
  doc: Document;
  lineCounter: LineCounter;
  typos: Diagnostic[];
}

function parseDocumentAt(text: string, file: string, firstLine: number): ParsedDocument {
  const typos = scanEditorTypos(text, file, firstLine);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  return { doc, lineCounter, typos };
}

/**
 * The few files every load reads whole and that rarely change — the templates, issuers.yaml — are
 * parsed once per process for as long as their text is the same: they were about half of each load
 * of a small project (`nianbao dev` reloads, `nianbao import` loads the project per document). The
 * parsed document is only read (positions); its data is converted afresh for every load, so no
 * caller can change what the next one gets.
 */
const SHARED_LIMIT = 64;
const shared = new Map<string, ParsedDocument>();

export function parseSharedYamlSource(text: string, file: string): YamlResult {
  const key = `${file}\0${text}`;
  let parsed = shared.get(key);
  if (parsed) shared.delete(key);
  else parsed = parseDocumentAt(text, file, 1);
  // Only a document that parsed cleanly is kept; the newest last, the oldest dropped beyond the limit.
  if (parsed.typos.length === 0 && parsed.doc.errors.length === 0) {
    shared.set(key, parsed);
    if (shared.size > SHARED_LIMIT) shared.delete(shared.keys().next().value!);
  }
  return sourceOf(text, file, 1, parsed);
}

function sourceOf(text: string, file: string, firstLine: number, { doc, lineCounter, typos }: ParsedDocument): YamlResult {
  const at = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line: line + firstLine - 1, column: col };
  };
  // The typos explain the YAML errors they cause, and are reported even when YAML still parsed
  // (a full-width colon turns `key：value` into a plain string). Otherwise only the first YAML
  // error is reported: the ones after it are mostly its echoes.
  if (typos.length > 0) return { ok: false, diagnostics: typos };
  const first = doc.errors[0];
  if (first) return { ok: false, diagnostics: [yamlError(first.code, first.message, at(first.pos[0]))] };

  // `*name` without an `&name` (an asterisk typed before a number) or an alias bomb: the yaml
  // library only notices when converting, and throws.
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    const name = /alias[^:]*: (.+)$/i.exec((e as Error).message)?.[1];
    const offset = name === undefined ? -1 : text.indexOf(`*${name}`);
    return {
      ok: false,
      diagnostics: [
        diag('error', 'yaml.alias', offset >= 0 ? at(offset) : { file, line: firstLine, column: 1 }, name !== undefined ? `YAML 里的 *${name} 是对“&${name}”的引用，但前面没有定义它。` : 'YAML 里的引用（*名称）太多，无法读取。', {
          hint: '数字前不要加 *；确实要写星号的文字请加引号，如 "*0"。',
          value: name === undefined ? undefined : `*${name}`,
        }),
      ],
    };
  }

  const source: YamlSource = {
    file,
    data,
    positionOf(path, which = 'value') {
      for (let n = path.length; n >= 0; n--) {
        const node = nodeAt(doc, path.slice(0, n), which === 'key' && n === path.length);
        if (node?.range) return at(node.range[0]);
      }
      return { file, line: firstLine, column: 1 };
    },
  };
  return { ok: true, source };
}

function nodeAt(doc: Document, path: readonly PropertyKey[], key: boolean): Node | undefined {
  if (path.length === 0) return (doc.contents as Node | null) ?? undefined;
  if (key) {
    const parent = doc.getIn(path.slice(0, -1) as unknown[], true);
    if (isMap(parent)) {
      const last = path[path.length - 1];
      const pair = parent.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === last);
      if (pair && isScalar(pair.key)) return pair.key;
    }
  }
  const node = doc.getIn(path as unknown[], true);
  return node && typeof node === 'object' && 'range' in (node as object) ? (node as Node) : undefined;
}

const KEY = '[A-Za-z_][A-Za-z0-9_-]*';

/** The mistakes editors make when they type YAML in a Chinese input method, each with its own hint. */
function scanEditorTypos(text: string, file: string, firstLine: number): Diagnostic[] {
  const out: Diagnostic[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = i + firstLine;
    const indent = /^[ \t\u3000]*/.exec(raw)![0];
    if (indent.includes('\t')) {
      out.push(
        diag('error', 'yaml.tab', { file, line, column: indent.indexOf('\t') + 1 }, '这一行用了制表符（Tab）缩进，YAML 不允许。', {
          hint: '把 Tab 换成空格（每级缩进 2 个空格）。VS Code 可在右下角把“制表符长度”改为“空格”。',
        }),
      );
      return;
    }
    if (indent.includes('\u3000') || new RegExp(`^\\s*-?\\s*${KEY}(?:\\u3000+[:：]|:\\u3000)`).test(raw)) {
      out.push(
        diag('error', 'yaml.fullwidth-space', { file, line, column: raw.indexOf('\u3000') + 1 }, '这一行有全角空格（中文输入法下的空格），YAML 不认识它。', {
          hint: '删除全角空格，改用半角空格（切换到英文输入法再按空格）。',
        }),
      );
      return;
    }
    const fullColon = new RegExp(`^(\\s*-?\\s*)(${KEY})\\s*：`).exec(raw);
    if (fullColon) {
      out.push(
        diag(
          'error',
          'yaml.fullwidth-colon',
          { file, line, column: raw.indexOf('：') + 1 },
          `字段 ${fullColon[2]} 后面用了全角冒号「：」，YAML 只认半角冒号。`,
          { hint: `改成半角冒号加一个空格：「${fullColon[2]}: 」。`, value: raw.trim() },
        ),
      );
      return;
    }
    // `{ id: x, value: 1,054 }`: in flow style the comma separates entries, so YAML reads
    // `value: 1` and a key `054`. Said here, where the number is still visible as written.
    const flowNumber = new RegExp(`\\{[^}]*?\\b(${KEY}):[ ]*(-?\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?)(?=[ ]*[,}])`).exec(raw);
    if (flowNumber) {
      const [whole, key, number] = flowNumber as unknown as [string, string, string];
      out.push(
        diag('error', 'schema.number-as-text', { file, line, column: flowNumber.index + whole.length - number.length + 1 }, `${key} 的数值 ${number} 带了千分位逗号：在 { } 里逗号分隔各项，它会被拆成两项。`, {
          hint: numberTextHint(number, (n) => `${key}: ${n}`),
          value: number,
        }),
      );
      return;
    }
    const noSpace = new RegExp(`^(\\s*-?\\s*)(${KEY}):(?![ /\\n]|$)`).exec(raw);
    if (noSpace && !/^\s*-?\s*[A-Za-z]+:\/\//.test(raw)) {
      out.push(
        diag('error', 'yaml.colon-space', { file, line, column: noSpace[0].length }, `字段 ${noSpace[2]} 的冒号后面缺少空格。`, {
          hint: `在冒号后加一个空格：「${noSpace[2]}: ${raw.slice(noSpace[0].length)}」。`,
          value: raw.trim(),
        }),
      );
    }
  });
  return out;
}

function yamlError(code: string, message: string, at: SourcePosition): Diagnostic {
  const hints: Record<string, string> = {
    DUPLICATE_KEY: '同一个字段写了两次：删掉其中一个。',
    BAD_INDENT: '检查缩进：同一级的字段要对齐，每级缩进 2 个空格。',
    MISSING_CHAR: '检查引号和括号是否成对。',
    MULTILINE_IMPLICIT_KEY: '检查上一行是否漏了冒号，或字段名里是否有换行。',
    BLOCK_AS_IMPLICIT_KEY: '检查冒号和缩进。',
    TAB_AS_INDENT: '把 Tab 换成空格。',
  };
  const what = code === 'DUPLICATE_KEY' ? '重复的字段。' : 'YAML 格式错误。';
  return diag('error', code === 'DUPLICATE_KEY' ? 'yaml.duplicate-key' : 'yaml.syntax', at, `${what}（${message.split('\n')[0]}）`, {
    hint: hints[code] ?? '检查这一行及上一行的冒号、缩进和引号。',
  });
}
