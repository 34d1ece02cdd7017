/**
 * Child processes of the benchmark (the built server through `scripts/start.mjs`, and the bare relay) with the
 * figures read from outside them: time from spawn to the listening line, CPU time and RSS from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { pinChild } from './pin-cores.js';

/** A process under measurement. */
export interface Target {
  url: string;
  proc: ChildProcess;
  /** milliseconds from spawn to the listening line on stdout */
  startMs: number;
  /** Date.now() at spawn: V8's traces (`--trace-gc`) count milliseconds from about then */
  spawnedAtEpochMs: number;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const CLOCK_TICKS_PER_S = 100;

async function spawnListening(args: string[], env: NodeJS.ProcessEnv, stdoutFile?: string): Promise<Target> {
  const started = performance.now();
  const spawnedAtEpochMs = Date.now();
  const proc = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  if (stdoutFile) proc.stdout?.pipe(createWriteStream(stdoutFile, { flags: 'a' }));
  pinChild(proc.pid);
  const url = await new Promise<string>((resolve, reject) => {
    let buffer = '';
    const onData = (chunk: Buffer): void => {
      buffer += chunk.toString();
      const match = /"url":"(http:\/\/[^"]+)"/.exec(buffer);
      if (match?.[1]) {
        proc.stdout?.off('data', onData);
        proc.stdout?.resume();
        resolve(match[1]);
      }
    };
    proc.stdout?.on('data', onData);
    proc.once('exit', (code) => reject(new Error(`${args.join(' ')} exited early with ${code}`)));
  });
  const startMs = Number((performance.now() - started).toFixed(1));
  return {
    url,
    proc,
    startMs,
    spawnedAtEpochMs,
    stop: (signal = 'SIGTERM') =>
      new Promise((resolve) => {
        if (proc.exitCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill(signal);
      }),
  };
}

/** Extra node flags for the server and relay processes, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile them. */
const SERVER_NODE_ARGS = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
const RELAY_NODE_ARGS = (process.env.BENCH_RELAY_NODE_ARGS ?? '').split(' ').filter(Boolean);
/** A file the server's stdout is appended to (its log, and V8's output for flags such as `--trace-deopt`, `--trace-gc`). */
const SERVER_STDOUT = process.env.BENCH_SERVER_STDOUT || undefined;

/** `node scripts/start.mjs` (the build is current: no rebuild) with PORT=0 and the given data dir. */
/**
 * The benchmark is one address creating hundreds of boards and joining thousands of members: the per-address
 * limits meant for the public would stop it, so they are raised (the limits themselves are tested elsewhere).
 */
const BENCH_LIMITS = { RATE_LIMIT_BOARDS_PER_MIN: '1000000', RATE_LIMIT_JOIN_LOOKUPS_PER_MIN: '1000000' } as const;

/** Opens the server's GET /metrics for the benchmark (serverHistograms): the server's own timings. */
const BENCH_METRICS_TOKEN = 'journeyroom-bench-metrics';

/**
 * The count and sum of every histogram series in the server's Prometheus text (`journeyroom_first_sync_seconds`
 * by source, `journeyroom_store_operation_seconds` by operation), keyed by name and labels without `instance`.
 */
export type Histograms = Map<string, { count: number; sum: number }>;

export async function serverHistograms(server: Target): Promise<Histograms> {
  const text = await (await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${BENCH_METRICS_TOKEN}` } })).text();
  const series = new Map<string, { count: number; sum: number }>();
  for (const match of text.matchAll(/^(\w+)_(sum|count)\{([^}]*)\} (\S+)$/gm)) {
    const labels = match[3]!.split(',').filter((l) => !l.startsWith('instance=')).join(',');
    const key = `${match[1]}{${labels}}`;
    const entry = series.get(key) ?? { count: 0, sum: 0 };
    entry[match[2] as 'sum' | 'count'] = Number(match[4]);
    series.set(key, entry);
  }
  return series;
}

/** What one series (`name{labels}`, as serverHistograms keys it) gained between two readings. */
export function histogramDelta(before: Histograms, after: Histograms, key: string): { count: number; sum: number } {
  const a = after.get(key) ?? { count: 0, sum: 0 };
  const b = before.get(key) ?? { count: 0, sum: 0 };
  return { count: a.count - b.count, sum: a.sum - b.sum };
}

export function startServer(dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<Target> {
  return spawnListening([...SERVER_NODE_ARGS, 'scripts/start.mjs'], { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', IDLE_UNLOAD_MS: '0', METRICS_TOKEN: BENCH_METRICS_TOKEN, ...BENCH_LIMITS, ...env }, SERVER_STDOUT);
}

/** The bare relay of scripts/bench/relay.mjs. */
export function startRelay(): Promise<Target> {
  return spawnListening([...RELAY_NODE_ARGS, 'scripts/bench/relay.mjs'], { PORT: '0', HOST: '127.0.0.1' });
}

/** The relay that also applies every update to its room's doc (scripts/bench/apply-relay.mjs). */
export function startApplyRelay(): Promise<Target> {
  return spawnListening([...RELAY_NODE_ARGS, 'scripts/bench/apply-relay.mjs'], { PORT: '0', HOST: '127.0.0.1' });
}

/** Resident set size of a process, in KiB. */
export async function rssKb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
}

/** User + system CPU time a process used so far, in milliseconds. */
export async function cpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces) start at state; utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_S;
}

/**
 * CPU time split by thread: the main thread (the event loop: JavaScript, and the system calls it makes) and all
 * the others (V8's GC and compiler helpers, the libuv pool that runs SQLite and fsync). Threads that ended are not
 * counted, so read this around a window in which none ends (the pool and V8's helpers live as long as the process).
 */
export async function threadCpuMs(pid: number): Promise<{ main: number; others: number }> {
  let main = 0;
  let others = 0;
  for (const tid of await readdir(`/proc/${pid}/task`)) {
    const stat = await readFile(`/proc/${pid}/task/${tid}/stat`, 'utf8').catch(() => '');
    if (!stat) continue;
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ms = ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_S;
    if (Number(tid) === pid) main += ms;
    else others += ms;
  }
  return { main, others };
}

/** Total CPU time of the machine (all cores, busy or idle) in ms: to report the load beside our figures. */
export async function machineLoad(): Promise<{ loadAvg1: number; busyShare: number }> {
  const read = async (): Promise<{ busy: number; total: number }> => {
    const line = (await readFile('/proc/stat', 'utf8')).split('\n')[0] ?? '';
    const values = line.trim().split(/\s+/).slice(1).map(Number);
    const total = values.reduce((a, b) => a + b, 0);
    const idle = (values[3] ?? 0) + (values[4] ?? 0);
    return { busy: total - idle, total };
  };
  const a = await read();
  await new Promise((r) => setTimeout(r, 1000));
  const b = await read();
  const loadAvg1 = Number((await readFile('/proc/loadavg', 'utf8')).split(' ')[0]);
  return { loadAvg1, busyShare: Number(((b.busy - a.busy) / Math.max(1, b.total - a.total)).toFixed(2)) };
}

/** The processes below `root` (children, grandchildren, …), with their command lines. */
export async function descendants(root: number): Promise<{ pid: number; cmdline: string }[]> {
  const parentOf = new Map<number, number>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    if (!stat) continue;
    // after the command name: state, then the parent's pid
    parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
  }
  const found: number[] = [];
  const walk = (pid: number): void => {
    for (const [child, parent] of parentOf) if (parent === pid) {
      found.push(child);
      walk(child);
    }
  };
  walk(root);
  return Promise.all(found.map(async (pid) => ({ pid, cmdline: (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).replaceAll('\0', ' ') })));
}

/** The Chromium processes this benchmark started (its descendants whose command line names chromium). */
export async function chromiumProcesses(): Promise<{ pid: number; cmdline: string }[]> {
  return (await descendants(process.pid)).filter((p) => p.cmdline.includes('chromium'));
}
