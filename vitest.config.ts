import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // A folder for the builds of the sample project that several files share (tests/helpers/shared-builds.ts).
    globalSetup: ['tests/global-setup.ts'],
    // Real-tool tests (Chromium, LibreOffice) take seconds each, and many times that on a loaded
    // machine. The limits only stop a test that hangs; no test depends on them.
    testTimeout: 600_000,
    hookTimeout: 900_000,
    reporters: ['default'],
    // Much of the test time is spent waiting on child processes (Chromium, LibreOffice, nianbao
    // builds): four files at a time even on two cores, one a core on larger machines. Each file
    // keeps its own process (isolation stays on): no file can see another's state, whichever runs beside it.
    maxWorkers: Math.max(4, availableParallelism()),
  },
});
