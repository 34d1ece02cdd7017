/** GET /healthz (ok or degraded with the last write error) and GET /api/time (server clock for skew correction). */
import express, { type Router } from 'express';
import type { HealthResponse } from '../../shared/api.js';
import type { RoomRegistry } from '../rooms/registry.js';
import type { BusStatus } from '../scale/bus.js';

/** Longest wait for the store's answer before /healthz reports it down. */
export const STORE_PING_TIMEOUT_MS = 1_000;

/** What health asks the store and the bus (scale-out); the embedded defaults always answer. */
export interface HealthChecks {
  storeKind: 'sqlite' | 'postgres';
  pingStore: () => Promise<boolean>;
  bus: () => BusStatus;
}

/** Pings with a deadline: a store that hangs counts as down. */
async function pingWithin(ping: () => Promise<boolean>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([ping().catch(() => false), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** What health reports about storage. */
export interface HealthSource {
  readonly degraded: boolean;
  readonly lastError: unknown;
  readonly pendingUpdates: number;
}

function describe(error: unknown): string | undefined {
  if (!error) return undefined;
  const code = (error as { code?: unknown }).code;
  // Error codes and class names only: messages may carry file paths.
  return typeof code === 'string' ? code : error instanceof Error ? error.name : 'write failed';
}

/** The process's memory for /healthz (one process.memoryUsage() call). */
function memoryNow(): HealthResponse['memory'] {
  const usage = process.memoryUsage();
  return { rssBytes: usage.rss, heapUsedBytes: usage.heapUsed, heapTotalBytes: usage.heapTotal };
}

/**
 * Health and time routes (mounted at the root). Degraded (503) while commits fail, the store does not answer,
 * or the Redis link is down: the instance still serves its clients, and a load balancer can prefer others.
 */
export function healthRoutes(registry: RoomRegistry, queue: HealthSource, checks?: HealthChecks): Router {
  const router = express.Router();
  router.get('/healthz', async (_req, res) => {
    const storeOk = checks ? await pingWithin(checks.pingStore, STORE_PING_TIMEOUT_MS) : true;
    const bus = checks?.bus();
    const degraded = queue.degraded || !storeOk || bus?.state === 'down';
    const body: HealthResponse = {
      status: degraded ? 'degraded' : 'ok',
      rooms: registry.roomCount,
      connections: registry.connectionTotal,
      pendingUpdates: queue.pendingUpdates,
      memory: memoryNow(),
    };
    if (queue.degraded) body.lastWriteError = describe(queue.lastError);
    if (checks) body.store = { kind: checks.storeKind, ok: storeOk };
    if (bus) body.redis = { state: bus.state, lagMs: bus.lagMs };
    res.status(degraded ? 503 : 200).set('Cache-Control', 'no-store').json(body);
  });
  router.get('/api/time', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ now: Date.now() });
  });
  return router;
}
