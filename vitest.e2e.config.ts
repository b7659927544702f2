import { defineConfig } from 'vitest/config';

// The real-browser suite: one Chromium at a time on a 2-core machine, generous time-outs.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
