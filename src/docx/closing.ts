import { AlignmentType, Paragraph } from 'docx';
import type { ReportMeta } from '../schema/report.ts';
import type { RenderContext } from './context.ts';
import { bodyRun } from './context.ts';
import { FIRST_LINE_INDENT, chars } from './official-format.ts';
import { textRun } from './runs.ts';
import { chineseDate, placeSignature } from './signature-layout.ts';
import { STYLE } from './styles-xml.ts';
import { setWidth, textWidth } from '../official/text-width.ts';

const blankLine = () => new Paragraph({ children: [] });

/**
 * What follows the body: 附件说明 (one blank line below the body), then 署名 and 成文日期 of an
 * unsealed document (one blank line below), then 附注 on the line after the date.
 */
export function closingParagraphs(meta: ReportMeta, ctx: RenderContext): Paragraph[] {
  const s = ctx.settings;
  const out: Paragraph[] = [];
  if (meta.attachments.length > 0) {
    out.push(blankLine());
    out.push(...attachmentParagraphs(meta.attachments, ctx));
  }
  const date = chineseDate(meta.writtenDate);
  const place = placeSignature(meta.signature, date);
  const line = (style: string, text: string, start: number, anchored: boolean) =>
    new Paragraph({
      style,
      alignment: anchored ? AlignmentType.RIGHT : AlignmentType.LEFT,
      indent: anchored ? { right: chars(2), firstLine: 0 } : { left: chars(start), firstLine: 0 },
      children: [textRun(s, text, bodyRun)],
    });
  out.push(blankLine());
  out.push(line(STYLE.signature, meta.signature, place.nameStart, place.anchor === 'name'));
  out.push(line(STYLE.date, date, place.dateStart, place.anchor === 'date'));
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
