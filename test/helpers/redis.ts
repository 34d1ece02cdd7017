/**
 * A private redis-server for tests that stop Redis or count its commands (never the machine's shared one):
 * started on a free port with nothing kept on disk, killed after the test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { Redis } from 'ioredis';
import { onTestFinished } from 'vitest';
import { waitFor } from './clients.js';

/** A private Redis that can be stopped and started again on the same port. */
export interface PrivateRedis {
  url: string;
  port: number;
  /** kill -9 the server (everything in it is gone: nothing is kept on disk) */
  stop(): Promise<void>;
  /** start it again on the same port, empty */
  start(): Promise<void>;
  /** a client for inspecting it (INFO, XRANGE); closed after the test */
  client(): Redis;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Starts a private redis-server (needs `redis-server` on PATH). */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const clients: Redis[] = [];
  const ping = async (): Promise<boolean> => {
    const probe = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on('error', () => undefined);
    try {
      await probe.connect();
      return (await probe.ping()) === 'PONG';
    } catch {
      return false;
    } finally {
      probe.disconnect();
    }
  };
  const redis: PrivateRedis = {
    port,
    url: `redis://127.0.0.1:${port}`,
    async start() {
      child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
      await waitFor(ping, `private redis on ${port}`);
    },
    async stop() {
      const running = child;
      child = undefined;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGKILL');
      await exited;
    },
    client() {
      const c = new Redis({ port, host: '127.0.0.1', protocol: 2 });
      c.on('error', () => undefined);
      clients.push(c);
      return c;
    },
  };
  onTestFinished(async () => {
    for (const c of clients) c.disconnect();
    await redis.stop();
  });
  await redis.start();
  return redis;
}
