import { Paragraph, type ParagraphChild } from 'docx';
import type { PhrasingContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { RenderContext } from './context.ts';
import type { Face } from './fonts.ts';
import { phrasingRuns } from './inline.ts';
import { SIZE } from './official-format.ts';
import { textRun, type RunStyle } from './runs.ts';
import { BODY_TRACKING, STYLE } from './styles-xml.ts';

/** 一、 黑体; （一） 楷体; 1. 仿宋 (bold if set); （1） 仿宋. All 三号, on the body's grid. */
const FACES: Record<number, Face> = { 1: 'heiti', 2: 'kaiti', 3: 'fangsong', 4: 'fangsong' };

export function headingRunStyle(ctx: RenderContext, level: number): RunStyle {
  return {
    face: FACES[level] ?? 'fangsong',
    size: SIZE.三号,
    tracking: BODY_TRACKING,
    bold: level === 3 && ctx.settings.boldLevel3 ? true : undefined,
  };
}

/** A heading on a line of its own. The number comes from the model, so Word and the web agree. */
export function headingParagraph(ctx: RenderContext, level: number, number: string, title: PhrasingContent[]): Paragraph {
  const s = headingRunStyle(ctx, level);
  return new Paragraph({
    style: STYLE.heading(Math.min(level, 4)),
    children: [textRun(ctx.settings, number, s), ...phrasingRuns(title, ctx, s)],
  });
}

export function wantsRunIn(ctx: RenderContext, level: number): boolean {
  return ctx.settings.runInLevels.includes(level);
}

/**
 * A heading run into the paragraph after it: `（一）依法全面履行政府职能。近年来……`. The heading
 * keeps its face through a character style and ends with a full stop unless it has its own mark.
 */
export function runInParagraph(ctx: RenderContext, level: number, number: string, title: PhrasingContent[], body: ParagraphChild[]): Paragraph {
  const s = { ...headingRunStyle(ctx, level), characterStyle: STYLE.runInHeading(level) };
  const stop = /[。！？；：…]$/.test(toString({ type: 'paragraph', children: title })) ? [] : [textRun(ctx.settings, '。', s)];
  return new Paragraph({ children: [textRun(ctx.settings, number, s), ...phrasingRuns(title, ctx, s), ...stop, ...body] });
}
