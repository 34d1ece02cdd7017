/**
 * POST /api/boards/:id/metrics (facilitator): imports a CSV of stage metrics (`stage,metric,value[,unit]`) into
 * the session doc, replacing the previous import. All-or-nothing: any bad row answers 400 with every error by
 * line and stores nothing. DELETE clears the metrics.
 * Accepts `text/csv` (not text/plain: that is a CSRF-able "simple" request) or JSON `{ "csv": "..." }`.
 */
import express, { type Router } from 'express';
import * as z from '../../shared/zod.js';
import { readStages } from '../../shared/board/read.js';
import { SESSION_ROOT } from '../../shared/session/schema.js';
import { setAllStageMetrics } from '../../shared/session/write.js';
import type { BoardStore } from '../persistence/board-store.js';
import { SERVER_ORIGIN } from '../rooms/room.js';
import { boardDocAddress, sessionDocAddress } from '../../shared/protocol.js';
import { withLiveDocs, type LiveDoc, type LiveDocs } from '../facilitation/live-docs.js';
import { METRICS_LIMITS, parseMetricsCsv } from '../metrics/parse-metrics-csv.js';
import { AppError } from '../app-error.js';
import { parseBody } from './errors.js';
import { requireRole, routeParam } from './route-helpers.js';
import { authorizeBoard } from './request-auth.js';

const jsonBodySchema = z.strictObject({ csv: z.string() });

export interface MetricsRoutesDeps {
  store: BoardStore;
  docs: LiveDocs;
}

/** Response of a successful import. */
export interface MetricsImportResponse {
  rows: number;
  stages: number;
}

/** The metrics router; mount at `/api/boards`. */
export function createMetricsRouter(deps: MetricsRoutesDeps): Router {
  const router = express.Router();
  const limit = `${METRICS_LIMITS.bytes / 1024}kb`;
  const csvBody = express.text({ type: 'text/csv', limit });
  const jsonBody = express.json({ limit: `${METRICS_LIMITS.bytes / 1024 + 16}kb`, strict: true });

  router.post('/:id/metrics', csvBody, jsonBody, async (req, res) => {
    const { board, role } = await authorizeBoard(deps.store, routeParam(req, 'id'), req);
    requireRole(role, ['facilitator'], 'import metrics');
    let text: string;
    if (req.is('text/csv')) text = typeof req.body === 'string' ? req.body : '';
    else if (req.is('application/json')) text = parseBody(jsonBodySchema, req.body).csv;
    else throw new AppError('unsupported_media_type', 'send the CSV as Content-Type: text/csv, or JSON { "csv": "..." }');

    const body = await withLiveDocs(deps.docs, [boardDocAddress(board.id), sessionDocAddress(board.id)], (lives) => {
      const [boardLive, sessionLive] = lives as [LiveDoc, LiveDoc];
      const result = parseMetricsCsv(text, readStages(boardLive.doc));
      if (!result.ok) {
        const n = result.errors.length;
        throw new AppError('invalid_body', `${n} ${n === 1 ? 'row has an error' : 'rows have errors'}; nothing was imported`, {
          details: { errors: result.errors },
        });
      }
      if (!sessionLive.isLive) throw new AppError('unavailable', 'the board was unloaded meanwhile; try again');
      // Replace the previous import: stages absent from this file lose their metrics.
      const byStage: Record<string, (typeof result.metrics)[string]> = {};
      sessionLive.doc.getMap(SESSION_ROOT.metrics).forEach((_value, stageId) => (byStage[stageId] = []));
      Object.assign(byStage, result.metrics);
      setAllStageMetrics(sessionLive.doc, byStage, SERVER_ORIGIN);
      const imported: MetricsImportResponse = { rows: result.rows, stages: Object.keys(result.metrics).length };
      return imported;
    });
    res.status(200).json(body);
  });

  router.delete('/:id/metrics', async (req, res) => {
    const { board, role } = await authorizeBoard(deps.store, routeParam(req, 'id'), req);
    requireRole(role, ['facilitator'], 'clear metrics');
    await withLiveDocs(deps.docs, [sessionDocAddress(board.id)], ([live]) => {
      if (!live) return;
      const cleared: Record<string, []> = {};
      live.doc.getMap(SESSION_ROOT.metrics).forEach((_value, stageId) => (cleared[stageId] = []));
      setAllStageMetrics(live.doc, cleared, SERVER_ORIGIN);
    });
    res.status(204).end();
  });

  return router;
}
