/**
 * Helpers a library starts without giving out their process (Pagefind's service writes the search
 * bundles into the staging folder itself): a build stopped by a signal kills them before it removes
 * that folder (src/pipeline/on-kill.ts killChildProcesses), and the search index registers that
 * while it runs (src/web/search-index.ts).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { ReportModel } from '../../src/content/index.ts';

const registered: { cleanup: () => void; forgotten: boolean }[] = [];
vi.mock('../../src/pipeline/on-kill.ts', async (original) => {
  const real = await original<typeof import('../../src/pipeline/on-kill.ts')>();
  return {
    ...real,
    whenKilled: (cleanup: () => void) => {
      const entry = { cleanup, forgotten: false };
      registered.push(entry);
      return () => void (entry.forgotten = true);
    },
  };
});
const { isRunning, killChildProcesses } = await import('../../src/pipeline/on-kill.ts');
const { writeSearchIndex } = await import('../../src/web/search-index.ts');

const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-children-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));


describe('killChildProcesses', () => {
  it('kills the children of this process whose program name matches, and has waited for them when it returns', async () => {
    const sleeper = spawn('sleep', ['600'], { stdio: 'ignore' });
    const other = spawn('cat', [], { stdio: ['pipe', 'ignore', 'ignore'] });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => sleeper.once('exit', (_code, signal) => resolve(signal)));
    await Promise.all([sleeper, other].map((child) => new Promise((resolve) => child.once('spawn', resolve))));
    try {
      expect(killChildProcesses(/^sleep$/)).toEqual([sleeper.pid]);
      expect(isRunning(sleeper.pid!)).toBe(false);
      expect(isRunning(other.pid!)).toBe(true);
      expect(await exited).toBe('SIGKILL');
    } finally {
      sleeper.kill('SIGKILL');
      other.kill('SIGKILL');
    }
  });
});

describe('the search index while it runs', () => {
  it('registers Pagefind’s service to be killed with the build, and forgets it once done', async () => {
    const site = path.join(dir, 'site');
    mkdirSync(path.join(site, 'reports/a'), { recursive: true });
    writeFileSync(path.join(site, 'reports/a/index.html'), '<!doctype html><html lang="zh-CN"><body><main data-pagefind-body><h1>测试报告</h1><p>本年度依法行政工作情况。</p></main></body></html>');
    const reports = [{ slug: 'a', meta: { year: 2023 } }] as unknown as ReportModel[];
    const before = registered.length;
    const running = writeSearchIndex(site, reports);
    // Registered before Pagefind starts, still registered while it runs.
    expect(registered.length).toBe(before + 1);
    expect(registered.at(-1)!.forgotten).toBe(false);
    expect((await running).indexed).toEqual(['2023']);
    expect(registered.at(-1)!.forgotten).toBe(true);
    // The cleanup kills children named pagefind: a child of another name is left alone.
    const other = spawn('sleep', ['600'], { stdio: 'ignore' });
    await new Promise((resolve) => other.once('spawn', resolve));
    try {
      registered.at(-1)!.cleanup();
      expect(other.exitCode === null && other.signalCode === null).toBe(true);
    } finally {
      other.kill('SIGKILL');
    }
  });
});
