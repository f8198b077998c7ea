import { globSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { processSharingFiles } from './tests/process-sharing.ts';

const TESTS = 'tests/**/*.test.ts';
// Files that only call nianbao's functions share a few long-lived processes (tests/process-sharing.ts).
const SHARING = processSharingFiles(globSync(TESTS).sort());

export default defineConfig({
  test: {
    // A folder for the builds of the sample project that several files share (tests/helpers/shared-builds.ts).
    globalSetup: ['tests/global-setup.ts'],
    // Real-tool tests (Chromium, LibreOffice) take seconds each, and many times that on a loaded
    // machine. The limits only stop a test that hangs; no test depends on them.
    testTimeout: 600_000,
    hookTimeout: 900_000,
    reporters: ['default'],
    // Much of the test time is spent waiting on child processes (Chromium, LibreOffice, nianbao
    // builds): four files at a time even on two cores, one a core on larger machines.
    maxWorkers: Math.max(4, availableParallelism()),
    projects: [
      // Each of these files keeps its own process (isolation on): no file can see another's state, whichever runs beside it.
      { extends: true, test: { name: 'own-process', include: [TESTS], exclude: SHARING, isolate: true } },
      { extends: true, test: { name: 'shared-process', include: SHARING, isolate: false } },
    ],
  },
});
