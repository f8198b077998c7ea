/**
 * The installed fonts (fontconfig's list) are listed once for the stages of one build, not once
 * per stage: fc-list runs on the build's thread. A later listing, after some seconds, sees fonts
 * installed meanwhile (the live preview runs for hours). fc-list is replaced here by a stand-in that
 * counts its runs, and the clock is passed in: nothing depends on timing.
 */
import { describe, expect, it, vi } from 'vitest';

const fcList = vi.hoisted(() => ({ runs: 0, output: '/usr/share/fonts/a.ttc\t0\tNoto Serif CJK SC\tNotoSerifCJKsc-Regular\n' }));
vi.mock('node:child_process', async (original) => ({
  ...(await original<typeof import('node:child_process')>()),
  execFileSync: (command: string) => {
    expect(command).toBe('fc-list');
    fcList.runs++;
    return fcList.output;
  },
}));

const { systemFonts } = await import('../../src/pdf/print-font-subsets.ts');

describe('the installed fonts', () => {
  it('are listed once for the stages of a build, and again some seconds later', () => {
    const first = systemFonts(1_000);
    expect(first.get('NotoSerifCJKsc-Regular')).toEqual({ file: '/usr/share/fonts/a.ttc', index: 0 });
    expect(systemFonts(1_000 + 14_000)).toBe(first);
    expect(fcList.runs).toBe(1);
    fcList.output += '/usr/share/fonts/b.ttf\t0\tLXGW WenKai\tLXGWWenKai-Regular\n';
    const later = systemFonts(1_000 + 16_000);
    expect(fcList.runs).toBe(2);
    expect(later.get('LXGWWenKai-Regular')).toEqual({ file: '/usr/share/fonts/b.ttf', index: 0 });
  });
});
