import { el } from './xml.ts';
import type { RunFonts } from './fonts.ts';

/** Run properties for the parts nianbao writes as XML, in the order the schema requires. */
export interface RunProps {
  fonts?: RunFonts;
  bold?: boolean;
  snapToGrid?: boolean;
  /** RGB, e.g. FF0000. */
  color?: string;
  /** Character spacing in twips. */
  tracking?: number;
  /** Half-points. */
  size?: number;
  superscript?: boolean;
  lang?: boolean;
}

export function rPr(p: RunProps): string {
  const f = p.fonts;
  return el(
    'w:rPr',
    {},
    f ? el('w:rFonts', { 'w:ascii': f.ascii, 'w:hAnsi': f.hAnsi, 'w:eastAsia': f.eastAsia, 'w:cs': f.cs, 'w:hint': f.hint }) : '',
    p.bold !== undefined ? el('w:b', { 'w:val': p.bold ? undefined : '0' }) + el('w:bCs', { 'w:val': p.bold ? undefined : '0' }) : '',
    p.snapToGrid === false ? el('w:snapToGrid', { 'w:val': '0' }) : '',
    p.color ? el('w:color', { 'w:val': p.color }) : '',
    p.tracking !== undefined ? el('w:spacing', { 'w:val': p.tracking }) : '',
    p.size !== undefined ? el('w:sz', { 'w:val': p.size }) + el('w:szCs', { 'w:val': p.size }) : '',
    p.superscript ? el('w:vertAlign', { 'w:val': 'superscript' }) : '',
    p.lang ? el('w:lang', { 'w:val': 'en-US', 'w:eastAsia': 'zh-CN', 'w:bidi': 'ar-SA' }) : '',
  );
}

/** Paragraph properties, likewise in schema order. Lengths in twips. */
export interface ParagraphProps {
  keepNext?: boolean;
  widowControl?: boolean;
  /**
   * Punctuation may hang at the line end, Word's default. It is written out although Word assumes
   * it: LibreOffice reads the element inverted, and without it hangs punctuation into the margin,
   * where its PDF export loses the mark.
   */
  overflowPunct?: boolean;
  snapToGrid?: boolean;
  /** Exact line height; `auto` for single spacing (pictures). */
  line?: number | 'auto';
  firstLine?: number;
  /** Hundredths of a character, which Word prefers over `firstLine` and shows in its dialog. */
  firstLineChars?: number;
  left?: number;
  right?: number;
  jc?: 'both' | 'center' | 'left' | 'right';
  outlineLevel?: number;
}

export function pPr(p: ParagraphProps): string {
  const spacing =
    p.line === undefined
      ? ''
      : p.line === 'auto'
        ? el('w:spacing', { 'w:before': 0, 'w:after': 0, 'w:line': 240, 'w:lineRule': 'auto' })
        : el('w:spacing', { 'w:before': 0, 'w:after': 0, 'w:line': p.line, 'w:lineRule': 'exact' });
  const hasIndent = p.firstLine !== undefined || p.left !== undefined || p.right !== undefined;
  return el(
    'w:pPr',
    {},
    p.keepNext ? el('w:keepNext') : '',
    p.widowControl === false ? el('w:widowControl', { 'w:val': '0' }) : p.widowControl ? el('w:widowControl') : '',
    p.overflowPunct ? el('w:overflowPunct', { 'w:val': '1' }) : '',
    p.snapToGrid === false ? el('w:snapToGrid', { 'w:val': '0' }) : '',
    spacing,
    hasIndent
      ? el('w:ind', {
          'w:left': p.left,
          'w:right': p.right,
          'w:firstLine': p.firstLine,
          // Word prefers the *Chars form over twips: zero it with a twips indent so a style's doesn't win.
          'w:firstLineChars': p.firstLineChars ?? (p.firstLine !== undefined ? 0 : undefined),
        })
      : '',
    p.jc ? el('w:jc', { 'w:val': p.jc }) : '',
    p.outlineLevel !== undefined ? el('w:outlineLvl', { 'w:val': p.outlineLevel }) : '',
  );
}
