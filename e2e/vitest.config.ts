import { defineConfig } from 'vitest/config';

// Browser tests: the real server in-process, the built client (npm run build), Debian's Chromium via
// playwright-core. One file at a time: each starts a browser, and the machine is shared.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
  },
});
