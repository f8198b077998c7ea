/**
 * No paragraph of the body ends on a line holding one character and its stop (“条。”): the lines
 * of each body paragraph are predicted from its text (line-breaks.ts) and, where the last line
 * would stand alone, the characters of the line before it are spaced out a little (w:spacing, a
 * fraction of a point) so that its last word moves down: the line stays justified to the full
 * width and the last line holds two words. Runs on document.xml as the docx library wrote it.
 */
import { breakUnits, isSpaced, loneLastLine, predictLines, setChar, type LineModel, type SetChar } from './line-breaks.ts';
import { FIRST_LINE_INDENT, SIZE, TYPE_AREA } from './official-format.ts';
import { BODY_TRACKING, STYLE } from './styles-xml.ts';

/**
 * LibreOffice's layout (the one the tests and `nianbao conform` measure), with the space it puts
 * between Chinese and Latin (3.45 pt at 三号: measured on its rendering of the samples, where this
 * model predicts every line of every body paragraph).
 */
export const LIBREOFFICE_LINES: LineModel = { width: TYPE_AREA.width / 20, firstIndent: FIRST_LINE_INDENT / 20, autospace: 3.45 };

/** Word's layout as far as it differs: a quarter em between Chinese and Latin (src/official/text-width.ts). */
export const WORD_LINES: LineModel = { ...LIBREOFFICE_LINES, autospace: SIZE.三号 / 2 / 4 };

/** Paragraph styles of running text: justified, the 2-character first-line indent, 三号. */
const BODY_STYLES = new Set([STYLE.normal, STYLE.heading(1), STYLE.heading(2), STYLE.heading(3), STYLE.heading(4)]);

/** How far past the edge the spaced-out line reaches, so that rounding in the word processor cannot keep the word up. */
const MARGIN = 2.5;

interface Run {
  /** The run's XML before its text: `<w:r><w:rPr>…</w:rPr>`. */
  head: string;
  text: string;
  tracking: number;
  size: number;
}

const RUN = /<w:r>(<w:rPr>(?:(?!<\/w:rPr>).)*<\/w:rPr>)?<w:t(?: xml:space="preserve")?>([^<]*)<\/w:t><\/w:r>/gs;

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The runs of a paragraph's content, when it is text runs only (no breaks, tabs, fields, pictures). */
function textRuns(content: string): Run[] | undefined {
  const runs: Run[] = [];
  let rest = content;
  for (const m of content.matchAll(RUN)) {
    const rPr = m[1] ?? '';
    const spacing = /<w:spacing w:val="(-?\d+)"\/>/.exec(rPr);
    const size = /<w:sz w:val="(\d+)"\/>/.exec(rPr);
    runs.push({ head: rPr, text: unescape(m[2]!), tracking: spacing ? Number(spacing[1]) / 20 : BODY_TRACKING / 20, size: size ? Number(size[1]) / 2 : SIZE.三号 / 2 });
    rest = rest.replace(m[0], '');
  }
  // Anything else in the paragraph (bookmarks aside) makes its lines unpredictable here.
  return rest.replace(/<w:bookmark(Start|End)[^>]*\/>/g, '').trim() === '' && runs.length ? runs : undefined;
}

/** The run properties with character spacing `twips`. */
function withSpacing(rPr: string, twips: number): string {
  const tag = `<w:spacing w:val="${twips}"/>`;
  if (!rPr) return `<w:rPr>${tag}</w:rPr>`;
  if (/<w:spacing w:val="-?\d+"\/>/.test(rPr)) return rPr.replace(/<w:spacing w:val="-?\d+"\/>/, tag);
  const before = /<w:(w|kern|position|sz|szCs|highlight|u|effect|bdr|shd|fitText|vertAlign|rtl|cs|em|lang|eastAsianLayout|specVanish|oMath)\b/.exec(rPr);
  return before ? rPr.slice(0, before.index) + tag + rPr.slice(before.index) : rPr.replace('</w:rPr>', `${tag}</w:rPr>`);
}

/**
 * The content of a paragraph with its penultimate line spaced out when its last line would stand
 * alone; undefined when nothing needs to change.
 */
export function spaceOutPenultimate(runs: Run[], model: LineModel): string | undefined {
  const chars = runs.flatMap((r) => [...r.text].map((ch) => setChar(ch, r.size, r.tracking)));
  const lines = predictLines(chars, model);
  if (!loneLastLine(chars, lines)) return undefined;
  const from = lines[lines.length - 2]!;
  const last = lines[lines.length - 1]!;
  // The word that is to move down: the last unit of the line before (as the breaker sees it).
  const moved = breakUnits(chars.slice(0, last)).pop()!;
  const spaced = moved - from;
  if (spaced < 2) return undefined;
  const used = lineWidth(chars, from, last, model, from === 0);
  const extra = Math.ceil(((model.width - used + MARGIN) / spaced) * 20) / 20;
  const widened = chars.map((c, i) => (i >= from && i < moved ? { ...c, width: c.width + extra } : c));
  const after = predictLines(widened, model);
  if (after.length !== lines.length || loneLastLine(widened, after)) return undefined;
  // Split the runs at `from` and `moved`; the middle part gets the wider spacing.
  let out = '';
  let index = 0;
  for (const r of runs) {
    const cs = [...r.text];
    const pieces: { text: string; wide: boolean }[] = [];
    for (const [k, ch] of cs.entries()) {
      const wide = index + k >= from && index + k < moved;
      const prev = pieces[pieces.length - 1];
      if (prev && prev.wide === wide) prev.text += ch;
      else pieces.push({ text: ch, wide });
    }
    for (const p of pieces) {
      const head = p.wide ? withSpacing(r.head, Math.round((r.tracking + extra) * 20)) : r.head;
      out += `<w:r>${head}<w:t xml:space="preserve">${escape(p.text)}</w:t></w:r>`;
    }
    index += cs.length;
  }
  return out;
}

function lineWidth(chars: SetChar[], from: number, to: number, model: LineModel, first: boolean): number {
  let w = first ? model.firstIndent : 0;
  for (let i = from; i < to; i++) {
    w += chars[i]!.width;
    const prev = chars[i - 1];
    if (i > from && prev && isSpaced(prev, chars[i]!)) w += model.autospace;
  }
  return w;
}

const PARAGRAPH = /<w:p>(<w:pPr>(?:(?!<\/w:pPr>).)*<\/w:pPr>)?((?:(?!<\/w:p>).)*)<\/w:p>/gs;

/** Whether any of the layouts would end the paragraph on a line of one character. */
function endsLone(runs: Run[], models: LineModel[]): boolean {
  const chars = runs.flatMap((r) => [...r.text].map((ch) => setChar(ch, r.size, r.tracking)));
  return models.some((m) => loneLastLine(chars, predictLines(chars, m)));
}

/**
 * document.xml with every body paragraph's lone last line avoided (paragraphs in tables are left
 * as they are). The cure is worked out for each layout in turn (LibreOffice's first) and the first
 * that leaves no lone last line in any of them is kept.
 */
export function avoidLoneLastLines(documentXml: string, models: LineModel[] = [LIBREOFFICE_LINES, WORD_LINES]): string {
  // Tables are cut out first and put back: their cells are not body text.
  const tables: string[] = [];
  const masked = documentXml.replace(/<w:tbl>(?:(?!<\/w:tbl>).)*<\/w:tbl>/gs, (t) => `<!--tbl${tables.push(t) - 1}-->`);
  const done = masked.replace(PARAGRAPH, (whole, pPr: string | undefined, content: string) => {
    const style = /<w:pStyle w:val="([^"]+)"\/>/.exec(pPr ?? '')?.[1] ?? STYLE.normal;
    if (!BODY_STYLES.has(style as never) || /<w:(ind|numPr|framePr)\b/.test(pPr ?? '') || /<w:jc w:val="(?!both)/.test(pPr ?? '')) return whole;
    const runs = textRuns(content);
    if (!runs) return whole;
    if (!endsLone(runs, models)) return whole;
    const cures = models.map((m) => spaceOutPenultimate(runs, m)).filter((c): c is string => c !== undefined);
    const spaced = cures.find((c) => !endsLone(textRuns(c)!, models)) ?? cures[0];
    return spaced === undefined ? whole : `<w:p>${pPr ?? ''}${spaced}</w:p>`;
  });
  return done.replace(/<!--tbl(\d+)-->/g, (_m, i: string) => tables[Number(i)]!);
}
