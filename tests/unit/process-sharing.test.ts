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

  const own: [string, string][] = [
    ['mocks a module', "vi.mock('node:fs', () => ({}));"],
    ['stubs the environment', "vi.stubEnv('NIANBAO_USER_CACHE', dir);"],
    ['sets the environment', "process.env.TZ = 'UTC';"],
    ['sets the environment by key', "process.env['NIANBAO_CACHE_DIR'] ??= dir;"],
    ['fakes timers', 'vi.useFakeTimers();'],
    ['changes the working folder', 'process.chdir(dir);'],
    ['handles a signal', "process.on('SIGTERM', stop);"],
    ['starts a program', "const r = spawnSync('pdftoppm', args);"],
    ['starts a program another way', "execFileSync('fc-list');"],
    ['runs the CLI', "const r = await runCliParsed(['check', dir]);"],
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
    for (const f of ['tests/build/incremental.test.ts', 'tests/web/county.browser.test.ts', 'tests/unit/store-stamps.test.ts', 'tests/unit/process-sharing.test.ts']) expect(sharing).not.toContain(f);
  });
});
