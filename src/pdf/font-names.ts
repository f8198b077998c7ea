/**
 * The names a font file gives itself (the OpenType `name` table) and its weight (`OS/2`), read
 * from TrueType, OpenType and TrueType-collection files. An organisation's licensed fonts are
 * recognised by these names, whatever the files are called (FZXBSJW.TTF is 方正小标宋简体).
 */

export interface FontFileInfo {
  /** Every family, full and PostScript name, in every language the file carries. */
  names: string[];
  /** usWeightClass: 400 regular, 700 bold. */
  weight: number;
  italic: boolean;
  format: 'truetype' | 'opentype' | 'collection';
}

const TAG_TTCF = 0x74746366; // 'ttcf'
const SFNT_VERSIONS = new Set([0x00010000, 0x4f54544f /* OTTO */, 0x74727565 /* true */]);
/** nameIDs: 1 family, 4 full name, 6 PostScript name, 16 typographic family. */
const NAME_IDS = new Set([1, 4, 6, 16]);

/** The names of a font file; of a collection's `index`-th font (the first by default). */
export function readFontInfo(data: Uint8Array, index = 0): FontFileInfo | undefined {
  if (data.length < 12) return undefined;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let offset = 0;
  let format: FontFileInfo['format'];
  const tag = view.getUint32(0);
  if (tag === TAG_TTCF) {
    // A collection: the first font names the file (AR PL UMing CN before its HK and TW variants).
    if (view.getUint32(8) <= index) return undefined;
    offset = view.getUint32(12 + index * 4);
    format = 'collection';
  } else if (SFNT_VERSIONS.has(tag)) {
    format = tag === 0x4f54544f ? 'opentype' : 'truetype';
  } else {
    return undefined;
  }
  try {
    const tables = tableDirectory(view, offset);
    const name = tables.get('name');
    if (!name) return undefined;
    const os2 = tables.get('OS/2');
    const weight = os2 && os2.length >= 6 ? view.getUint16(os2.offset + 4) : 400;
    const fsSelection = os2 && os2.length >= 64 ? view.getUint16(os2.offset + 62) : 0;
    return { names: readNames(view, name.offset, name.length), weight: weight || 400, italic: (fsSelection & 1) === 1, format };
  } catch {
    return undefined;
  }
}

function tableDirectory(view: DataView, offset: number): Map<string, { offset: number; length: number }> {
  const count = view.getUint16(offset + 4);
  const tables = new Map<string, { offset: number; length: number }>();
  for (let i = 0; i < count; i++) {
    const rec = offset + 12 + i * 16;
    const tag = String.fromCharCode(view.getUint8(rec), view.getUint8(rec + 1), view.getUint8(rec + 2), view.getUint8(rec + 3));
    const tableOffset = view.getUint32(rec + 8);
    const length = view.getUint32(rec + 12);
    if (tableOffset + length > view.byteLength) throw new RangeError(`table ${tag} outside the file`);
    tables.set(tag, { offset: tableOffset, length });
  }
  return tables;
}

function readNames(view: DataView, table: number, length: number): string[] {
  const count = view.getUint16(table + 2);
  const strings = table + view.getUint16(table + 4);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const rec = table + 6 + i * 12;
    if (rec + 12 > table + length) break;
    const platform = view.getUint16(rec);
    const encoding = view.getUint16(rec + 2);
    const nameId = view.getUint16(rec + 6);
    const len = view.getUint16(rec + 8);
    const start = strings + view.getUint16(rec + 10);
    if (!NAME_IDS.has(nameId) || start + len > view.byteLength) continue;
    const bytes = new Uint8Array(view.buffer, view.byteOffset + start, len);
    const text = decodeName(platform, encoding, bytes);
    if (text && !names.includes(text)) names.push(text);
  }
  return names;
}

function decodeName(platform: number, encoding: number, bytes: Uint8Array): string | undefined {
  // Unicode (0) and Windows Unicode (3/1, 3/10): UTF-16BE.
  if (platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10))) return utf16be(bytes);
  // Windows PRC (3/3): GBK, as older Chinese fonts (仿宋_GB2312) name themselves.
  if (platform === 3 && encoding === 3) return new TextDecoder('gbk').decode(stripZeroHighBytes(bytes));
  // Macintosh Roman (1/0): ASCII names.
  if (platform === 1 && encoding === 0) return String.fromCharCode(...bytes.filter((b) => b < 0x80));
  if (platform === 1 && encoding === 25) return new TextDecoder('gbk').decode(bytes);
  return undefined;
}

function utf16be(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) s += String.fromCharCode((bytes[i]! << 8) | bytes[i + 1]!);
  return s.replace(/\0/g, '').trim();
}

/** Windows PRC names are stored as 16-bit units, one GBK byte or byte pair each. */
function stripZeroHighBytes(bytes: Uint8Array): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    if (bytes[i] !== 0) out.push(bytes[i]!);
    out.push(bytes[i + 1]!);
  }
  return Uint8Array.from(out);
}
