/**
 * Several real Journeyroom processes on one PostgreSQL schema and one Redis key prefix (both fresh per test),
 * behind a test load balancer (tcp-proxy.ts). Needs TEST_DATABASE_URL and TEST_REDIS_URL.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { onTestFinished } from 'vitest';
import { dropSchema, freshSchema, TEST_DATABASE_URL } from './pg.js';
import { spawnServer, type Spawned } from './process.js';
import { tempDir } from './server.js';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.js';

/** The Redis test server, if configured. */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? '';

/** Deletes a test's Redis keys (its streams never expire on their own); a stopped private Redis has none left. */
async function deleteKeys(url: string, prefix: string): Promise<void> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const keys = await client.keys(`${prefix}:*`);
    if (keys.length > 0) await client.del(...keys);
  } catch {
    // The test stopped its private Redis: nothing to delete.
    return;
  } finally {
    client.disconnect();
  }
}

/** One instance of a cluster: its process (replaced on restart) and name. */
export interface Instance {
  name: string;
  proc: Spawned;
  alive: boolean;
}

/** A running cluster. */
export interface Cluster {
  instances: Instance[];
  /** the load balancer in front of the live instances */
  lb: TcpProxy;
  /** http://127.0.0.1:<lb port> and its ws form */
  url: string;
  wsUrl: string;
  schema: string;
  redisPrefix: string;
  /** kill -9 an instance (its whole process group) and wait for its exit */
  kill(index: number): Promise<void>;
  /** SIGTERM an instance and wait for its graceful exit */
  stop(index: number): Promise<void>;
  /** start (again) an instance on a new port */
  start(index: number): Promise<void>;
}

/** Options of startCluster. */
export interface ClusterOptions {
  /** default TEST_REDIS_URL */
  redisUrl?: string;
  /** default TEST_DATABASE_URL */
  databaseUrl?: string;
  /** extra environment for every instance */
  env?: Record<string, string>;
}

/** Starts `n` instances and a load balancer; everything is torn down (and the schema dropped) after the test. */
export async function startCluster(n: number, options: ClusterOptions = {}): Promise<Cluster> {
  const schema = freshSchema('cl');
  const redisPrefix = `jrtest-${randomBytes(5).toString('hex')}`;
  onTestFinished(() => dropSchema(schema));
  onTestFinished(() => deleteKeys(options.redisUrl ?? TEST_REDIS_URL, redisPrefix));
  const dir = await tempDir();
  const env = (name: string): Record<string, string> => ({
    DATABASE_URL: options.databaseUrl ?? TEST_DATABASE_URL,
    DATABASE_SCHEMA: schema,
    REDIS_URL: options.redisUrl ?? TEST_REDIS_URL,
    REDIS_PREFIX: redisPrefix,
    INSTANCE_ID: name,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    IDLE_UNLOAD_MS: '60000',
    ...options.env,
  });
  // Started together: the first to take PostgreSQL's advisory lock migrates, the others wait for it.
  const instances: Instance[] = await Promise.all(
    Array.from({ length: n }, async (_x, i) => {
      const name = `i${i}-${redisPrefix.slice(-4)}`;
      return { name, proc: await spawnServer(dir, env(name)), alive: true };
    }),
  );
  const lb = await startTcpProxy(() =>
    instances.filter((inst) => inst.alive).map((inst) => ({ host: '127.0.0.1', port: Number(new URL(inst.proc.url).port) })),
  );
  const url = `http://127.0.0.1:${lb.port}`;
  const cluster: Cluster = {
    instances,
    lb,
    url,
    wsUrl: `ws://127.0.0.1:${lb.port}/ws`,
    schema,
    redisPrefix,
    async kill(index) {
      const inst = instances[index]!;
      inst.alive = false;
      process.kill(-inst.proc.child.pid!, 'SIGKILL');
      await inst.proc.exited;
    },
    async stop(index) {
      const inst = instances[index]!;
      inst.alive = false;
      process.kill(-inst.proc.child.pid!, 'SIGTERM');
      await inst.proc.exited;
    },
    async start(index) {
      const inst = instances[index]!;
      inst.proc = await spawnServer(dir, env(inst.name));
      inst.alive = true;
    },
  };
  return cluster;
}
