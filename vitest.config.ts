import { defineConfig } from 'vitest/config';

// Unit and integration tests (real sockets, real SQLite files in temp dirs). Browser tests live in e2e/.
export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'server/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
