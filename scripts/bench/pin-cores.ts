/**
 * BENCH_PIN=1: the measured processes' main threads get a core of their own. On a 2-core machine the benchmark
 * process, its clients and the measured process otherwise share both cores, and a sampled profile of the server
 * (`--cpu-prof`) records its main thread's stack also while the thread waits for a core: the "self time" of a call
 * that woke another thread is then mostly waiting (docs/benchmarks.md). Pinned, each main thread (the server's, a
 * relay's: one runs at a time) has the last core alone, and every other thread (the benchmark, V8's helpers, libuv's
 * pool) the others, so a profile's samples are the main thread's own CPU, and its CPU per edit does not depend on
 * what else was scheduled beside it. Linux only (`taskset`, from util-linux); absolute figures differ from an
 * unpinned run, so compare ratios within one run as always.
 */
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { readdirSync } from 'node:fs';

const PIN = process.env.BENCH_PIN === '1';
/** The core the measured main threads run on, and the list of the others. */
const LAST = availableParallelism() - 1;
const OTHERS = LAST > 0 ? `0-${LAST - 1}` : '0';

/** How often a child's threads are looked at again: a thread started later (libuv's pool) joins the others. */
const REPIN_MS = 500;

function taskset(cores: string, tid: number | string, all = false): void {
  try {
    execFileSync('taskset', [...(all ? ['-a'] : []), '-p', '-c', cores, String(tid)], { stdio: 'ignore' });
  } catch {
    // The thread ended meanwhile, or taskset is missing (said once, at start).
  }
}

/** Puts the benchmark process (every thread of it) on the other cores; children inherit that until pinned. */
export function pinBenchmark(): void {
  if (!PIN) return;
  if (LAST === 0) throw new Error('BENCH_PIN=1 needs at least two cores');
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' });
  } catch {
    throw new Error('BENCH_PIN=1 needs taskset (util-linux)');
  }
  taskset(OTHERS, process.pid, true);
}

/**
 * Pins a child's main thread to the last core and its other threads to the others, now and every REPIN_MS until
 * it exits. Does nothing without BENCH_PIN=1.
 */
export function pinChild(pid: number | undefined): void {
  if (!PIN || pid === undefined) return;
  const seen = new Set<string>();
  const pin = (): void => {
    let tids: string[];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      clearInterval(timer);
      return;
    }
    for (const tid of tids) {
      if (seen.has(tid)) continue;
      seen.add(tid);
      taskset(tid === String(pid) ? String(LAST) : OTHERS, tid);
    }
  };
  const timer = setInterval(pin, REPIN_MS);
  timer.unref();
  pin();
}
