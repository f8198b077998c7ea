import { describe, expect, it } from 'vitest';
import {
  CHARS_PER_LINE,
  CHAR_PITCH,
  FIRST_LINE_INDENT,
  FOOTER_DISTANCE,
  LINES_PER_PAGE,
  LINE_PITCH,
  PAGE,
  PAGE_NUMBER_LINE,
  SIZE,
  TYPE_AREA,
  TWIPS_PER_MM,
  trackingFor,
} from '../../src/docx/official-format.ts';

describe('the numbers of GB/T 9704 in twips', () => {
  it('is A4 with the standard margins and a 156 × 225 mm type area', () => {
    expect(PAGE).toMatchObject({ width: 11906, height: 16838, top: 2098, bottom: 1984, left: 1587, right: 1474 });
    expect(TYPE_AREA.width / TWIPS_PER_MM).toBeCloseTo(156, 0);
    expect(TYPE_AREA.height / TWIPS_PER_MM).toBeCloseTo(225, 0);
  });

  it('fits exactly 22 lines: 579 twips fit, 580 would not', () => {
    expect(LINE_PITCH).toBe(579);
    expect(LINES_PER_PAGE * LINE_PITCH).toBeLessThanOrEqual(TYPE_AREA.height);
    expect(LINES_PER_PAGE * (LINE_PITCH + 1)).toBeGreaterThan(TYPE_AREA.height);
    expect((LINES_PER_PAGE + 1) * LINE_PITCH).toBeGreaterThan(TYPE_AREA.height);
  });

  it('tracks 三号 text just enough for 28 characters, and no 29th', () => {
    const tracking = trackingFor(SIZE.三号);
    expect(tracking).toBe(-5);
    const advance = SIZE.三号 * 10 + tracking;
    expect(CHARS_PER_LINE * advance).toBeLessThanOrEqual(TYPE_AREA.width);
    expect((CHARS_PER_LINE + 1) * advance).toBeGreaterThan(TYPE_AREA.width);
    // −0.2 pt (−4 twips), the usual rounding, leaves 28 characters too wide.
    expect(CHARS_PER_LINE * (SIZE.三号 * 10 - 4)).toBeGreaterThan(TYPE_AREA.width);
    expect(trackingFor(SIZE.四号)).toBe(0);
    expect(CHAR_PITCH).toBeCloseTo(315.9, 1);
  });

  it('indents the first line by two 三号 characters', () => {
    expect(FIRST_LINE_INDENT).toBe(640);
  });

  it('puts the middle of the page-number line 7 mm below the type area', () => {
    const typeBottomFromPageBottom = PAGE.bottom;
    const lineMiddleFromPageBottom = FOOTER_DISTANCE + PAGE_NUMBER_LINE / 2;
    expect((typeBottomFromPageBottom - lineMiddleFromPageBottom) / TWIPS_PER_MM).toBeCloseTo(7, 1);
  });
});
