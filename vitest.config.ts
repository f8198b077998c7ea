import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Real-tool tests (Chromium, LibreOffice) take seconds each.
    testTimeout: 120_000,
    hookTimeout: 300_000,
    reporters: ['default'],
  },
});
