/**
 * The build's CPU accounting (src/build/cpu-time.ts) and the PDF stage's per-print timeline
 * (src/pdf/print-timeline.ts): pure parts, then real child processes whose CPU must show up,
 * including one whose parent ends first (as Chromium's helpers do at shutdown).
 */
import { spawn } from 'node:child_process';
import { describe, expect, it, vi } from 'vitest';
import { machineShare, measureCpu, parseMachineStat, parseProcStat, TreeSampler, utilisation, type ProcReader } from '../../src/build/cpu-time.ts';
import { describeTimeline, lap, type PrintTimeline } from '../../src/pdf/print-timeline.ts';

const BURN = (ms: number) => `const end = process.cpuUsage().user + ${ms * 1000}; while (process.cpuUsage().user < end);`;

describe('CPU time from /proc', () => {
  it('reads the parent and the own times of a stat line, whatever the command name holds', () => {
    const line = '4242 (chromium (renderer) x) S 4100 4242 4100 0 -1 4194560 1234 0 0 0 250 40 7 3 20 0 12 0 99 0 0';
    expect(parseProcStat(line)).toEqual({ ppid: 4100, own: 250 + 40, start: 99 });
    expect(parseProcStat('1 (x) S 0')).toBeUndefined();
  });

  it('reads the machine’s busy and total time, idle and iowait being the idle ones', () => {
    expect(parseMachineStat('cpu  100 0 50 800 50 0 0 0 0 0\ncpu0 1 2 3')).toEqual({ busy: 1.5, total: 10 });
  });

  it('gives the machine’s busy share between two readings, never over 1 on a fully busy machine', () => {
    const at = (user: number) => parseMachineStat(`cpu  ${user} 0 100003 5000 70 0 0 0 0 0`);
    // Only busy ticks between the two readings: their differences in seconds, divided, gave 1.0000000000002252.
    expect(machineShare(at(100000), at(100101))).toBe(1);
    expect(machineShare(parseMachineStat('cpu  100 0 50 800 50 0 0 0 0 0'), parseMachineStat('cpu  130 0 60 850 60 0 0 0 0 0'))).toBe(0.4);
    expect(machineShare(at(100000), at(100000))).toBe(0);
  });

  it('gives the busy share of the cores', () => {
    expect(utilisation(3, 2, 2)).toBe(0.75);
    expect(utilisation(5, 2, 2)).toBe(1);
    expect(utilisation(1, 0, 2)).toBe(0);
  });

  it('samples the tree reading only its own processes and new ones, after the first sample', () => {
    // A made-up /proc: pid → [parent, own ticks, start time (9 unless given)].
    const procs = new Map<number, [number, number, number?]>([
      [1, [0, 5]],
      [10, [1, 100]],
      [11, [10, 40]],
      [20, [1, 7]],
      [21, [20, 9]],
    ]);
    const read: number[] = [];
    const proc: ProcReader = {
      pids: () => [...procs.keys()],
      stat: (pid) => {
        read.push(pid);
        const p = procs.get(pid);
        return p && `${pid} (p ${pid}) S ${p[0]} ${pid} 0 0 -1 0 0 0 0 0 ${p[1]} 0 0 0 20 0 1 0 ${p[2] ?? 9} 0 0`;
      },
    };
    const tree = new TreeSampler(10, proc);
    const owns = () => Object.fromEntries([...tree.sample()].map(([pid, s]) => [pid, s.own]));
    expect(owns()).toEqual({ 10: 100, 11: 40 });
    expect(read.sort((a, b) => a - b)).toEqual([1, 10, 11, 20, 21]);

    // Later: the tree's processes and the new ones are read, a new grandchild found, a new stranger left out.
    read.length = 0;
    procs.set(11, [10, 55]);
    procs.set(12, [11, 3]);
    procs.set(30, [1, 1]);
    expect(owns()).toEqual({ 10: 100, 11: 55, 12: 3 });
    expect(read.sort((a, b) => a - b)).toEqual([10, 11, 12, 30]);

    // A stranger that ended is forgotten: its number, given again to a child of the tree, is read.
    procs.delete(20);
    read.length = 0;
    expect(owns()).toEqual({ 10: 100, 11: 55, 12: 3 });
    expect(read.sort((a, b) => a - b)).toEqual([10, 11, 12]);
    procs.set(20, [10, 2]);
    expect(owns()).toEqual({ 10: 100, 11: 55, 12: 3, 20: 2 });

    // A process of the tree whose parent ended, handed to a reaper outside it (pid 1), stays in it while it runs, with its children.
    procs.delete(11);
    procs.set(12, [1, 4]);
    procs.set(13, [12, 1]);
    expect(owns()).toEqual({ 10: 100, 12: 4, 13: 1, 20: 2 });
    procs.set(12, [1, 6]);
    expect(owns()).toEqual({ 10: 100, 12: 6, 13: 1, 20: 2 });

    // Once it has ended, a stranger given its number (another start time) is not taken for it.
    procs.set(12, [1, 50, 77]);
    procs.set(13, [1, 1]);
    expect(owns()).toEqual({ 10: 100, 13: 1, 20: 2 });
  });

  it('counts the CPU of a grandchild whose parent ended before it, once it has ended too', async () => {
    const meter = measureCpu();
    // A child starts a grandchild and ends when told to; the grandchild waits until its parent has
    // ended (it is then handed to a reaper outside the tree) and only then burns 1.5 s of CPU.
    // (Its parent read from /proc each time: Node's process.ppid keeps the one it started with; and
    // the parent's number handed down, as the parent may have ended before this process reads anything.)
    const grandchild = `const ppid = () => require('fs').readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ')[1]; const wait = () => (ppid() !== process.env.NIANBAO_TEST_PARENT ? (() => { ${BURN(1500)} })() : setTimeout(wait, 10)); wait();`;
    const child = spawn(
      process.execPath,
      ['-e', `require('child_process').spawn(process.execPath, ['-e', ${JSON.stringify(grandchild)}], { stdio: ['ignore', 'inherit', 'ignore'], env: { ...process.env, NIANBAO_TEST_PARENT: String(process.pid) } }).unref(); process.stdout.write('started\\n'); process.stdin.once('data', () => process.exit(0));`],
      { stdio: ['pipe', 'pipe', 'ignore'] },
    );
    const ended = new Promise((resolve) => child.stdout.on('end', resolve));
    await new Promise<void>((resolve) => child.stdout.on('data', (d: Buffer) => String(d).includes('started') && resolve()));
    // A sample taken while the grandchild is still under its parent, whenever the sampler's turn comes.
    const seen = meter.samples();
    await vi.waitUntil(() => meter.samples() > seen, { timeout: 60_000, interval: 10 });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.stdin!.write('go\n');
    await exited;
    // The grandchild holds the pipe open: the stream ends when it has ended.
    await ended;
    const use = meter.stop()!;
    // Sampled every 100 ms: the last samples before it ended may miss a little of it, never a second.
    expect(use.tree).toBeGreaterThanOrEqual(1);
    expect(use.machine).toBeGreaterThan(0);
    expect(use.machine).toBeLessThanOrEqual(1);
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
