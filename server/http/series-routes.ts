/**
 * Journey series routes:
 * - POST /api/boards/:id/follow-up (facilitator): a new board for the next session of the series, with new links;
 *   the previous board's content stays as it was (only its server-side series link gains `next`).
 * - GET /api/boards/:id/series (any token): the board's place in its series, previous and next.
 */
import express, { type Router } from 'express';
import * as Y from 'yjs';
import { boardLinkPath } from '../../shared/api.js';
import { boardDocAddress, seriesDocAddress } from '../../shared/protocol.js';
import { AppError } from '../app-error.js';
import { followUpRequestSchema, type FollowUpResponse, type SeriesBoardRef, type SeriesInfoResponse } from '../../shared/series/api.js';
import { buildFollowUp, followUpTitle } from '../../shared/series/follow-up.js';
import { newBoardId, newBoardTokens, newJoinCode } from '../auth/tokens.js';
import type { Logger } from '../logger.js';
import type { BoardStore } from '../persistence/board-store.js';
import { readSeriesLink, seriesUpdate, writeSeriesLink, type SeriesLink } from '../series/series-link.js';
import type { LiveDocs } from '../session/live-docs.js';
import { initialSessionDoc } from '../session/init.js';
import { liveSnapshot } from './action-routes.js';
import { baseUrl, JSON_BODY_LIMIT, requireJson } from './boards.js';
import { parseBody } from './errors.js';
import { authorizeBoard } from './request-auth.js';
import { requireRole, routeParam } from './route-helpers.js';

export interface SeriesRoutesDeps {
  store: BoardStore;
  docs: LiveDocs;
  logger: Logger;
  publicUrl: string | undefined;
  now?: () => number;
}

/** A board of the series by id, without credentials; null when it is gone. */
async function boardRef(store: BoardStore, id: string): Promise<SeriesBoardRef | null> {
  if (!id) return null;
  const board = await store.getBoard(id);
  return board ? { id: board.id, title: board.title, createdAt: board.createdAt } : null;
}

/** The series answer for a board's link. */
export async function seriesInfo(store: BoardStore, link: SeriesLink): Promise<SeriesInfoResponse> {
  const [previous, next] = await Promise.all([boardRef(store, link.previousBoardId), boardRef(store, link.nextBoardId)]);
  return { seriesId: link.seriesId, position: link.position, previous, next };
}

/** The series router; mount at `/api/boards`. */
export function createSeriesRouter(deps: SeriesRoutesDeps): Router {
  const router = express.Router();
  const now = deps.now ?? Date.now;
  const json = express.json({ limit: JSON_BODY_LIMIT, strict: true });
  // Follow-ups of one board run one at a time, so two clicks cannot both see "no next yet" and fork the series.
  const inFlight = new Set<string>();

  router.get('/:id/series', async (req, res) => {
    const { board } = await authorizeBoard(deps.store, routeParam(req, 'id'), req);
    const link = await readSeriesLink(deps.store, board.id);
    res.set('Cache-Control', 'no-store').json(await seriesInfo(deps.store, link));
  });

  router.post('/:id/follow-up', requireJson, json, async (req, res) => {
    const { board, role } = await authorizeBoard(deps.store, routeParam(req, 'id'), req);
    requireRole(role, ['facilitator'], 'start a follow-up session');
    const input = parseBody(followUpRequestSchema, req.body);
    if (inFlight.has(board.id)) throw new AppError('conflict', 'a follow-up of this board is being created; try again in a moment');
    inFlight.add(board.id);
    const work = (async (): Promise<FollowUpResponse> => {
      const previousLink = await readSeriesLink(deps.store, board.id);
      if (previousLink.nextBoardId) {
        throw new AppError('conflict', 'this board already has a follow-up session; start the next one from that board');
      }
      const snapshot = await liveSnapshot(deps.docs, board.id);
      const position = previousLink.position + 1;
      const title = input.title ?? followUpTitle(snapshot.meta.title, position);
      const createdAt = now();
      const built = buildFollowUp(snapshot, { title, notes: input.notes, previousBoardId: board.id, createdAt });
      const id = newBoardId();
      const link: SeriesLink = { seriesId: previousLink.seriesId, position, previousBoardId: board.id, nextBoardId: '' };
      const { tokens, hashes } = newBoardTokens();
      try {
        const docs = [
          { doc: boardDocAddress(id), update: Y.encodeStateAsUpdate(built.doc) },
          initialSessionDoc(id),
          { doc: seriesDocAddress(id), update: seriesUpdate(link) },
        ];
        await deps.store.createBoard({ id, title, createdAt, tokenHashes: hashes, joinCode: newJoinCode() }, docs);
      } finally {
        built.doc.destroy();
      }
      // After the new board exists: a crash in between leaves a new board that knows its previous one, and
      // a previous board without `next` (a new follow-up can then be started again), never a dangling `next`.
      await writeSeriesLink(deps.store, board.id, { nextBoardId: id });
      const base = baseUrl(req, deps.publicUrl);
      deps.logger.info({ boardId: id, previousBoardId: board.id, position, notes: input.notes, carried: built.carried }, 'follow-up created');
      return {
        id,
        links: {
          facilitator: base + boardLinkPath(id, tokens.facilitator),
          participant: base + boardLinkPath(id, tokens.participant),
          projector: base + boardLinkPath(id, tokens.projector),
        },
        series: await seriesInfo(deps.store, link),
        carried: built.carried,
      };
    })();
    try {
      res.status(201).json(await work);
    } finally {
      inFlight.delete(board.id);
    }
  });

  return router;
}
