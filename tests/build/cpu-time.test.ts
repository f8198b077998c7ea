/**
 * The build's CPU accounting (src/build/cpu-time.ts) and the PDF stage's per-print timeline
 * (src/pdf/print-timeline.ts): pure parts, then a real child process whose CPU time must show up.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseProcStat, treeCpuSeconds, utilisation } from '../../src/build/cpu-time.ts';
import { describeTimeline, lap, type PrintTimeline } from '../../src/pdf/print-timeline.ts';

describe('CPU time from /proc', () => {
  it('reads the parent and the four times of a stat line, whatever the command name holds', () => {
    const line = '4242 (chromium (renderer) x) S 4100 4242 4100 0 -1 4194560 1234 0 0 0 250 40 7 3 20 0 12 0 99 0 0';
    expect(parseProcStat(line)).toEqual({ ppid: 4100, ticks: 250 + 40 + 7 + 3 });
    expect(parseProcStat('1 (x) S 0')).toBeUndefined();
  });

  it('gives the busy share of the cores', () => {
    expect(utilisation(3, 2, 2)).toBe(0.75);
    expect(utilisation(5, 2, 2)).toBe(1);
    expect(utilisation(1, 0, 2)).toBe(0);
  });

  it('counts a child process that has ended (reaped by this one)', () => {
    const before = treeCpuSeconds()!;
    // About half a second of CPU in a child that exits before the second reading.
    const child = spawnSync(process.execPath, ['-e', 'const end = process.cpuUsage().user + 500000; while (process.cpuUsage().user < end);']);
    expect(child.status).toBe(0);
    expect(treeCpuSeconds()! - before).toBeGreaterThanOrEqual(0.4);
  });
});

describe('the per-print timeline', () => {
  it('adds each step’s seconds and describes them in order, leaving out the empty ones', () => {
    const timeline: PrintTimeline = {};
    const start = performance.now() - 1500;
    const next = lap(timeline, 'print', start);
    expect(timeline.print).toBeGreaterThanOrEqual(1.5);
    expect(next).toBeGreaterThan(start);
    lap(timeline, 'open', next - 250);
    lap(timeline, 'open', performance.now() - 250);
    expect(timeline.open).toBeGreaterThanOrEqual(0.5);
    expect(describeTimeline({ print: 1.5, open: 0.504, write: 0.001 })).toBe('打开页面 0.50 秒，Chromium 打印 1.50 秒');
  });
});
