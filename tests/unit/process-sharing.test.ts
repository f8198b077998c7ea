/** Which test files share worker processes (tests/process-sharing.ts), and that vitest runs them so. */
import { globSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import config from '../../vitest.config.ts';
import { processSharingFiles, sharesProcess } from '../process-sharing.ts';

const file = (...lines: string[]) => ["import { expect, it } from 'vitest';", ...lines].join('\n');

describe('a test file shares a process', () => {
  it('when it only calls functions on data, string methods such as RegExp.exec included', () => {
    expect(sharesProcess(file("import { lintReport } from '../../src/lint/index.ts';", "it('x', () => expect(/a/.exec('a')).toBeTruthy());"))).toBe(true);
  });

  // A program started and waited for runs in a process of its own and leaves nothing in the test's.
  const programs: [string, string][] = [
    ['starts a program', "const r = spawnSync('pdftoppm', args);"],
    ['starts a program another way', "execFileSync('fc-list');"],
    ['runs the CLI', "const r = await runCliParallel(['check', dir]);"],
    ['names its own files by its pid', 'const mine = readdirSync(tmpdir()).filter((n) => n.includes(String(process.pid)));'],
  ];
  for (const [what, line] of programs) {
    it(`when it ${what}`, () => expect(sharesProcess(file(line))).toBe(true));
  }

  const own: [string, string][] = [
    ['mocks a module', "vi.mock('node:fs', () => ({}));"],
    ['stubs the environment', "vi.stubEnv('NIANBAO_USER_CACHE', dir);"],
    ['sets the environment', "process.env.TZ = 'UTC';"],
    ['sets the environment by key', "process.env['NIANBAO_CACHE_DIR'] ??= dir;"],
    ['fakes timers', 'vi.useFakeTimers();'],
    ['changes the working folder', 'process.chdir(dir);'],
    ['handles a signal', "process.on('SIGTERM', stop);"],
    ['looks at its own child processes', "execFileSync('ps', ['-o', 'comm=', '--ppid', String(process.pid)]);"],
    ['lists its own child processes', 'const mine = processes().filter((p) => p.ppid === process.pid);'],
    ['starts worker threads', "const pool = threadPool(new URL('./worker.ts', import.meta.url), 1, needs);"],
    ['runs the CLI in its own process', "import { runInProcess } from '../helpers/in-process-cli.ts';"],
    ['launches a browser', 'const b = await launchBrowser();'],
    ['uses a shared build', "const { dist } = await sharedBuild('ndbg');"],
    ['serves a site', 'server = await serveStatic(dist, BASE);'],
    ['builds', "import { build } from '../../src/build/build.ts';"],
    ['drives LibreOffice', "import { libreofficePdf } from './libreoffice.ts';"],
  ];
  for (const [what, line] of own) {
    it(`not when it ${what}`, () => expect(sharesProcess(file(line))).toBe(false));
  }
});

describe('the suite', () => {
  it('runs the sharing files without isolation and every other file in a process of its own', () => {
    const projects = config.test!.projects as { test: { name: string; include: string[]; exclude?: string[]; isolate: boolean } }[];
    const shared = projects.find((p) => p.test.name === 'shared-process')!.test;
    const own = projects.find((p) => p.test.name === 'own-process')!.test;
    const sharing = processSharingFiles(globSync('tests/**/*.test.ts').sort());
    expect(shared.isolate).toBe(false);
    expect(shared.include).toEqual(sharing);
    expect(own.isolate).toBe(true);
    expect(own.exclude).toEqual(sharing);
    // Most pure tests share; none that builds, prints or mocks does.
    expect(sharing.length).toBeGreaterThan(50);
    for (const f of ['tests/build/incremental.test.ts', 'tests/web/county.browser.test.ts', 'tests/unit/store-stamps.test.ts', 'tests/unit/process-sharing.test.ts', 'tests/unit/search-begun.test.ts', 'tests/integrity/verify-servers.test.ts']) expect(sharing).not.toContain(f);
    // Files that only run the CLI share.
    for (const f of ['tests/content/status.test.ts', 'tests/conform/cli.test.ts']) expect(sharing).toContain(f);
  });
});
