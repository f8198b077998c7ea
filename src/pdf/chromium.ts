/**
 * Starting the printing browser: puppeteer-core on an installed Chromium, Chrome or Edge, headless,
 * with a fresh profile and everything that talks to the network switched off.
 */
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { killProcessGroup, whenKilled } from '../pipeline/on-kill.ts';
import { procEntries, statFields } from '../pipeline/procs.ts';
import { processAlive } from '../pipeline/staging.ts';
import { isHeadlessShell } from './browser-path.ts';

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-quic',
  '--disable-sync',
  // Glyph advances as the font defines them, not snapped to screen pixels: the print grid counts them.
  '--font-render-hinting=none',
];

/** A running browser as the print pool sees it. */
export interface PrintBrowser {
  newPage(): Promise<Page>;
  readonly connected: boolean;
  close(): Promise<void>;
  /** The operating-system process, for tests that simulate a crash. */
  readonly pid: number | undefined;
}

export async function launchChromium(executablePath: string): Promise<PrintBrowser> {
  removeDeadProfiles(tmpdir());
  // Named after this process, so that a later launch can tell the profile of a build that was killed outright.
  const profile = mkdtempSync(path.join(tmpdir(), `nianbao-print-${process.pid}-`));
  writeFileSync(path.join(profile, HOST_FILE), hostname());
  const remove = () => removeProfile(profile);
  // A build stopped by a signal stops its browser first: aborting kills Chromium's process group
  // at once, even while it is still starting (puppeteer's `signal`).
  const stop = new AbortController();
  let pid: number | undefined;
  const forget = whenKilled(() => {
    stop.abort();
    if (pid) killProcessGroup(pid);
    remove();
  });
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      executablePath,
      headless: isHeadlessShell(executablePath) ? 'shell' : true,
      args: [...CHROMIUM_FLAGS, `--user-data-dir=${profile}`],
      // The build handles its own signals (src/build/build.ts, through src/pipeline/on-kill.ts); the pool closes the browser.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      signal: stop.signal,
      timeout: 60_000,
    });
  } catch (e) {
    forget();
    remove();
    throw new Error(`浏览器 ${executablePath} 无法启动：${(e as Error).message.split('\n')[0]}`);
  }
  pid = browser.process()?.pid;
  return {
    newPage: () => browser.newPage(),
    get connected() {
      return browser.connected;
    },
    pid,
    close: async () => {
      try {
        if (browser.connected) await browser.close();
        else browser.process()?.kill('SIGKILL');
        await endStragglers(profile, pid);
      } finally {
        forget();
        remove();
      }
    },
  };
}

/**
 * Chromium's other processes (zygotes, renderers, the GPU and utility processes) end by themselves
 * once the browser process has, but not at once: on a busy machine they outlived close() by a
 * moment, still running when the build had ended. Those still there are stopped, and close()
 * returns when none is left. They are the browser's process group (puppeteer starts it as a group
 * leader; the kernel gives no new process the number while the group has a member), and any other
 * process with the profile, a fresh folder of this browser's, on its command line (the full
 * browser passes it to its helpers; the headless shell does not). Linux's /proc; where there is
 * none, close() is puppeteer's alone.
 */
async function endStragglers(profile: string, group: number | undefined): Promise<void> {
  // Only a bound for a process that cannot be stopped; SIGKILL ends the others within milliseconds.
  const giveUp = Date.now() + 10_000;
  for (;;) {
    const left = browserProcesses(profile, group);
    if (left.length === 0 || Date.now() > giveUp) return;
    for (const member of left) {
      try {
        process.kill(member, 'SIGKILL');
      } catch {
        // Gone meanwhile.
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Running (not zombie) processes in process group `group` or whose command line names `profile`. */
function browserProcesses(profile: string, group: number | undefined): number[] {
  const found: number[] = [];
  for (const { pid, stat } of procEntries()) {
    const [state, , pgrp] = statFields(stat);
    if (state === 'Z' || state === 'X' || pid === process.pid) continue;
    if (group !== undefined && Number(pgrp) === group) {
      found.push(pid);
      continue;
    }
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(profile)) found.push(pid);
    } catch {
      // Ended while being read.
    }
  }
  return found;
}

const PROFILE = /^nianbao-print-(\d+)-/;
/** In a profile, the host it was made on. */
const HOST_FILE = 'nianbao-host';

/**
 * Profiles of builds killed outright (SIGKILL, which no handler sees), removed by the next launch,
 * and the Chromium still running in one stopped. A profile is left alone while the process named
 * in it lives, and when it was made on another host (a /tmp shared between machines).
 */
function removeDeadProfiles(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const owner = Number(PROFILE.exec(name)?.[1]);
    if (!owner || processAlive(owner)) continue;
    const profile = path.join(dir, name);
    const host = profileHost(profile);
    if (host !== undefined && host !== hostname()) continue;
    // Its browser, if still running, found as close() finds stragglers: by the profile on its command line.
    for (const pid of browserProcesses(profile, undefined)) killProcessGroup(pid);
    try {
      removeProfile(profile);
    } catch {
      // Another user's, or in use after all: not ours to remove.
    }
  }
}

/**
 * The host a profile was made on: as launchChromium wrote it (the headless shell keeps no lock),
 * else from Chromium's lock, a symbolic link to `<host>-<pid>`; undefined if Chromium never got that far.
 */
function profileHost(profile: string): string | undefined {
  try {
    return readFileSync(path.join(profile, HOST_FILE), 'utf8');
  } catch {
    // Made before the file was written.
  }
  try {
    return /^(.*)-\d+$/.exec(readlinkSync(path.join(profile, 'SingletonLock')))?.[1];
  } catch {
    return undefined;
  }
}

/**
 * A profile, and the folder beside it where Chromium keeps its singleton socket
 * (`org.chromium.Chromium.*`), which it removes only when it exits by itself. The profile links to
 * both the socket and a cookie that folder also holds: the same cookie shows the folder is this profile's.
 */
function removeProfile(profile: string): void {
  try {
    const socketDir = path.dirname(readlinkSync(path.join(profile, 'SingletonSocket')));
    if (readlinkSync(path.join(socketDir, 'SingletonCookie')) === readlinkSync(path.join(profile, 'SingletonCookie'))) {
      rmSync(socketDir, { recursive: true, force: true, maxRetries: 3 });
    }
  } catch {
    // No socket yet, or Chromium removed its folder itself.
  }
  rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
}
