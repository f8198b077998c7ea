/**
 * Which type style (字体) a font name stands for: the official faces of GB/T 9704 by their usual
 * names, and the free faces that stand in for them. A PDF names its faces (`BaseFont`, with a
 * subset prefix such as `ABCDEF+`); a DOCX names the faces it asks for.
 */

export type FaceKind = 'fangsong' | 'kaiti' | 'heiti' | 'xiaobiaosong' | 'songti' | 'latin' | 'unknown';

export const KIND_LABEL: Record<FaceKind, string> = {
  fangsong: '仿宋',
  kaiti: '楷体',
  heiti: '黑体',
  xiaobiaosong: '小标宋',
  songti: '宋体',
  latin: '西文',
  unknown: '未知字体',
};

export interface FaceInfo {
  /** The name as written, without a subset prefix. */
  name: string;
  kind: FaceKind;
  /** An official face (方正小标宋简体, 仿宋_GB2312, 楷体_GB2312, 黑体, 宋体, Times New Roman) or one of its usual aliases. */
  official: boolean;
}

/** Official faces: Windows and 方正 names, Chinese and Latin spellings, PostScript names. */
const OFFICIAL: [FaceKind, RegExp][] = [
  ['xiaobiaosong', /小标宋|xiaobiaosong|xbsj|FZXBS|FZXiaoBiaoSong/i],
  ['fangsong', /仿宋|fangsong|FZFS|FZFSK|simfang|STFangsong/i],
  ['kaiti', /楷体|kaiti|FZKT|simkai|STKaiti/i],
  ['heiti', /^(黑体|SimHei|FZHei|方正黑体|STHeiti|华文黑体)|FZHTK|FZHei/i],
  ['songti', /^(宋体|新宋体|SimSun|NSimSun|STSong|华文宋体|方正书宋|FZShuSong)/i],
  ['latin', /^Times\s*New\s*Roman|^TimesNewRoman/i],
];

/** Free faces that stand in for the official ones, by the style they belong to. */
const FREE: [FaceKind, RegExp][] = [
  ['fangsong', /Fang|cwTeX.*FS/i],
  ['kaiti', /Kai|WenKai|楷/i],
  // Latin faces before the Song pattern: Liberation Serif stands in for Times New Roman, not 宋体.
  ['latin', /Liberation|DejaVu|Times|Arial|Helvetica|Calibri|Cambria|Nimbus|Tinos|Arimo|Courier|Symbol/i],
  ['heiti', /Hei|Sans|Gothic|YaHei|DengXian|等线|PingFang|Droid/i],
  ['songti', /Ming|Song|Serif|Mincho|宋|明/i],
];

/** A PDF font name: subset prefix removed, GBK-encoded bytes decoded (Word writes 仿宋 as #B7#C2#CB#CE). */
export function cleanFontName(raw: string): string {
  let name = raw.replace(/^[A-Z]{6}\+/, '');
  if (/[\x80-\xff]/.test(name) && ![...name].some((c) => c.charCodeAt(0) > 0xff)) {
    const bytes = Uint8Array.from([...name].map((c) => c.charCodeAt(0)));
    try {
      name = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      try {
        name = new TextDecoder('gb18030').decode(bytes);
      } catch {
        // Kept as it is.
      }
    }
  }
  return name.replace(/,(Bold|Italic|BoldItalic)$/, '-$1');
}

export function classifyFace(raw: string): FaceInfo {
  const name = cleanFontName(raw);
  for (const [kind, re] of OFFICIAL) if (re.test(name)) return { name, kind, official: true };
  for (const [kind, re] of FREE) if (re.test(name)) return { name, kind, official: false };
  return { name, kind: 'unknown', official: false };
}

/** The official faces a DOCX or a filing PDF should use, by kind. */
export const OFFICIAL_NAMES: Record<Exclude<FaceKind, 'unknown'>, string> = {
  xiaobiaosong: '方正小标宋简体',
  fangsong: '仿宋_GB2312',
  kaiti: '楷体_GB2312',
  heiti: '黑体',
  songti: '宋体',
  latin: 'Times New Roman',
};
