/**
 * A `nianbao build` stopped while it prints: Chromium runs in a process group of its own and
 * outlives the build unless the build stops it. On SIGTERM the build takes its browser and the
 * browser's profile folder with it and leaves dist/ as it was; after SIGKILL (no handler runs) the
 * next launch removes the dead build's profile and stops the browser still running in it. The full
 * Chromium keeps a lock and a singleton socket's folder beside its profile, the headless shell
 * neither: the SIGTERM case runs the one, the SIGKILL case the other.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isHeadlessShell } from '../../src/pdf/browser-path.ts';
import { launchChromium } from '../../src/pdf/chromium.ts';
import { pdfStage } from '../../src/pdf/stage.ts';
import { digestBytes, listFiles } from '../../src/store/files.ts';
import { chromiumPath, headlessShellPath } from '../helpers/browser.ts';
import { BIN, REPO } from '../helpers/cli.ts';
import { browserProcesses, processes, userDataDir, type Proc } from '../helpers/processes.ts';
import { sharedBuild } from '../helpers/shared-builds.ts';

/** Checks `probe` until it gives something; fails if `stop` says why waiting is pointless, or after a generous limit. */
async function until<T>(what: string, probe: () => T | undefined, stop: () => string | undefined = () => undefined, limitMs = 300_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    const reason = stop();
    if (reason) throw new Error(`${reason}, waiting for ${what}`);
    if (Date.now() > deadline) throw new Error(`waited ${limitMs / 1000} s for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const PRINTING = pdfStage().label;

let project: string;
let temp: string;
/** The folder of the wrappers the builds start as their browser (see buildUntilPrinting). */
let wrappers: string;
/** Browsers the tests saw, stopped at the end whatever happened. */
const browsers: number[] = [];

beforeAll(async () => {
  // A copy of the run's shared build of the samples, with its dist/.
  project = mkdtempSync(path.join(tmpdir(), 'nianbao-stopped-'));
  cpSync((await sharedBuild('ndbg')).project, project, { recursive: true });
  wrappers = mkdtempSync(path.join(tmpdir(), 'nianbao-stopped-bin-'));
}, 900_000);
afterAll(() => {
  for (const pid of browsers) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Gone, as it should be.
    }
  }
  rmSync(project, { recursive: true, force: true });
  rmSync(wrappers, { recursive: true, force: true });
});

/**
 * A build of the project, with a temporary folder of its own (so that Chromium's profile is easy
 * to find), held in its PDF stage. Its browser is a wrapper. A build of two reports starts its
 * browser early, as it reads the content (early-browser.ts): that first start fails, so the PDF
 * stage starts one itself. That second start stops the build (SIGSTOP) and then becomes
 * `executable`, so the build cannot print, however fast, until the test lets it go on. Waited for
 * until that Chromium is up: the PDF stage's line, the browser as the build's child, then the
 * DevTools port in its profile, and the full browser's lock and socket.
 */
async function buildUntilPrinting(executable: string): Promise<{ child: ChildProcess; output: () => string; browser: Proc; profile: string; socketDir: string | undefined; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> }> {
  temp = mkdtempSync(path.join(tmpdir(), 'nianbao-stopped-tmp-'));
  // Named as the executable is: the headless shell is started as one (isHeadlessShell).
  const wrapper = path.join(mkdtempSync(path.join(wrappers, 'bin-')), path.basename(executable));
  const script = [
    '#!/bin/sh',
    'starts=$(($(cat "$0.starts" 2>/dev/null || echo 0) + 1))',
    'echo $starts > "$0.starts"',
    '[ $starts -eq 1 ] && exit 1',
    'kill -STOP $PPID',
    `exec ${executable} "$@"`,
  ];
  writeFileSync(wrapper, `${script.join('\n')}\n`, { mode: 0o755 });
  const shell = isHeadlessShell(executable);
  // --no-cache: the content is unchanged since the shared build, and a cached build would not print.
  const child = spawn(process.execPath, [BIN, 'build', project, '--no-cache'], {
    cwd: REPO,
    env: { ...process.env, TMPDIR: temp, CHROME_PATH: wrapper, NO_COLOR: '1', FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const ended = () => (child.exitCode !== null || child.signalCode !== null ? `the build ended (${child.exitCode ?? child.signalCode}):\n${output}` : undefined);
  await until('PDF stage line', () => (output.includes(`] ${PRINTING}…`) ? true : undefined), ended);
  const browser = await until('Chromium started by the build', () => processes().find((p) => p.ppid === child.pid && userDataDir(p)?.startsWith(temp)), ended);
  browsers.push(browser.pid);
  const profile = userDataDir(browser)!;
  // The lock is a symbolic link to `<host>-<pid>`, which existsSync would follow; the socket's link points into a folder beside the profile.
  const ready = () =>
    existsSync(path.join(profile, 'DevToolsActivePort')) && (shell || (lstatSync(path.join(profile, 'SingletonLock'), { throwIfNoEntry: false }) && existsSync(path.join(profile, 'SingletonSocket'))));
  await until('Chromium ready', () => (ready() ? true : undefined), ended);
  // The early start, then the PDF stage's.
  expect(readFileSync(`${wrapper}.starts`, 'utf8').trim()).toBe('2');
  const socketDir = shell ? undefined : path.dirname(readlinkSync(path.join(profile, 'SingletonSocket')));
  return { child, output: () => output, browser, profile, socketDir, exited };
}

const fingerprintOf = (dir: string) => listFiles(dir).map((f) => `${f} ${digestBytes(readFileSync(path.join(dir, f))).sha256}`);

describe('a build stopped while printing', () => {
  it('stops its Chromium and removes its profile on SIGTERM, then dies of the signal, leaving dist/ as it was', async () => {
    const dist = path.join(project, 'dist');
    const before = fingerprintOf(dist);
    const { child, output, browser, profile, socketDir, exited } = await buildUntilPrinting(chromiumPath());
    expect(browserProcesses(browser, profile).length).toBeGreaterThan(0);

    // A stopped process keeps the signal pending; it is handled as soon as the build goes on.
    child.kill('SIGTERM');
    child.kill('SIGCONT');
    const { code, signal } = await exited;
    expect({ code, signal }).toEqual({ code: null, signal: 'SIGTERM' });
    // Stopped in the PDF stage, not after it (when the browser would have closed by itself).
    expect(output().slice(output().indexOf(`] ${PRINTING}…`))).not.toMatch(/\n\[\d+\/\d+\] /);

    // Killed before the build died; the kernel may take a moment to finish them.
    await until('the end of the build’s Chromium', () => (browserProcesses(browser, profile).length === 0 ? true : undefined), undefined, 30_000).catch(() => {
      throw new Error(`Chromium left running after the build was stopped:\n${browserProcesses(browser, profile).map((p) => `${p.pid} ${p.args.join(' ').slice(0, 160)}`).join('\n')}`);
    });
    // Nothing of Chromium's in the build's temporary folder: neither the profile nor its singleton socket's folder.
    expect(existsSync(profile)).toBe(false);
    expect(existsSync(socketDir!)).toBe(false);
    expect(readdirSync(temp).filter((n) => n !== 'node-compile-cache')).toEqual([]);
    expect(readdirSync(project).filter((n) => n.startsWith('.nianbao-'))).toEqual([]);
    expect(fingerprintOf(dist)).toEqual(before);
    rmSync(temp, { recursive: true, force: true });
  });

  it('after SIGKILL, the next launch removes the dead build’s profile and stops the Chromium left in it', async () => {
    const { child, browser, profile, socketDir, exited } = await buildUntilPrinting(headlessShellPath());
    child.kill('SIGKILL');
    expect((await exited).signal).toBe('SIGKILL');
    // No handler runs on SIGKILL: the browser outlives the build. The headless shell keeps no lock
    // (which names the browser's process) and no socket.
    expect(browserProcesses(browser, profile).length).toBeGreaterThan(0);
    expect(socketDir).toBeUndefined();
    expect(lstatSync(path.join(profile, 'SingletonLock'), { throwIfNoEntry: false })).toBeUndefined();
    // A profile of a process that is alive (this one) is in use and stays; so does one of a build
    // on another machine sharing this /tmp.
    const inUse = mkdtempSync(path.join(temp, `nianbao-print-${process.pid}-`));
    const ended = spawnSync('true').pid!;
    const elsewhere = mkdtempSync(path.join(temp, `nianbao-print-${ended}-`));
    writeFileSync(path.join(elsewhere, 'nianbao-host'), `${hostname()}-elsewhere`);

    const outer = process.env.TMPDIR;
    process.env.TMPDIR = temp;
    try {
      const next = await launchChromium(headlessShellPath());
      await next.close();
    } finally {
      process.env.TMPDIR = outer;
    }
    await until('the end of the Chromium the killed build left', () => (browserProcesses(browser, profile).length === 0 ? true : undefined), undefined, 30_000);
    expect(existsSync(profile)).toBe(false);
    expect(existsSync(inUse)).toBe(true);
    expect(existsSync(elsewhere)).toBe(true);
    rmSync(temp, { recursive: true, force: true });
  });
});
