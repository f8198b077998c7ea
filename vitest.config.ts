import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // A folder for the builds of the sample project that several files share (tests/helpers/shared-builds.ts).
    globalSetup: ['tests/global-setup.ts'],
    // Real-tool tests (Chromium, LibreOffice) take seconds each.
    testTimeout: 120_000,
    hookTimeout: 300_000,
    reporters: ['default'],
  },
});
