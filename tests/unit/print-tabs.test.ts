/** How many tabs the PDF stage prints with: one for every four reports, at most the CPU count. */
import { describe, expect, it } from 'vitest';
import { printTabs } from '../../src/pdf/stage.ts';

describe('print tabs', () => {
  it('prints an edit’s report or two in one tab: a second tab’s first print costs as much as three more prints', () => {
    expect([1, 2, 3, 4].map((n) => printTabs(n, 2))).toEqual([1, 1, 1, 1]);
    expect(printTabs(0, 2)).toBe(1);
  });

  it('opens a tab for every four reports, up to the most asked for', () => {
    expect([5, 8, 9, 1000].map((n) => printTabs(n, 2))).toEqual([2, 2, 2, 2]);
    expect([5, 9, 12, 13, 1000].map((n) => printTabs(n, 8))).toEqual([2, 3, 3, 4, 8]);
    expect(printTabs(1000, 1)).toBe(1);
  });
});
