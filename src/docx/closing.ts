import { AlignmentType, Paragraph } from 'docx';
import type { Sealing } from '../schema/filing.ts';
import type { ReportMeta } from '../schema/report.ts';
import type { RenderContext } from './context.ts';
import { bodyRun } from './context.ts';
import { FIRST_LINE_INDENT, chars } from './official-format.ts';
import { textRun } from './runs.ts';
import { BLANK_LINES_BEFORE, chineseDate, placeSealed, placeSignature } from './signature-layout.ts';
import { STYLE } from './styles-xml.ts';
import { setWidth, textWidth } from '../official/text-width.ts';

const blankLine = (keepNext = false) => new Paragraph({ keepNext: keepNext || undefined, children: [] });

/**
 * What follows the body: 附件说明 (one blank line below the body), then 署名 and 成文日期 as
 * GB/T 9704-2012 7.3.5 sets them for the document's sealing, then 附注 on the line after the date.
 * The public copy is always set as an unsealed document (it carries no seal); the filing copy as
 * report.yaml's `filing.sealing` says.
 */
export function closingParagraphs(meta: ReportMeta, ctx: RenderContext, sealing: Sealing = 'unsealed', signedBy?: { office: string; person: string }): Paragraph[] {
  const s = ctx.settings;
  const out: Paragraph[] = [];
  if (meta.attachments.length > 0) {
    out.push(blankLine());
    out.push(...attachmentParagraphs(meta.attachments, ctx));
  }
  const date = chineseDate(meta.writtenDate);
  // A line set right-aligned with its right space in characters, or from the left at a start.
  const right = (style: string, text: string, space: number, keepNext = false, run = bodyRun) =>
    new Paragraph({ style, keepNext: keepNext || undefined, alignment: AlignmentType.RIGHT, indent: { right: chars(space), firstLine: 0 }, children: [textRun(s, text, run)] });
  const left = (style: string, text: string, start: number, keepNext = false) =>
    new Paragraph({ style, keepNext: keepNext || undefined, alignment: AlignmentType.LEFT, indent: { left: chars(start), firstLine: 0 }, children: [textRun(s, text, bodyRun)] });
  for (let i = 0; i < BLANK_LINES_BEFORE[sealing === 'signed' && !signedBy ? 'unsealed' : sealing]; i++) out.push(blankLine(true));
  if (sealing === 'sealed') {
    // 7.3.5.1: the date four characters from the right, the issuer centred on it; the seal covers both.
    const place = placeSealed(meta.signature, date);
    out.push(right(STYLE.signature, meta.signature, place.nameRight, true));
    out.push(right(STYLE.date, date, place.dateRight));
  } else if (sealing === 'signed' && signedBy) {
    // 7.3.5.3: the signature seal four characters from the right, the signer's office two characters
    // to its left; the date one blank line below, four characters from the right.
    out.push(
      new Paragraph({
        style: STYLE.signature,
        keepNext: true,
        alignment: AlignmentType.RIGHT,
        indent: { right: chars(4), firstLine: 0 },
        children: [textRun(s, `${signedBy.office}\u3000\u3000`, bodyRun), textRun(s, signedBy.person, { ...bodyRun, face: 'kaiti' })],
      }),
    );
    out.push(blankLine(true));
    out.push(right(STYLE.date, date, 4));
  } else {
    const place = placeSignature(meta.signature, date);
    const line = (style: string, text: string, start: number, anchored: boolean, keepNext = false) => (anchored ? right(style, text, 2, keepNext) : left(style, text, start, keepNext));
    out.push(line(STYLE.signature, meta.signature, place.nameStart, place.anchor === 'name', true));
    out.push(line(STYLE.date, date, place.dateStart, place.anchor === 'date'));
  }
  if (meta.note) out.push(new Paragraph({ children: [textRun(s, `（${meta.note}）`, bodyRun)] }));
  return out;
}

/**
 * `附件：1.名称` two characters in; further attachments line up under the first number, and a
 * name that wraps lines up under its own first character. No punctuation after names.
 */
function attachmentParagraphs(names: string[], ctx: RenderContext): Paragraph[] {
  const lead = '附件：';
  const numbered = names.length > 1;
  return names.map((name, i) => {
    const number = numbered ? `${i + 1}.` : '';
    const prefix = i === 0 ? `${lead}${number}` : number;
    const first = [...name][0] ?? '';
    // Where the number and the name start on the first line, automatic spacing included.
    const numberStart = 2 + setWidth(`${lead}${number}`) - textWidth(number);
    const nameStart = 2 + setWidth(`${lead}${number}${first}`) - textWidth(first);
    const lineStart = i === 0 ? FIRST_LINE_INDENT : chars(numberStart);
    return new Paragraph({
      indent: { left: chars(nameStart), hanging: chars(nameStart) - lineStart, firstLineChars: 0 },
      children: [textRun(ctx.settings, `${prefix}${name.replace(/[。，；、.,;]+$/, '')}`, bodyRun)],
    });
  });
}
