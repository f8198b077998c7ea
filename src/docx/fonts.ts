import type { DocxFonts } from '../schema/docx.ts';

/** The five type styles of the standard, by the setting that names each. */
export type Face = 'xiaobiaosong' | 'fangsong' | 'heiti' | 'kaiti' | 'songti';

export interface RunFonts {
  ascii: string;
  hAnsi: string;
  eastAsia: string;
  cs: string;
  hint: 'eastAsia';
}

/**
 * Every run names all four font slots: with only eastAsia set, Word draws quotes, dashes and
 * ellipses in some other face. The eastAsia hint makes those shared characters Chinese; Latin
 * letters and digits take the Latin face. Page numbers are 宋体 digits (四号半角宋体阿拉伯数字).
 */
export function runFonts(fonts: DocxFonts, face: Face): RunFonts {
  const latin = face === 'songti' ? fonts.songti : fonts.latin;
  return { ascii: latin, hAnsi: latin, eastAsia: fonts[face], cs: latin, hint: 'eastAsia' };
}

/**
 * Faces Word can use in place of a missing one, written to the font table. Windows since Vista has
 * 仿宋 and 楷体 but not the older *_GB2312 faces that templates still name.
 */
export const KNOWN_ALTERNATES: Record<string, string> = {
  仿宋_GB2312: '仿宋',
  楷体_GB2312: '楷体',
  方正小标宋简体: '宋体',
  方正小标宋_GBK: '宋体',
  方正仿宋_GBK: '仿宋',
  方正楷体_GBK: '楷体',
  方正黑体_GBK: '黑体',
};
