import { AlignmentType, Footer, Paragraph } from 'docx';
import { PAGE_NUMBER_INDENT, SIZE } from './official-format.ts';
import { fieldRuns, textRun, type RunStyle } from './runs.ts';
import type { DocxSettings } from '../schema/docx.ts';
import { STYLE } from './styles-xml.ts';

const numberRun: RunStyle = { face: 'songti', size: SIZE.四号, tracking: 0 };

/**
 * `— N —` in 四号 宋体 with a PAGE field: odd pages on the right, even pages on the left, each one
 * character in from the edge of the type area. Word shows the even footer only with
 * `evenAndOddHeaders` set in settings.xml.
 */
export function pageNumberFooters(settings: DocxSettings): { default: Footer; even: Footer } {
  const line = (side: 'odd' | 'even') =>
    new Paragraph({
      style: STYLE.footer,
      alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
      indent: side === 'odd' ? { right: PAGE_NUMBER_INDENT } : { left: PAGE_NUMBER_INDENT },
      children: [
        textRun(settings, '— ', numberRun),
        ...fieldRuns(settings, 'PAGE', [textRun(settings, '1', numberRun)], numberRun),
        textRun(settings, ' —', numberRun),
      ],
    });
  return { default: new Footer({ children: [line('odd')] }), even: new Footer({ children: [line('even')] }) };
}
