/**
 * What the server bundle leaves out of its start still works on first use, through the built bundle
 * (scripts/bundle-server.mjs): rate-limiter-flexible reduced to the three classes the server uses (board creation
 * and credential guesses are still limited), qs and @opentelemetry/api as stand-ins that load the real package on
 * first call (the metrics, default process metrics included, still render), and pino inside the bundle (JSON
 * lines, and pino-pretty's lines with LOG_FORMAT=pretty). And the built entry runs the server through V8's code
 * cache (server/boot/code-cache.ts): made at build time by scripts/warm-start-cache.mjs, used by the next start, and
 * made again by a start that finds it damaged.
 */
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createBoard } from '../helpers/api.js';
import { spawnServer } from '../helpers/process.js';
import { tempDir } from '../helpers/server.js';
import { useTestBundle } from '../helpers/bundle.js';

const TOKEN = 'metrics-token-0123456789';

/** Runs `entry` with `env` into a pipe until a whole line matches `until` (the listening line); returns what it printed by then. */
async function firstLines(entry: string, env: Record<string, string>, until = /listening on http/): Promise<string> {
  const dataDir = await tempDir();
  const child = spawn('node', [entry], { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, CLIENT_DIR: dataDir, LOG_LEVEL: 'info', ...env } });
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null && child.pid) process.kill(-child.pid, 'SIGKILL');
  });
  return new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (until.test(out) && out.endsWith('\n')) resolve(out);
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
}

describe('built server bundle: what is left out of the start', { timeout: 120_000 }, () => {
  const bundleMain = useTestBundle();

  it('holds neither the rate limiter stores it does not use nor qs nor the OpenTelemetry API, and holds pino', async () => {
    const dir = path.dirname(bundleMain());
    const text = (await Promise.all(['main.js', 'server.cjs'].map((name) => fs.readFile(path.join(dir, name), 'utf8')))).join('\n');
    expect(text).toContain('RateLimiterMemory');
    for (const absent of ['RateLimiterMongo', 'RateLimiterCluster', 'getSideChannel', 'quoteStyle', 'ProxyTracerProvider']) expect(text, absent).not.toContain(absent);
    // pino is inside, not imported from node_modules.
    expect(text).not.toMatch(/from\s*["']pino["']/);
  });

  it('keeps the sources’ names without renaming functions at run time', async () => {
    const text = await fs.readFile(path.join(path.dirname(bundleMain()), 'server.cjs'), 'utf8');
    // Identifiers are not minified: the classes are named as in the sources (logs, stack traces).
    expect(text).toMatch(/\bAppError\s*=\s*class\b/);
    expect(text).toMatch(/\bWriteQueueError\s*=\s*class\b/);
    // esbuild's keepNames helper renames every named closure as it is created, per request and per update too;
    // that kept V8 throwing away its optimised code of Yjs's hot paths (scripts/bundle-server.mjs).
    // Its helper, minified or not: `(fn, value) => defineProperty(fn, "name", { value, configurable: true })`.
    expect(text).not.toMatch(/"name",\s*\{\s*value(?::\s*\w+)?,\s*configurable:\s*(?:!0|true)\s*\}/);
  });

  it('limits board creation and credential guesses per address', async () => {
    const s = await spawnServer(await tempDir(), { RATE_LIMIT_BOARDS_PER_MIN: '2', AUTH_FAILURES_PER_WINDOW: '2' }, [bundleMain()]);
    const create = (): Promise<Response> =>
      fetch(`${s.url}/api/boards`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'Limited' }) });
    const board = (await (await create()).json()) as { id: string };
    expect((await create()).status).toBe(201);
    const refused = await create();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    const guess = (i: number): Promise<Response> => fetch(`${s.url}/api/boards/${board.id}`, { headers: { authorization: `Bearer ${`guess-${i}`.padEnd(43, 'x')}` } });
    expect((await guess(0)).status).toBe(401);
    expect((await guess(1)).status).toBe(401);
    expect((await guess(2)).status).toBe(429);
  });

  it('renders the metrics, the default process metrics included, and answers queries', async () => {
    const s = await spawnServer(await tempDir(), { METRICS_TOKEN: TOKEN }, [bundleMain()]);
    await createBoard(s.url);
    const body = await (await fetch(`${s.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
    for (const name of ['journeyroom_process_process_cpu_user_seconds_total', 'journeyroom_process_nodejs_eventloop_lag_seconds', 'journeyroom_connections', 'journeyroom_store_operation_seconds_bucket']) {
      expect(body, name).toMatch(new RegExp(`^${name}[{ ]`, 'm'));
    }
    expect((await fetch(`${s.url}/api/time?a[b]=1&c=2`)).status).toBe(200);
  });

  it('logs JSON lines, or pino-pretty lines with LOG_FORMAT=pretty', async () => {
    const json = (await firstLines(bundleMain(), {})).split('\n').find((l) => l.includes('listening on'));
    expect(JSON.parse(json ?? '')).toMatchObject({ level: 30, service: 'journeyroom', msg: expect.stringMatching(/^Journeyroom listening on http:/) });
    const pretty = (await firstLines(bundleMain(), { LOG_FORMAT: 'pretty' })).split('\n').find((l) => l.includes('listening on'));
    expect(pretty).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: Journeyroom listening on http:/);
  });

  it('starts from the code cache made at build time, and makes a new one when it finds it damaged', async () => {
    const dir = path.dirname(bundleMain());
    const caches = async (): Promise<string[]> => (await fs.readdir(dir)).filter((name) => name.endsWith('.v8-cache'));
    for (const name of await caches()) await fs.rm(path.join(dir, name));
    await promisify(execFile)('node', ['scripts/warm-start-cache.mjs', dir]);
    const made = await caches();
    expect(made).toHaveLength(1);
    expect(made[0]).toMatch(/^server-[0-9a-f]{16}\.v8-cache$/);

    const listening = (out: string): Record<string, unknown> => JSON.parse(out.split('\n').find((l) => l.includes('listening on')) ?? '') as Record<string, unknown>;
    expect(listening(await firstLines(bundleMain(), {}))).toMatchObject({ codeCache: 'used' });

    const file = path.join(dir, made[0] ?? '');
    const damaged = await fs.readFile(file);
    damaged.fill(0, damaged.length - 1000);
    await fs.writeFile(file, damaged);
    const out = await firstLines(bundleMain(), {}, /"codeCache":"saved"/);
    expect(listening(out)).toMatchObject({ codeCache: 'rejected' });
    expect(await caches()).toEqual(made);
    const s = await spawnServer(await tempDir(), {}, [bundleMain()]);
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
    expect(listening(await firstLines(bundleMain(), {}))).toMatchObject({ codeCache: 'used' });
  });
});
