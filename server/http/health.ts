/** GET /healthz (ok or degraded with the last write error) and GET /api/time (server clock for skew correction). */
import express, { type Router } from 'express';
import type { HealthResponse } from '../../shared/api.js';
import type { RoomRegistry } from '../rooms/registry.js';

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

/** Health and time routes (mounted at the root). */
export function healthRoutes(registry: RoomRegistry, queue: HealthSource): Router {
  const router = express.Router();
  router.get('/healthz', (_req, res) => {
    const body: HealthResponse = {
      status: queue.degraded ? 'degraded' : 'ok',
      rooms: registry.roomCount,
      connections: registry.connectionTotal,
      pendingUpdates: queue.pendingUpdates,
      memory: { rssBytes: process.memoryUsage.rss(), heapUsedBytes: process.memoryUsage().heapUsed },
    };
    if (queue.degraded) body.lastWriteError = describe(queue.lastError);
    res.status(queue.degraded ? 503 : 200).set('Cache-Control', 'no-store').json(body);
  });
  router.get('/api/time', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ now: Date.now() });
  });
  return router;
}
