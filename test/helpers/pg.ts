/**
 * PostgreSQL for tests: TEST_DATABASE_URL names the server; every fixture gets its own schema (dropped after),
 * so runs and parallel test files never collide. Without a reachable server the suites skip with a message.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { PgStore } from '../../server/persistence/pg/pg-store.js';

/** The PostgreSQL test server, if configured. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? '';

/** Why the PostgreSQL suites cannot run here, or undefined when they can (checked once per file). */
export async function pgUnavailable(): Promise<string | undefined> {
  if (!TEST_DATABASE_URL) return 'TEST_DATABASE_URL is not set';
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return `PostgreSQL at TEST_DATABASE_URL is unreachable (${(error as Error).message})`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A fresh schema name for one test. */
export function freshSchema(tag = 't'): string {
  return `jr_${tag}_${randomBytes(6).toString('hex')}`;
}

/** Drops a test schema and everything in it. */
export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

/** Opens a PgStore on a fresh schema; `cleanup` closes it and drops the schema. */
export async function openTestPgStore(schema = freshSchema()): Promise<{ store: PgStore; schema: string; cleanup: () => Promise<void> }> {
  const store = await PgStore.open({ connectionString: TEST_DATABASE_URL, schema });
  return {
    store,
    schema,
    cleanup: async () => {
      await store.close();
      await dropSchema(schema);
    },
  };
}

/** The message printed when a suite is skipped. */
export function skipNotice(suite: string, reason: string): string {
  return `${suite} skipped: ${reason}. Run it with TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test TEST_REDIS_URL=redis://127.0.0.1:6379 npm run test:cluster`;
}
