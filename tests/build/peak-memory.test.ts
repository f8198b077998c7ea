/**
 * The benchmark's memory sampler (scripts/lib/peak-memory.ts): how it names the processes of a
 * build's tree, and a real child whose memory must show up under the stage it was told.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { processKind, sampleDue, watchPeakMemory } from '../../scripts/lib/peak-memory.ts';

describe('the memory sampler', () => {
  it('names the build, Chromium’s processes by their type, and other programs by name', () => {
    expect(processKind('/usr/bin/node', 'node bench-build.ts', true)).toBe('node');
    // Chromium rewrites its command line, its first word included: the executable names it.
    expect(processKind('/usr/lib/chromium/chromium', 'nianbao-print-aa3Lh8 --no-sandbox --user-data-dir=/tmp/x', false)).toBe('chromium browser');
    expect(processKind('/usr/lib/chromium/chromium', 'nianbao-print-aa3Lh8 --change-stack-guard-on-fork=enable --type=renderer --lang=en-US', false)).toBe('chromium renderer');
    expect(processKind('/opt/google/chrome/chrome', '/opt/google/chrome/chrome --type=gpu-process', false)).toBe('chromium gpu-process');
    expect(processKind('/x/node_modules/@pagefind/linux-x64/bin/pagefind_extended', 'pagefind_extended --service', false)).toBe('pagefind');
    expect(processKind('/usr/lib/libreoffice/program/soffice.bin', 'soffice.bin --headless', false)).toBe('soffice.bin');
    expect(processKind('/x/node_modules/node/bin/node', '/x/node_modules/node/bin/node /x/src/build/portal-child.ts', false)).toBe('node portal-child.ts');
    expect(processKind('', '', false)).toBe('?');
  });

  it('reads the PSS at once when the resident size rose or the stage changed, else once twenty times its last cost has passed', () => {
    const MB = 1024 * 1024;
    const last = { at: 1000, stage: 'pdf', resident: 1000 * MB, cost: 25 };
    expect(sampleDue(undefined, { at: 0, stage: 'load', resident: 50 * MB })).toBe(true);
    // 200 ms later, nothing changed: a 25 ms sample waits 500 ms.
    expect(sampleDue(last, { at: 1200, stage: 'pdf', resident: 1000 * MB })).toBe(false);
    expect(sampleDue(last, { at: 1500, stage: 'pdf', resident: 990 * MB })).toBe(true);
    // A rise of more than 2 % may be a new peak; a new stage needs its own sample.
    expect(sampleDue(last, { at: 1200, stage: 'pdf', resident: 1030 * MB })).toBe(true);
    expect(sampleDue(last, { at: 1200, stage: 'pdf', resident: 1015 * MB })).toBe(false);
    expect(sampleDue(last, { at: 1200, stage: 'ofd', resident: 900 * MB })).toBe(true);
    // A cheap sample (a small tree) every 200 ms.
    expect(sampleDue({ ...last, cost: 1 }, { at: 1200, stage: 'pdf', resident: 1000 * MB })).toBe(true);
  });

  it.skipIf(!existsSync('/proc/self/smaps_rollup'))('keeps the highest sample of each stage with what held it', async () => {
    let stage = 'small';
    // A child that holds 200 MB (touched, so resident) once told to, and exits when told again.
    const child = spawn(process.execPath, ['-e', `process.stdin.once('data', () => { globalThis.b = Buffer.alloc(200 * 1024 * 1024, 1); process.stdout.write('big\\n'); process.stdin.once('data', () => process.exit(0)); }); process.stdout.write('ready\\n');`], { stdio: ['pipe', 'pipe', 'ignore'] });
    const said = (word: string) => new Promise<void>((resolve) => child.stdout.on('data', (d: Buffer) => String(d).includes(word) && resolve()));
    const watch = watchPeakMemory(child.pid!, () => stage);
    await said('ready');
    // A sample of each stage, whenever the sampler's turns come (a loaded machine may delay them).
    await vi.waitUntil(() => watch.samples() >= 1, { timeout: 60_000, interval: 20 });
    stage = 'big';
    child.stdin.write('go\n');
    await said('big');
    const before = watch.samples();
    await vi.waitUntil(() => watch.samples() > before, { timeout: 60_000, interval: 20 });
    const peak = watch.stop()!;
    child.stdin.write('end\n');
    expect(peak.stage).toBe('big');
    expect(peak.bytes).toBeGreaterThan(200 * 1024 * 1024);
    expect(peak.byKind.node).toBe(peak.bytes);
    expect(peak.byStage.small!.bytes).toBeLessThan(150 * 1024 * 1024);
    expect(peak.byStage.big!.bytes).toBe(peak.bytes);
  });
});
