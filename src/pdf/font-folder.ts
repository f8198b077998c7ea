/**
 * The project's fonts/ folder: an organisation's licensed official faces (方正小标宋简体,
 * 仿宋_GB2312, 楷体_GB2312, 黑体…), dropped in as files and used by the PDF without any setting.
 * Each file is recognised by the names inside it (else by its file name) and declared as the
 * nb-folder-* family the print stylesheet lists after the installed official faces and before the
 * free ones. The files are served to the printing browser only: they never enter the published site.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { readFontInfo, type FontFileInfo } from './font-names.ts';

/** The type styles of the official format, plus the Latin face of digits and letters. */
export type OfficialFace = 'xiaobiaosong' | 'fangsong' | 'kaiti' | 'heiti' | 'songti' | 'latin';

/** In this order: 小标宋 and 仿宋 are also “宋”, so they are tried before 宋体. */
const FACE_PATTERNS: [OfficialFace, RegExp][] = [
  ['xiaobiaosong', /小标宋|xiao\s*biao\s*song|fzxbs/i],
  ['fangsong', /仿宋|fang\s*song|fs_gb2312|simfang/i],
  ['kaiti', /楷|kai\s*ti|kai_gb2312|simkai|kai/i],
  ['heiti', /黑体|黑|sim\s*hei|hei\s*ti|\bhei\b/i],
  ['songti', /宋体|sim\s*sun|song\s*ti|\bsong\b/i],
  ['latin', /times\s*new\s*roman|timesnewroman|^times\b/i],
];

export function officialFaceOf(names: readonly string[]): OfficialFace | undefined {
  for (const [face, pattern] of FACE_PATTERNS) if (names.some((n) => pattern.test(n))) return face;
  return undefined;
}

export interface FolderFont {
  /** File name inside the folder. */
  file: string;
  face: OfficialFace;
  weight: number;
  italic: boolean;
  format: FontFileInfo['format'];
  /** The name it is known by, for the build log. */
  name: string;
}

export interface FontFolderScan {
  fonts: FolderFont[];
  /** Files that are not fonts or whose face can't be told, with the reason (in Chinese). */
  skipped: { file: string; reason: string }[];
}

const FONT_FILE = /\.(ttf|otf|ttc)$/i;

export function scanFontFolder(dir: string): FontFolderScan {
  const scan: FontFolderScan = { fonts: [], skipped: [] };
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch {
    return scan;
  }
  for (const file of entries) {
    const full = path.join(dir, file);
    if (!statSync(full).isFile() || !FONT_FILE.test(file)) {
      if (/\.(woff2?|fon|fnt|pfb|pfm)$/i.test(file)) scan.skipped.push({ file, reason: '不支持的字体格式，请使用 .ttf、.otf 或 .ttc 文件' });
      continue;
    }
    const info = readFontInfo(readFileSync(full));
    if (!info) {
      scan.skipped.push({ file, reason: '无法读取字体信息，文件可能已损坏' });
      continue;
    }
    const face = officialFaceOf(info.names) ?? officialFaceOf([path.basename(file, path.extname(file))]);
    if (!face) {
      scan.skipped.push({ file, reason: `认不出是哪种公文字体（字体名称：${info.names.slice(0, 3).join('、')}）` });
      continue;
    }
    scan.fonts.push({ file, face, weight: info.weight, italic: info.italic, format: info.format, name: preferredName(info.names) });
  }
  return scan;
}

/** A Chinese name if the font has one (仿宋_GB2312 rather than FangSong_GB2312). */
function preferredName(names: string[]): string {
  return names.find((n) => /\p{Script=Han}/u.test(n)) ?? names[0] ?? '';
}

const FORMAT_HINT: Record<FolderFont['format'], string> = { truetype: 'truetype', opentype: 'opentype', collection: 'collection' };

/**
 * @font-face rules for the folder's fonts, served at `urlOf(file)`, with the shared vertical
 * metrics of src/styles/print-report.css. The title asks for weight 700
 * (so that a free Song face is emboldened); a 小标宋 file is declared at that weight so that it is
 * never emboldened twice. Latin faces cover ASCII only, like the stylesheet's nb-latin.
 */
export function folderFontCss(fonts: readonly FolderFont[], urlOf: (file: string) => string): string {
  return fonts
    .map((f) => {
      const weight = f.face === 'xiaobiaosong' ? 700 : f.weight >= 600 ? 700 : 400;
      const lines = [
        `  font-family: "nb-folder-${f.face}";`,
        `  src: url("${urlOf(f.file).replace(/"/g, '%22')}") format("${FORMAT_HINT[f.format]}");`,
        `  font-weight: ${weight};`,
        `  font-style: ${f.italic ? 'italic' : 'normal'};`,
        ...(f.face === 'latin' ? ['  unicode-range: U+0021-007E;'] : []),
        // The vertical metrics every face of the print stylesheet shares: baselines stay on the grid.
        '  ascent-override: 88%;',
        '  descent-override: 12%;',
        '  line-gap-override: 0%;',
      ];
      return `@font-face {\n${lines.join('\n')}\n}\n`;
    })
    .join('');
}
