import type { Paragraph } from 'docx';
import type { Definition, FootnoteDefinition } from 'mdast';
import type { ReportModel } from '../content/index.ts';
import type { LoadedImage } from './images.ts';
import type { ListNumbering } from './lists.ts';
import { SIZE } from './official-format.ts';
import type { RunStyle } from './runs.ts';
import type { DocxSettings } from '../schema/docx.ts';
import { BODY_TRACKING } from './styles-xml.ts';

/** What the renderer carries through one report: settings, and the notes, lists and pictures it collects. */
export interface RenderContext {
  settings: DocxSettings;
  report: ReportModel;
  /** Word footnotes by id, in the order their references appear. */
  footnotes: Record<number, { children: Paragraph[] }>;
  nextFootnoteId: number;
  lists: ListNumbering;
  /** Pictures by their URL as written in the section, loaded before rendering. */
  images: Map<string, LoadedImage>;
  nextDrawingId: number;
  nextFigure: number;
  /** Footnote and link definitions of the section being rendered (Markdown scopes them to a file). */
  footnoteDefinitions: Map<string, FootnoteDefinition>;
  linkDefinitions: Map<string, Definition>;
}

/** The paragraph style and run look of a block, passed down to nested blocks. */
export interface BlockStyle {
  paragraphStyle?: string;
  run: RunStyle;
}

export const bodyRun: RunStyle = { face: 'fangsong', size: SIZE.三号, tracking: BODY_TRACKING };

export const bodyBlock: BlockStyle = { run: bodyRun };
