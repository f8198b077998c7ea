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
  },
});
