/**
 * Gives memory back once the server has gone quiet. Unloaded rooms leave their Yjs structures as garbage in
 * V8's old space, and V8 collects old space only when JavaScript allocates again: an idle server would keep
 * that memory indefinitely (a heap snapshot after 200 board visits: 38 MiB used before its GC, 16 MiB after).
 * So after a stretch in which no room was loaded, following a time with rooms, run a full collection that compacts
 * every page, and another one check later. A plain full collection leaves old-space pages that are still partly
 * used as they are, and the young generation at the size load grew it to, for V8's memory reducer to shrink
 * 8-20 s later or not at all: after 500 board visits that was 22 MiB of old space for 13 MiB of live objects and
 * 32 MiB of young generation, RSS up to 124 MiB instead of 72 (docs/benchmarks.md). Each collection costs tens
 * of milliseconds on a server that has nothing else to do. A busy server never gets here: it collects as it
 * allocates.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import type { Logger } from '../logger.js';

/** How often the quiet check runs. */
export const IDLE_GC_CHECK_MS = 5_000;

/**
 * Collections per quiet period, one per check. V8 decides at each collection whether to shrink its young
 * generation (grown to 32 MiB under load), from its recent allocation rate: in the benchmark's traces the first
 * collection after load left it grown and the second, a check later, shrank it every time (docs/benchmarks.md).
 */
export const COLLECTIONS_PER_QUIET_PERIOD = 2;

/** What the idle collector watches. */
export interface IdleGcOptions {
  /** Rooms currently loaded. */
  roomCount: () => number;
  /**
   * Rooms loaded since start, a count that only grows. A check sees the rooms of its own instant only: boards
   * opened and left between two checks (short visits, each room unloaded as its last client leaves) would
   * otherwise look like a quiet server, and the collections would run in the middle of the churn, wasted.
   */
  roomLoads: () => number;
  /** Quiet time (no loaded room) before the collection; 0 disables the collector. */
  quietMs: number;
  logger: Logger;
}

/** A full, compacting collection; the gc function is obtained once without --expose-gc on the command line. */
function fullGc(): () => void {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  return () => {
    // Read by V8 at each full collection: on for this one only.
    v8.setFlagsFromString('--compact-on-every-full-gc');
    try {
      gc();
    } finally {
      v8.setFlagsFromString('--no-compact-on-every-full-gc');
    }
  };
}

/** Starts the collector; returns a stop function. */
export function startIdleGc({ roomCount, roomLoads, quietMs, logger }: IdleGcOptions): () => void {
  if (quietMs <= 0) return () => undefined;
  let collect: (() => void) | undefined;
  /** Collections still to run in this quiet period: rooms were loaded since the last ones. */
  let pending = 0;
  let quietSince = Date.now();
  let loadsSeen = roomLoads();
  const timer = setInterval(() => {
    const now = Date.now();
    const loads = roomLoads();
    if (roomCount() > 0 || loads !== loadsSeen) {
      loadsSeen = loads;
      pending = COLLECTIONS_PER_QUIET_PERIOD;
      quietSince = now;
      return;
    }
    if (pending === 0 || now - quietSince < quietMs) return;
    pending--;
    collect ??= fullGc();
    const before = process.memoryUsage();
    collect();
    const after = process.memoryUsage();
    logger.debug(
      { heapUsedBefore: before.heapUsed, heapUsedAfter: after.heapUsed, heapTotalBefore: before.heapTotal, heapTotalAfter: after.heapTotal, rssBefore: before.rss, rssAfter: after.rss },
      'idle: collected unloaded rooms',
    );
  }, Math.min(IDLE_GC_CHECK_MS, quietMs));
  timer.unref();
  return () => clearInterval(timer);
}
