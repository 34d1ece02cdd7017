/**
 * GET /metrics in the Prometheus text format. Off unless METRICS_TOKEN is set (answers 404, like any unknown
 * path), then only with `Authorization: Bearer <METRICS_TOKEN>`: the figures name boards' activity and must
 * not be public by default.
 */
import { timingSafeEqual } from 'node:crypto';
import express, { type Router } from 'express';
import type { ServerMetrics } from '../observability/metrics.js';
import { AppError } from '../app-error.js';

function tokenMatches(header: string | undefined, token: string): boolean {
  const presented = Buffer.from(header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : '');
  const expected = Buffer.from(token);
  // Length first (timingSafeEqual needs equal lengths); the length of a 16+ character token is no secret.
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}

/** The /metrics route. */
export function prometheusRoutes(metrics: ServerMetrics, token: string | undefined): Router {
  const router = express.Router();
  router.get('/metrics', async (req, res) => {
    if (!token) throw new AppError('not_found', 'metrics are off; set METRICS_TOKEN to enable them');
    if (!tokenMatches(req.get('authorization'), token)) {
      res.set('WWW-Authenticate', 'Bearer realm="metrics"');
      throw new AppError('unauthorized', 'send Authorization: Bearer <METRICS_TOKEN>');
    }
    const { contentType, body } = await metrics.render();
    res.status(200).set('Content-Type', contentType).set('Cache-Control', 'no-store').send(body);
  });
  return router;
}
