/**
 * Which test files may share a worker process with other files. A file that only calls nianbao's
 * functions on data, or runs programs in processes of their own — no browser, no build, no server,
 * no worker thread, no module mocked, no environment, working folder, timer or signal changed, no
 * look at this process's own children — sees nothing of the files run before it in the same
 * process but the modules they loaded. Such files run in a few long-lived processes (vitest's
 * `isolate: false`): each file no longer pays for a process of its own and for loading nianbao's
 * modules again (measured: 86 files that only call functions, 188 → 92 s of CPU; 16 that run
 * programs, 30 → 22 s in the test processes). A program the file starts and waits for (the CLI, a
 * converter) leaves nothing in the test process; a look at this process's children would see
 * another file's. Every other file keeps its own process. The test is on the file's text, so a
 * file that starts doing one of these things moves to a process of its own by itself.
 */
import { readFileSync } from 'node:fs';

/** What makes a file need a process of its own: state it changes, or browsers, servers and builds whose state it would share. */
const OWN_PROCESS_SIGNS: readonly RegExp[] = [
  // Module mocks, stubs and fake timers change what the next file would load or see.
  /\bvi\.(mock|doMock|unmock|resetModules|stubEnv|stubGlobal|useFakeTimers|hoisted)\b/,
  // The environment, working folder, signal handlers and the process itself.
  /process\.env(\.\w+|\[[^\]]+\])\s*(=[^=]|\?\?=|\|\|=)/,
  /delete process\.env/,
  /process\.(chdir|on|once|kill|exit)\(/,
  // A look at this process's own children (`ps --ppid`, tests/helpers/processes.ts), which would see another file's.
  /--ppid|\bprocesses\(/,
  // Browsers, servers, worker threads and whole builds, whose state the next file would share.
  /\b(launchBrowser|printTab|sharedBuild|buildPages|serveStatic|Piscina|threadPool)\b/,
  /puppeteer|libreoffice|nginx|apache|worker_threads/,
  /from '(\.\.\/)+src\/build\/build\.ts'/,
  // The in-process CLI (tests/helpers/in-process-cli.ts) sets NO_COLOR and captures the output streams.
  /in-process-cli|\/run-cli\.ts'/,
];

/** Whether a test file with this text may share a process with other such files. */
export function sharesProcess(text: string): boolean {
  return !OWN_PROCESS_SIGNS.some((sign) => sign.test(text));
}

/** The files among `files` (paths from the repository's root) that may share a process. */
export function processSharingFiles(files: readonly string[]): string[] {
  return files.filter((file) => sharesProcess(readFileSync(file, 'utf8')));
}
