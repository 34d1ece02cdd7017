import { defineConfig } from 'vitest/config';

// Unit and integration tests (real sockets, real SQLite files in temp dirs). Browser tests live in e2e/;
// the PostgreSQL/Redis suites in vitest.cluster.config.ts (npm run test:cluster).
export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'server/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/*.pg.test.ts', '**/*.redis.test.ts', 'test/cluster/**'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
