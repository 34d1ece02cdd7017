/**
 * GET /api/boards/:id/export.<md|csv|json|html|pdf|svg|png>?token=…[&checkpoint=<id>][&inline=1]
 * Builds one Summary from the live board (or a checkpoint) and renders it in the asked format, so formats
 * never disagree. Facilitator and participant links may export; the projector link may not.
 */
import express, { type Request, type Router } from 'express';
import { readBoard, type BoardSnapshot } from '../../shared/board/snapshot.js';
import { idSchema } from '../../shared/board/schema.js';
import { buildSummary, type SummaryInput } from '../../shared/board/summary.js';
import { readSession } from '../../shared/session/read.js';
import type { CheckpointInfo } from '../../shared/session/schema.js';
import { EXPORT_FORMATS, contentDisposition, isExportFormat, renderExport, type ExportFormat } from '../export/index.js';
import type { Logger } from '../logger.js';
import type { BoardStore } from '../persistence/board-store.js';
import { sinceForBoard } from '../series/compare-sides.js';
import { docFromState } from '../session/checkpoint.js';
import { boardDocAddress } from '../../shared/protocol.js';
import { withLiveDocs, type LiveDocs } from '../session/live-docs.js';
import { summaryContext } from '../session/summary-context.js';
import { AppError } from '../app-error.js';
import { requireRole, routeParam } from './route-helpers.js';
import { authorizeBoard } from './request-auth.js';

/** PDF and PNG renders are CPU- and memory-heavy (seconds on a big board): at most this many at once. */
export const MAX_HEAVY_EXPORTS = 2;
const HEAVY_FORMATS: ReadonlySet<ExportFormat> = new Set(['pdf', 'png']);

/** CSP of an exported HTML page: no scripts at all, inline styles and data: images only. */
const EXPORT_HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'";

export interface ExportRoutesDeps {
  store: BoardStore;
  docs: LiveDocs;
  logger: Logger;
  /** open attendance sessions, so people still connected count until now */
  liveVisitIds: () => ReadonlySet<number>;
  now?: () => number;
}

/** Reads the live board, its session, attendance and checkpoints into a SummaryInput. */
async function liveInput(deps: ExportRoutesDeps, boardId: string, generatedAt: number): Promise<{ input: SummaryInput; snapshot: BoardSnapshot }> {
  const snapshot = await withLiveDocs(deps.docs, [boardDocAddress(boardId)], ([live]) => readBoard(live!.doc));
  const context = await summaryContext(boardId, { store: deps.store, docs: deps.docs, now: generatedAt, liveVisitIds: deps.liveVisitIds() });
  // A follow-up session's summary opens with what changed since the previous one (SUM-SINCE-1).
  const since = await sinceForBoard(deps.store, deps.docs, boardId, { board: snapshot, session: context.session });
  return { snapshot, input: { board: snapshot, ...context, generatedAt, ...(since ? { since } : {}) } };
}

/** Reads a stored checkpoint (board and session as they were) into a SummaryInput; attendance as of the checkpoint. */
async function checkpointInput(
  deps: ExportRoutesDeps,
  boardId: string,
  checkpointId: string,
  generatedAt: number,
): Promise<{ input: SummaryInput; snapshot: BoardSnapshot }> {
  const record = await deps.store.getCheckpoint(boardId, checkpointId);
  if (!record) throw new AppError('not_found', 'checkpoint not found');
  const boardDoc = docFromState(record.boardState);
  const sessionDoc = docFromState(record.sessionState);
  try {
    const snapshot = readBoard(boardDoc);
    const context = await summaryContext(boardId, { store: deps.store, docs: deps.docs, now: record.createdAt, liveVisitIds: new Set() });
    const checkpoint: CheckpointInfo = { id: record.id, name: record.name, createdAt: record.createdAt };
    return {
      snapshot,
      input: {
        board: snapshot,
        session: readSession(sessionDoc),
        attendance: context.attendance,
        checkpoints: context.checkpoints.filter((c) => c.createdAt <= record.createdAt),
        generatedAt,
        checkpoint,
      },
    };
  } finally {
    boardDoc.destroy();
    sessionDoc.destroy();
  }
}

function queryString(req: Request, name: string): string | undefined {
  const value = req.query[name];
  return typeof value === 'string' ? value : undefined;
}

/** The export router; mount at `/api/boards`. */
export function createExportRouter(deps: ExportRoutesDeps): Router {
  const router = express.Router();
  const now = deps.now ?? Date.now;
  let heavyInFlight = 0;

  router.get('/:id/export.:format', async (req, res) => {
    const format = routeParam(req, 'format') ?? '';
    const { board, role } = await authorizeBoard(deps.store, routeParam(req, 'id'), req);
    if (!isExportFormat(format)) {
      throw new AppError('not_found', `unknown export format; use one of ${EXPORT_FORMATS.join(', ')}`);
    }
    requireRole(role, ['facilitator', 'participant'], 'export the board');
    const checkpointId = queryString(req, 'checkpoint');
    if (checkpointId !== undefined && !idSchema.safeParse(checkpointId).success) {
      throw new AppError('not_found', 'checkpoint not found');
    }
    const heavy = HEAVY_FORMATS.has(format);
    if (heavy && heavyInFlight >= MAX_HEAVY_EXPORTS) {
      res.set('Retry-After', '5');
      throw new AppError('unavailable', `the server is rendering other ${format.toUpperCase()} exports; try again in a few seconds`);
    }
    if (heavy) heavyInFlight++;
    try {
      const generatedAt = now();
      const { input, snapshot } = checkpointId
        ? await checkpointInput(deps, board.id, checkpointId, generatedAt)
        : await liveInput(deps, board.id, generatedAt);
      const summary = buildSummary(input);
      const started = Date.now();
      const result = await renderExport(format, { snapshot, summary });
      deps.logger.info({ boardId: board.id, format, ms: Date.now() - started, notes: snapshot.notes.length }, 'export rendered');
      const inline = queryString(req, 'inline') === '1';
      res.status(200).set({
        'Content-Type': result.contentType,
        'Content-Disposition': contentDisposition(result.fileName, inline ? 'inline' : 'attachment'),
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      });
      if (format === 'html' || format === 'svg') {
        res.set('Content-Security-Policy', EXPORT_HTML_CSP);
        res.set('X-Frame-Options', 'SAMEORIGIN');
      }
      res.send(result.body);
    } finally {
      if (heavy) heavyInFlight--;
    }
  });

  return router;
}
