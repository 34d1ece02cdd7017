import { defineConfig } from 'vitest/config';

// Suites that need PostgreSQL (TEST_DATABASE_URL) and Redis (TEST_REDIS_URL): the store contract on PostgreSQL
// and the multi-instance cluster tests. `npm run test:cluster`; each test uses its own schema and key prefix.
export default defineConfig({
  test: {
    include: ['server/**/*.pg.test.ts', 'server/**/*.redis.test.ts', 'test/cluster/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
