import { FootnoteReference, NextAttributeComponent, TextRun, XmlComponent } from 'docx';
import { runFonts, type Face } from './fonts.ts';
import type { DocxSettings } from '../schema/docx.ts';
import { STYLE } from './styles-xml.ts';

/** How a run of text looks. Every run carries its fonts and size directly, as well as by style. */
export interface RunStyle {
  face: Face;
  /** Half-points. */
  size: number;
  /** Character spacing in twips; 0 for none. */
  tracking: number;
  bold?: boolean;
  strike?: boolean;
  /** A character style id, e.g. a run-in heading. */
  characterStyle?: string;
}

export function textRun(settings: DocxSettings, text: string, s: RunStyle, extra: { break?: boolean } = {}): TextRun {
  return new TextRun({
    text,
    break: extra.break ? 1 : undefined,
    style: s.characterStyle,
    font: runFonts(settings.fonts, s.face),
    size: s.size,
    characterSpacing: s.tracking || undefined,
    bold: s.bold || undefined,
    strike: s.strike || undefined,
  });
}

/** A run holding one element (a field character, a note reference) with the text's fonts and size. */
function elementRun(settings: DocxSettings, s: RunStyle, child: XmlComponent, characterStyle?: string): TextRun {
  return new TextRun({
    style: characterStyle ?? s.characterStyle,
    font: runFonts(settings.fonts, s.face),
    size: s.size,
    characterSpacing: s.tracking || undefined,
    children: [child],
  });
}

class FieldChar extends XmlComponent {
  constructor(type: 'begin' | 'separate' | 'end') {
    super('w:fldChar');
    this.root.push(new NextAttributeComponent({ type: { key: 'w:fldCharType', value: type } }));
  }
}

class InstrText extends XmlComponent {
  constructor(code: string) {
    super('w:instrText');
    this.root.push(new NextAttributeComponent({ space: { key: 'xml:space', value: 'preserve' } }));
    this.root.push(code);
  }
}

/**
 * A complex field (PAGE, HYPERLINK) written run by run, so that each run has the fonts of the text
 * around it. `result` is the text shown until the word processor updates the field.
 */
export function fieldRuns(settings: DocxSettings, code: string, result: TextRun[], s: RunStyle): TextRun[] {
  return [
    elementRun(settings, s, new FieldChar('begin')),
    elementRun(settings, s, new InstrText(` ${code} `)),
    elementRun(settings, s, new FieldChar('separate')),
    ...result,
    elementRun(settings, s, new FieldChar('end')),
  ];
}

/** The superscript number in the text that refers to footnote `id`. */
export function footnoteReferenceRun(settings: DocxSettings, id: number, s: RunStyle): TextRun {
  return elementRun(settings, { ...s, tracking: 0 }, new FootnoteReference(id), STYLE.footnoteReference);
}

/**
 * Markdown keeps the line breaks of the source as soft breaks. Chinese text joins them without a
 * space; between Latin words they stay a space.
 */
export function joinSoftBreaks(text: string): string {
  return text.replace(/[ \t]*\n[ \t]*/g, (_m, offset: number, whole: string) => {
    const before = whole[offset - 1] ?? '';
    const after = whole[offset + _m.length] ?? '';
    return /[\x00-\x7f]/.test(before) && /[\x00-\x7f]/.test(after) && before !== '' && after !== '' ? ' ' : '';
  });
}
