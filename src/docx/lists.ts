import { AlignmentType, LevelFormat, LevelSuffix, type INumberingOptions } from 'docx';
import { runFonts } from './fonts.ts';
import { FIRST_LINE_INDENT, SIZE, chars } from './official-format.ts';
import type { DocxSettings } from '../schema/docx.ts';
import { BODY_TRACKING } from './styles-xml.ts';

type NumberingConfig = INumberingOptions['config'][number];
type Level = NumberingConfig['levels'][number];

/** Numbers of nested ordered lists follow Chinese usage: 1. → （1） → ①. */
const ORDERED = [
  { format: LevelFormat.DECIMAL, text: (n: number) => `%${n}.` },
  { format: LevelFormat.DECIMAL, text: (n: number) => `（%${n}）` },
  { format: LevelFormat.DECIMAL_ENCLOSED_CIRCLE, text: (n: number) => `%${n}` },
];
const BULLETS = ['●', '○', '■'];

/**
 * Word numbering for Markdown lists. Every list gets its own instance, so a list after a heading or
 * a paragraph starts again at its first number. An item sits like a body paragraph: the number
 * two characters in, the lines after it back at the item's left edge.
 */
export class ListNumbering {
  private configs = new Map<string, NumberingConfig>();
  private instances = 0;
  private settings: DocxSettings;

  constructor(settings: DocxSettings) {
    this.settings = settings;
  }

  /** The reference of the numbering for an ordered list starting at `start`, or a bulleted list. */
  reference(ordered: boolean, start = 1): string {
    const reference = ordered ? `ordered-${start}` : 'bullet';
    if (!this.configs.has(reference)) {
      this.configs.set(reference, { reference, levels: Array.from({ length: 9 }, (_, level) => this.level(level, ordered, start)) });
    }
    return reference;
  }

  newInstance(): number {
    return ++this.instances;
  }

  get config(): NumberingConfig[] {
    return [...this.configs.values()];
  }

  private level(level: number, ordered: boolean, start: number): Level {
    const kind = ORDERED[Math.min(level, ORDERED.length - 1)]!;
    return {
      level,
      format: ordered ? kind.format : LevelFormat.BULLET,
      text: ordered ? kind.text(level + 1) : BULLETS[level % BULLETS.length]!,
      start: level === 0 ? start : 1,
      alignment: AlignmentType.LEFT,
      suffix: ordered ? LevelSuffix.NOTHING : LevelSuffix.SPACE,
      style: {
        paragraph: { indent: { left: level * chars(2), firstLine: FIRST_LINE_INDENT } },
        run: { font: runFonts(this.settings.fonts, 'fangsong'), size: SIZE.三号, characterSpacing: BODY_TRACKING },
      },
    };
  }
}
