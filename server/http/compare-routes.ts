/**
 * GET /api/boards/:id/compare.<md|html|pdf|json>?token=…[&with=<boardId> | &checkpoint=<id>][&inline=1]
 * Compares this board with another board of its journey series (default: the previous one; the earlier
 * session is "then") or with one of its own checkpoints ("then" = the checkpoint, "now" = the live board).
 * Facilitator and participant links may compare, as they may export. The other board must be in the same
 * series according to the server-only series links, so a token of one series never reads another.
 */
import express, { type Request, type Router } from 'express';
import { compareBoards, type Comparison } from '../../shared/board/compare.js';
import { idSchema } from '../../shared/board/schema.js';
import { isBoardId } from '../../shared/protocol.js';
import { COMPARE_FORMATS, type CompareFormat } from '../../shared/series/api.js';
import { renderCompare } from '../export/compare-index.js';
import { contentDisposition } from '../export/index.js';
import type { Logger } from '../logger.js';
import type { BoardStore } from '../persistence/board-store.js';
import { checkpointSide, liveSide } from '../series/compare-sides.js';
import { readSeriesLink } from '../series/series-link.js';
import type { LiveDocs } from '../session/live-docs.js';
import { AppError } from '../app-error.js';
import { authorizeBoard } from './request-auth.js';
import { requireRole, routeParam } from './route-helpers.js';

/** CSP of a comparison HTML page: as the summary's, no scripts and no remote loads. */
const COMPARE_HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'";

export interface CompareRoutesDeps {
  store: BoardStore;
  docs: LiveDocs;
  logger: Logger;
}

function queryString(req: Request, name: string): string | undefined {
  const value = req.query[name];
  return typeof value === 'string' ? value : undefined;
}

function isCompareFormat(value: string): value is CompareFormat {
  return (COMPARE_FORMATS as readonly string[]).includes(value);
}

/** The comparison router; mount at `/api/boards`. */
export function createCompareRouter(deps: CompareRoutesDeps): Router {
  const router = express.Router();

  router.get('/:id/compare.:format', async (req, res) => {
    const { board, role } = await authorizeBoard(deps.store, routeParam(req, 'id'), req);
    const format = routeParam(req, 'format') ?? '';
    if (!isCompareFormat(format)) throw new AppError('not_found', `unknown comparison format; use one of ${COMPARE_FORMATS.join(', ')}`);
    requireRole(role, ['facilitator', 'participant'], 'compare boards');
    const checkpointId = queryString(req, 'checkpoint');
    const withId = queryString(req, 'with');
    if (checkpointId !== undefined && withId !== undefined) throw new AppError('bad_request', 'give either `with` or `checkpoint`, not both');
    const link = await readSeriesLink(deps.store, board.id);

    let comparison: Comparison;
    if (checkpointId !== undefined) {
      if (!idSchema.safeParse(checkpointId).success) throw new AppError('not_found', 'checkpoint not found');
      const record = await deps.store.getCheckpoint(board.id, checkpointId);
      if (!record) throw new AppError('not_found', 'checkpoint not found');
      const now = await liveSide(deps.docs, board.id, link.position);
      comparison = compareBoards(checkpointSide(record), { ...now, label: 'Now' });
    } else {
      const otherId = withId ?? link.previousBoardId;
      if (!otherId) throw new AppError('not_found', 'this board has no previous session; give `with=<boardId>` or `checkpoint=<id>`');
      if (!isBoardId(otherId) || otherId === board.id) throw new AppError('not_found', 'no such board in this series');
      const otherLink = await readSeriesLink(deps.store, otherId);
      const exists = await deps.store.getBoard(otherId);
      if (!exists || otherLink.seriesId !== link.seriesId) throw new AppError('not_found', 'no such board in this series');
      const [mine, other] = await Promise.all([
        liveSide(deps.docs, board.id, link.position),
        liveSide(deps.docs, otherId, otherLink.position),
      ]);
      comparison = otherLink.position < link.position ? compareBoards(other, mine) : compareBoards(mine, other);
    }
    const result = await renderCompare(format, comparison);
    deps.logger.info({ boardId: board.id, format, then: comparison.then.label }, 'comparison rendered');
    res.status(200).set({
      'Content-Type': result.contentType,
      'Content-Disposition': contentDisposition(result.fileName, queryString(req, 'inline') === '1' ? 'inline' : 'attachment'),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    if (format === 'html') res.set({ 'Content-Security-Policy': COMPARE_HTML_CSP, 'X-Frame-Options': 'SAMEORIGIN' });
    res.send(result.body);
  });

  return router;
}
