/**
 * The cluster case of the benchmark: the same fan-out load (one room) on one instance and with the room's
 * clients spread over two instances, both in the scale-out mode (PostgreSQL + Redis), run back to back; and the
 * Redis commands each run cost, counted on a private redis-server started for it (INFO commandstats).
 * Needs BENCH_DATABASE_URL (a PostgreSQL where a throw-away schema may be created) and `redis-server` on PATH.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { Redis } from 'ioredis';
import pg from 'pg';
import { fanOut } from './fan-out.js';
import { sleep } from './clients.js';
import { startServer, type Target } from './processes.js';

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Command counts since the last reset. */
async function commandStats(redis: Redis): Promise<Record<string, number>> {
  const info = await redis.info('commandstats');
  const counts: Record<string, number> = {};
  for (const m of info.matchAll(/cmdstat_(\w+):calls=(\d+)/g)) counts[m[1]!] = Number(m[2]);
  delete counts.info;
  delete counts.config;
  return counts;
}

/** Runs the fan-out on `instances` (1 or 2) and reports latency, CPU and Redis commands per edit. */
async function measure(instances: Target[], redis: Redis, clients: number, edits: number) {
  await redis.config('RESETSTAT');
  const run = await fanOut({ kind: 'server', target: instances[0]!, spread: instances }, 1, clients, edits, 250);
  const stats = await commandStats(redis);
  const total = Object.values(stats).reduce((a, b) => a + b, 0);
  const editsMade = clients * edits;
  return {
    instances: instances.length,
    ...run,
    redis: {
      commands: stats,
      // Includes the joins, presence and first syncs of the run, not only the edits.
      commandsPerEdit: Number((total / editsMade).toFixed(2)),
      xaddPerEdit: Number(((stats.xadd ?? 0) / editsMade).toFixed(2)),
      xreadPerEdit: Number(((stats.xread ?? 0) / editsMade).toFixed(2)),
    },
  };
}

/** The cluster comparison, or why it was skipped. */
export async function clusterCase(dataDir: string, clients: number, edits: number): Promise<Record<string, unknown>> {
  const databaseUrl = process.env.BENCH_DATABASE_URL;
  if (!databaseUrl) return { skipped: 'set BENCH_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test) to run the cluster case' };
  const port = await freePort();
  const redisProc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const redis = new Redis({ port, host: '127.0.0.1', protocol: 2, lazyConnect: true });
  redis.on('error', () => undefined);
  const schema = `jr_bench_${randomBytes(4).toString('hex')}`;
  const env = { DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema, REDIS_URL: `redis://127.0.0.1:${port}`, REDIS_PREFIX: 'bench', LOG_LEVEL: 'warn' };
  const started: Target[] = [];
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await redis.connect();
        break;
      } catch (error) {
        if (attempt > 50) throw error;
        // The private redis-server is still starting: drop ioredis' own reconnecting and try again.
        redis.disconnect();
        await sleep(100);
      }
    }
    const single = await startServer(dataDir, { ...env, INSTANCE_ID: 'bench-1' });
    started.push(single);
    const oneInstance = await measure([single], redis, clients, edits);
    const second = await startServer(dataDir, { ...env, INSTANCE_ID: 'bench-2' });
    started.push(second);
    const twoInstances = await measure([single, second], redis, clients, edits);
    return { oneInstance, twoInstances };
  } finally {
    for (const target of started) await target.stop('SIGTERM');
    redis.disconnect();
    redisProc.kill('SIGKILL');
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  }
}
