/**
 * GET /api/boards/:id/export.actions.csv?token=… — the board's action items as a CSV for issue trackers.
 * Facilitator and participant links may export (as the other exports); the projector link may not.
 */
import express, { type Router } from 'express';
import { readBoard, type BoardSnapshot } from '../../shared/board/snapshot.js';
import { buildSummary } from '../../shared/board/summary.js';
import { actionsCsvFileName, renderActionsCsv } from '../export/actions-csv.js';
import { contentDisposition } from '../export/index.js';
import type { BoardStore } from '../persistence/board-store.js';
import type { LiveDocs } from '../session/live-docs.js';
import { baseUrl } from './boards.js';
import { authorizeBoard } from './request-auth.js';
import { boardDocAddress } from '../../shared/protocol.js';
import { withLiveDocs } from '../session/live-docs.js';
import { requireRole, routeParam } from './route-helpers.js';

export interface ActionRoutesDeps {
  store: BoardStore;
  docs: LiveDocs;
  publicUrl: string | undefined;
  now?: () => number;
}

/** Reads the live board doc of a board as a snapshot (loading its room if needed). */
export function liveSnapshot(docs: LiveDocs, boardId: string): Promise<BoardSnapshot> {
  return withLiveDocs(docs, [boardDocAddress(boardId)], ([live]) => readBoard(live!.doc));
}

/** The actions CSV router; mount at `/api/boards` before the export router (its path is more specific). */
export function createActionRouter(deps: ActionRoutesDeps): Router {
  const router = express.Router();
  const now = deps.now ?? Date.now;
  router.get('/:id/export.actions.csv', async (req, res) => {
    const { board, role } = await authorizeBoard(deps.store, routeParam(req, 'id'), req);
    requireRole(role, ['facilitator', 'participant'], 'export the board');
    const snapshot = await liveSnapshot(deps.docs, board.id);
    const summary = buildSummary({ board: snapshot, generatedAt: now() });
    // The link back carries no token: a credential must not travel into an issue tracker.
    const link = `${baseUrl(req, deps.publicUrl)}/b/${board.id}`;
    res
      .status(200)
      .set({
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': contentDisposition(actionsCsvFileName(summary)),
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      })
      .send(renderActionsCsv(summary, link));
  });
  return router;
}
