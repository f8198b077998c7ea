import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { firstWriteMicros, inChildren, parseChildrenUsage } from '../../scripts/lib/memory-cost.ts';

// A stat line as Linux writes it: pid (comm) state ppid … minflt(10) cminflt(11) majflt cmajflt utime stime cutime(16) cstime(17) …
const statLine = (comm: string, cminflt: number, cutime: number, cstime: number) =>
  `4242 (${comm}) S 1 4242 4242 0 -1 4194304 900 ${cminflt} 0 0 31 7 ${cutime} ${cstime} 20 0 1 0 1234 10000000 500 18446744073709551615`;

const THP = '/sys/kernel/mm/transparent_hugepage/enabled';
/** With transparent huge pages always on, a few faults serve a large block, and the price is theirs: that test is skipped (and shown as skipped). */
const smallPages = process.platform === 'linux' && !(existsSync(THP) && readFileSync(THP, 'utf8').includes('[always]'));

describe('what the benchmark reads of its children', () => {
  it('takes cminflt, cutime and cstime from a stat line, whatever the command name holds', () => {
    expect(parseChildrenUsage(statLine('node', 6835, 3, 4))).toEqual({ faults: 6835, cpu: 0.07 });
    expect(parseChildrenUsage(statLine('a) S 1 (b', 12, 250, 50))).toEqual({ faults: 12, cpu: 3 });
  });

  it('gives nothing for a cut-off or garbled line rather than a wrong figure', () => {
    expect(parseChildrenUsage('4242 (node) S 1 4242')).toBeUndefined();
    expect(parseChildrenUsage(statLine('node', 6835, 3, 4).replace(' 6835 ', ' x '))).toBeUndefined();
  });

  it.runIf(process.platform === 'linux')('counts what a child it waited for used: its CPU seconds and the pages it touched', () => {
    // The child spends 0.3 s of CPU (not of the clock: a loaded machine gives the same figure) and writes 64 MB.
    const child = `const b = Buffer.allocUnsafeSlow(64 << 20); for (let i = 0; i < b.length; i += 4096) b[i] = 1; while (process.cpuUsage().user < 300000);`;
    const { value, usage } = inChildren(() => spawnSync(process.execPath, ['-e', child]));
    expect(value.status).toBe(0);
    expect(usage!.cpu).toBeGreaterThanOrEqual(0.25);
    // Starting Node alone touches thousands of pages.
    expect(usage!.faults).toBeGreaterThan(1000);
  });

  it.runIf(smallPages)('prices a first write to new memory from the faults the kernel counted', () => {
    // 64 MB: above the largest block glibc serves from memory it has touched already, so the pages are new.
    const priced = firstWriteMicros(64);
    const pages = (64 << 20) / 4096;
    // At least the block's pages; the process's other threads (the collector's, and in a shared test process
    // whatever else is running) may touch pages of their own meanwhile, so there is no upper bound.
    expect(priced!.faults).toBeGreaterThanOrEqual(pages * 0.95);
    expect(Number.isFinite(priced!.micros) && priced!.micros > 0).toBe(true);
  });
});
