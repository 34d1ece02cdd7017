/**
 * Facilitation routes: checkpoints (take, list, open read-only, restore as a new change), reveal of the
 * silent brainstorm, attendance, and the server clock for timer skew correction. Each route checks the token
 * and the body, then calls a service (session/checkpoint-service.ts, session/reveal-service.ts); every change
 * goes through the live docs of the rooms, so connected peers see it at once and the write queue stores it.
 */
import express, { type Request, type Router } from 'express';
import * as z from '../../shared/zod.js';
import { idSchema } from '../../shared/board/schema.js';
import {
  createCheckpointRequestSchema,
  revealRequestSchema,
  type AttendanceResponse,
  type CheckpointListResponse,
} from '../../shared/session/api.js';
import { AppError } from '../app-error.js';
import type { Logger } from '../logger.js';
import type { BoardStore } from '../persistence/board-store.js';
import { foldAttendance } from '../facilitation/attendance.js';
import { createCheckpointService } from '../facilitation/checkpoint-service.js';
import type { LiveDocs } from '../facilitation/live-docs.js';
import { revealBoardDrafts, revealNoteIds } from '../facilitation/reveal-service.js';
import { JSON_BODY_LIMIT, requireJson } from './boards.js';
import { parseBody } from './errors.js';
import { authorizeBoard } from './request-auth.js';
import { requireRole, routeParam } from './route-helpers.js';

/** Dependencies of the facilitation routes. */
export interface SessionRouterDeps {
  store: BoardStore;
  docs: LiveDocs;
  logger: Logger;
  /** Open attendance visits (AttendanceTracker.liveVisitIds); without it every open visit runs to now. */
  liveVisitIds?: () => ReadonlySet<number>;
  /** The server clock (tests pass a fixed one). */
  now?: () => number;
}

/** Body of POSTs that take no options (JSON is still required: see requireJson). */
const emptyBodySchema = z.strictObject({});

function checkpointId(req: Request): string {
  const id = routeParam(req, 'cid');
  if (!id || !idSchema.safeParse(id).success) throw new AppError('not_found', 'checkpoint not found');
  return id;
}

/** The /api/boards/:id/{checkpoints,reveal,attendance} routes; mount at `/api/boards`. */
export function createSessionRouter(deps: SessionRouterDeps): Router {
  const { store, docs, logger } = deps;
  const now = deps.now ?? Date.now;
  const checkpoints = createCheckpointService({ store, docs, logger, now });
  const router = express.Router();
  const json = express.json({ limit: JSON_BODY_LIMIT, strict: true });

  router.post('/:id/checkpoints', requireJson, json, async (req, res) => {
    const { board, role } = await authorizeBoard(store, routeParam(req, 'id'), req);
    requireRole(role, ['facilitator'], 'take checkpoints');
    const { name } = parseBody(createCheckpointRequestSchema, req.body);
    res.status(201).json(await checkpoints.take(board.id, name));
  });

  router.get('/:id/checkpoints', async (req, res) => {
    const { board, role } = await authorizeBoard(store, routeParam(req, 'id'), req);
    requireRole(role, ['facilitator', 'participant'], 'list checkpoints');
    const body: CheckpointListResponse = { checkpoints: await checkpoints.list(board.id) };
    res.json(body);
  });

  router.get('/:id/checkpoints/:cid', async (req, res) => {
    const { board, role } = await authorizeBoard(store, routeParam(req, 'id'), req);
    requireRole(role, ['facilitator', 'participant'], 'open checkpoints');
    res.json(await checkpoints.open(board.id, checkpointId(req)));
  });

  router.post('/:id/checkpoints/:cid/restore', requireJson, json, async (req, res) => {
    const { board, role } = await authorizeBoard(store, routeParam(req, 'id'), req);
    requireRole(role, ['facilitator'], 'restore checkpoints');
    parseBody(emptyBodySchema, req.body ?? {});
    res.json(await checkpoints.restore(board.id, checkpointId(req)));
  });

  router.post('/:id/reveal', requireJson, json, async (req, res) => {
    const { board, role } = await authorizeBoard(store, routeParam(req, 'id'), req);
    requireRole(role, ['facilitator'], 'reveal drafts');
    const { keepPrivateMode } = parseBody(revealRequestSchema, req.body ?? {});
    // Revealed notes get ids derived from a board secret participants never see (see reveal.ts).
    const noteIdFor = revealNoteIds(board.tokenHashes.facilitator);
    res.json(await revealBoardDrafts({ store, docs, logger, now }, board.id, { keepPrivateMode, noteIdFor }));
  });

  router.get('/:id/attendance', async (req, res) => {
    const { board, role } = await authorizeBoard(store, routeParam(req, 'id'), req);
    requireRole(role, ['facilitator'], 'see attendance');
    const [visits, members] = await Promise.all([store.listAttendance(board.id), store.listMembers(board.id)]);
    const body: AttendanceResponse = {
      attendance: foldAttendance(visits, members, { now: now(), liveVisitIds: deps.liveVisitIds?.() }),
    };
    res.json(body);
  });

  return router;
}
