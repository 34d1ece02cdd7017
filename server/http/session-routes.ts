/**
 * Facilitation routes: checkpoints (take, list, open read-only, restore as a new change), reveal of the
 * silent brainstorm, attendance, and the server clock for timer skew correction. Every change goes through
 * the live docs of the rooms, so connected peers see it at once and the write queue stores it.
 */
import { createHmac, randomUUID } from 'node:crypto';
import express, { type Request, type Router } from 'express';
import * as Y from 'yjs';
import { z } from 'zod';
import { API_ERROR } from '../../shared/api.js';
import { readBoard } from '../../shared/board/snapshot.js';
import { idSchema, type Author } from '../../shared/board/schema.js';
import { parseRoomPath, type RoomAddress } from '../../shared/protocol.js';
import {
  CHECKPOINT_NAME_CHARS,
  createCheckpointRequestSchema,
  revealRequestSchema,
  type AttendanceResponse,
  type CheckpointListResponse,
  type RestoreResponse,
  type RevealResponse,
} from '../../shared/session/api.js';
import type { CheckpointInfo } from '../../shared/session/schema.js';
import { markRevealed } from '../../shared/session/write.js';
import type { Logger } from '../logger.js';
import type { BoardStore, CheckpointRecord, CheckpointSummary } from '../persistence/board-store.js';
import { SERVER_ORIGIN } from '../rooms/room.js';
import { foldAttendance } from '../session/attendance.js';
import { beforeRestoreName } from '../session/checkpoint-names.js';
import { CheckpointError, docFromState, restoreCheckpoint, type RestoreResult } from '../session/checkpoint.js';
import { revealDrafts, type MemberDrafts } from '../session/reveal.js';
import { JSON_BODY_LIMIT, requireJson } from './boards.js';
import { requireRole, routeParam, storage } from './route-helpers.js';
import { HttpError, parseBody } from './errors.js';
import { authorizeBoard } from './request-auth.js';
import type { LiveDoc, LiveDocs } from '../session/live-docs.js';

/** Doc-key prefix of the members' private docs (see shared/protocol.ts docKey). */
const PRIVATE_PREFIX = 'private:';

/** Dependencies of the facilitation routes. */
export interface SessionRouterDeps {
  store: BoardStore;
  docs: LiveDocs;
  logger: Logger;
  /** Open attendance sessions (AttendanceTracker.liveSessionIds); without it every open session runs to now. */
  liveSessionIds?: () => ReadonlySet<number>;
  /** The server clock (tests pass a fixed one). */
  now?: () => number;
}

/** Body of POSTs that take no options (JSON is still required: see requireJson). */
const emptyBodySchema = z.strictObject({});

function info(checkpoint: CheckpointSummary): CheckpointInfo {
  return { id: checkpoint.id, name: checkpoint.name, createdAt: checkpoint.createdAt };
}

function checkpointId(req: Request): string {
  const id = routeParam(req, 'cid');
  if (!id || !idSchema.safeParse(id).success) throw new HttpError(404, API_ERROR.notFound, 'checkpoint not found');
  return id;
}

/** Borrows several live docs at once; releases all of them when any fails to load. */
async function acquireAll(docs: LiveDocs, addresses: readonly RoomAddress[]): Promise<LiveDoc[]> {
  const settled = await Promise.allSettled(addresses.map((address) => docs.acquire(address)));
  const acquired = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failed = settled.find((result) => result.status === 'rejected');
  if (failed) {
    for (const live of acquired) live.release();
    throw failed.reason;
  }
  return acquired;
}

function requireLive(docs: readonly LiveDoc[]): void {
  if (docs.some((live) => !live.isLive)) throw new HttpError(503, API_ERROR.unavailable, 'the board was just unloaded, try again');
}

/** The /api/boards/:id/{checkpoints,reveal,attendance} routes; mount at `/api/boards`. */
export function createSessionRouter(deps: SessionRouterDeps): Router {
  const { store, docs, logger } = deps;
  const now = deps.now ?? Date.now;
  const router = express.Router();
  const json = express.json({ limit: JSON_BODY_LIMIT, strict: true });

  async function saveCheckpoint(record: CheckpointRecord): Promise<CheckpointInfo> {
    await storage('checkpoint', () => store.createCheckpoint(record));
    return info(record);
  }

  router.post('/:id/checkpoints', requireJson, json, async (req, res) => {
    const { board, role } = await authorizeBoard(store, routeParam(req, 'id'), req);
    requireRole(role, ['facilitator'], 'take checkpoints');
    const { name } = parseBody(createCheckpointRequestSchema, req.body);
    const lives = await storage('board', () =>
      acquireAll(docs, [
        { boardId: board.id, kind: 'board' },
        { boardId: board.id, kind: 'session' },
      ]),
    );
    let record: CheckpointRecord;
    try {
      requireLive(lives);
      const [boardDoc, sessionDoc] = lives;
      record = {
        id: randomUUID(),
        boardId: board.id,
        name,
        createdAt: now(),
        boardState: Y.encodeStateAsUpdate(boardDoc!.doc),
        sessionState: Y.encodeStateAsUpdate(sessionDoc!.doc),
      };
    } finally {
      for (const live of lives) live.release();
    }
    const created = await saveCheckpoint(record);
    logger.info({ boardId: board.id, checkpointId: created.id }, 'checkpoint taken');
    res.status(201).json(created);
  });

  router.get('/:id/checkpoints', async (req, res) => {
    const { board, role } = await authorizeBoard(store, routeParam(req, 'id'), req);
    requireRole(role, ['facilitator', 'participant'], 'list checkpoints');
    const list = await storage('checkpoints', () => store.listCheckpoints(board.id));
    const body: CheckpointListResponse = { checkpoints: list.map(info) };
    res.json(body);
  });

  router.get('/:id/checkpoints/:cid', async (req, res) => {
    const { board, role } = await authorizeBoard(store, routeParam(req, 'id'), req);
    requireRole(role, ['facilitator', 'participant'], 'open checkpoints');
    const id = checkpointId(req);
    const checkpoint = await storage('checkpoint', () => store.getCheckpoint(board.id, id));
    if (!checkpoint) throw new HttpError(404, API_ERROR.notFound, 'checkpoint not found');
    let doc: Y.Doc;
    try {
      doc = docFromState(checkpoint.boardState);
    } catch (error) {
      if (error instanceof CheckpointError) logger.error({ boardId: board.id, checkpointId: id, err: error }, 'stored checkpoint unreadable');
      throw new HttpError(500, API_ERROR.internal, 'checkpoint cannot be read');
    }
    try {
      res.json(readBoard(doc));
    } finally {
      doc.destroy();
    }
  });

  router.post('/:id/checkpoints/:cid/restore', requireJson, json, async (req, res) => {
    const { board, role } = await authorizeBoard(store, routeParam(req, 'id'), req);
    requireRole(role, ['facilitator'], 'restore checkpoints');
    parseBody(emptyBodySchema, req.body ?? {});
    const id = checkpointId(req);
    const checkpoint = await storage('checkpoint', () => store.getCheckpoint(board.id, id));
    if (!checkpoint) throw new HttpError(404, API_ERROR.notFound, 'checkpoint not found');
    const lives = await storage('board', () =>
      acquireAll(docs, [
        { boardId: board.id, kind: 'board' },
        { boardId: board.id, kind: 'session' },
      ]),
    );
    try {
      requireLive(lives);
      const [boardDoc, sessionDoc] = lives as [LiveDoc, LiveDoc];
      // The state before the restore is encoded and the restore applied in one synchronous step, so no client
      // update can fall between them; the "before" checkpoint is stored afterwards and, if that fails, the
      // restore is reverted the same way (as a forward change) so nothing is lost.
      const at = now();
      const before: CheckpointRecord = {
        id: randomUUID(),
        boardId: board.id,
        name: beforeRestoreName(checkpoint.name, at, CHECKPOINT_NAME_CHARS),
        createdAt: at,
        boardState: Y.encodeStateAsUpdate(boardDoc.doc),
        sessionState: Y.encodeStateAsUpdate(sessionDoc.doc),
      };
      let result: RestoreResult;
      try {
        result = restoreCheckpoint(boardDoc.doc, checkpoint.boardState, SERVER_ORIGIN);
      } catch (error) {
        if (error instanceof CheckpointError) {
          logger.error({ boardId: board.id, checkpointId: id, err: error }, 'stored checkpoint unreadable');
          throw new HttpError(500, API_ERROR.internal, 'checkpoint cannot be read');
        }
        throw error;
      }
      let undo: CheckpointInfo;
      try {
        undo = await saveCheckpoint(before);
      } catch (error) {
        if (boardDoc.isLive) restoreCheckpoint(boardDoc.doc, before.boardState, SERVER_ORIGIN);
        logger.error({ boardId: board.id, checkpointId: id, err: error }, 'restore reverted: the undo checkpoint could not be stored');
        throw error;
      }
      logger.info({ boardId: board.id, checkpointId: id, undoId: undo.id, ...result }, 'checkpoint restored');
      const body: RestoreResponse = { restored: info(checkpoint), undo, ...result };
      res.json(body);
    } finally {
      for (const live of lives) live.release();
    }
  });

  router.post('/:id/reveal', requireJson, json, async (req, res) => {
    const { board, role } = await authorizeBoard(store, routeParam(req, 'id'), req);
    requireRole(role, ['facilitator'], 'reveal drafts');
    const { keepPrivateMode } = parseBody(revealRequestSchema, req.body ?? {});
    const [storedKeys, members] = await storage('drafts', () =>
      Promise.all([store.listDocKeys(board.id, PRIVATE_PREFIX), store.listMembers(board.id)]),
    );
    const memberIds = new Set([
      ...storedKeys.map((key) => key.slice(PRIVATE_PREFIX.length)),
      ...docs.loadedPrivateMembers(board.id),
    ]);
    const privateAddresses: RoomAddress[] = [];
    for (const memberId of [...memberIds].sort()) {
      const address = parseRoomPath(`${board.id}/private/${memberId}`);
      if (address) privateAddresses.push(address);
      else logger.warn({ boardId: board.id, docKey: `${PRIVATE_PREFIX}${memberId}` }, 'private doc with an invalid member id skipped');
    }
    const lives = await storage('drafts', () =>
      acquireAll(docs, [{ boardId: board.id, kind: 'board' }, { boardId: board.id, kind: 'session' }, ...privateAddresses]),
    );
    try {
      requireLive(lives);
      const [boardDoc, sessionDoc, ...privateDocs] = lives as [LiveDoc, LiveDoc, ...LiveDoc[]];
      const byId = new Map(members.map((m) => [m.id, m]));
      const drafts: MemberDrafts[] = privateDocs.map((live, i) => {
        const memberId = privateAddresses[i]?.memberId ?? '';
        const member = byId.get(memberId);
        const author: Author | undefined = member && { id: member.id, name: member.name, role: member.role, department: member.department };
        return { memberId, doc: live.doc, author };
      });
      const revealedAt = now();
      // Note ids derived from a board secret the participants never see: unguessable, stable across a retried reveal.
      const noteIdFor = (memberId: string, draftId: string): string =>
        createHmac('sha256', board.tokenHashes.facilitator).update(`reveal\n${memberId}\n${draftId}`).digest('base64url').slice(0, 32);
      const result = revealDrafts(boardDoc.doc, drafts, SERVER_ORIGIN, noteIdFor);
      markRevealed(sessionDoc.doc, revealedAt, { endPrivateMode: !keepPrivateMode }, SERVER_ORIGIN);
      logger.info({ boardId: board.id, revealed: result.revealed, skipped: result.skipped.length }, 'drafts revealed');
      const body: RevealResponse = {
        revealed: result.revealed,
        relocated: result.relocated,
        skipped: result.skipped,
        byMember: result.byMember,
        revealedAt,
      };
      res.json(body);
    } finally {
      for (const live of lives) live.release();
    }
  });

  router.get('/:id/attendance', async (req, res) => {
    const { board, role } = await authorizeBoard(store, routeParam(req, 'id'), req);
    requireRole(role, ['facilitator'], 'see attendance');
    const [intervals, members] = await storage('attendance', () =>
      Promise.all([store.listAttendance(board.id), store.listMembers(board.id)]),
    );
    const body: AttendanceResponse = {
      attendance: foldAttendance(intervals, members, { now: now(), liveSessionIds: deps.liveSessionIds?.() }),
    };
    res.json(body);
  });

  return router;
}
