/**
 * Board routes: create a board (three capability links), read what a token may do on it, join as a member.
 */
import express, { type Request, type RequestHandler, type Router } from 'express';
import * as Y from 'yjs';
import {
  API_ERROR,
  boardLinkPath,
  createBoardRequestSchema,
  joinRequestSchema,
  type BoardInfoResponse,
  type CreateBoardResponse,
} from '../../shared/api.js';
import { readMeta } from '../../shared/board/read.js';
import { TEMPLATES } from '../../shared/board/template.js';
import { initBoard } from '../../shared/board/write.js';
import { createMember, JoinError } from '../auth/members.js';
import { newBoardId, newBoardTokens } from '../auth/tokens.js';
import type { Logger } from '../logger.js';
import type { BoardStore } from '../persistence/board-store.js';
import type { RoomRegistry } from '../rooms/registry.js';
import { HttpError, parseBody } from './errors.js';
import { authorizeBoard } from './request-auth.js';
import { initialSessionDoc } from '../session/init.js';
import { routeParam } from './route-helpers.js';

/** Largest JSON body accepted by the API. */
export const JSON_BODY_LIMIT = '64kb';

/** Dependencies of the board routes. */
export interface BoardRoutesOptions {
  store: BoardStore;
  registry: RoomRegistry;
  publicUrl: string | undefined;
  logger: Logger;
}

/** Refuses bodies that are not JSON (415): text/plain and form posts are the CSRF-able "simple" requests. */
export const requireJson: RequestHandler = (req, _res, next) => {
  if (!req.is('application/json')) {
    next(new HttpError(415, API_ERROR.unsupportedMediaType, 'send Content-Type: application/json'));
    return;
  }
  next();
};

function baseUrl(req: Request, publicUrl: string | undefined): string {
  if (publicUrl) return publicUrl;
  return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}

/** The /api/boards router. */
export function boardRoutes(options: BoardRoutesOptions): Router {
  const { store, registry, logger } = options;
  const router = express.Router();
  const json = express.json({ limit: JSON_BODY_LIMIT, strict: true });

  router.post('/', requireJson, json, async (req, res) => {
    const input = parseBody(createBoardRequestSchema, req.body);
    const template = TEMPLATES[input.template];
    const createdAt = Date.now();
    const doc = new Y.Doc();
    try {
      initBoard(doc, { title: input.title, persona: input.persona, template, createdAt });
      const update = Y.encodeStateAsUpdate(doc);
      const id = newBoardId();
      const { tokens, hashes } = newBoardTokens();
      await store.createBoard({ id, title: input.title, createdAt, tokenHashes: hashes }, [{ docKey: 'board', update }, initialSessionDoc()]);
      const base = baseUrl(req, options.publicUrl);
      const body: CreateBoardResponse = {
        id,
        links: {
          facilitator: base + boardLinkPath(id, tokens.facilitator),
          participant: base + boardLinkPath(id, tokens.participant),
          projector: base + boardLinkPath(id, tokens.projector),
        },
      };
      logger.info({ boardId: id, template: input.template }, 'board created');
      res.status(201).json(body);
    } finally {
      doc.destroy();
    }
  });

  router.get('/:id', async (req, res) => {
    const { board, role } = await authorizeBoard(store, routeParam(req, 'id'), req);
    const room = registry.peek({ boardId: board.id, kind: 'board' });
    const title = room && !room.isDestroyed ? readMeta(room.doc).title : board.title;
    const body: BoardInfoResponse = { id: board.id, title, createdAt: board.createdAt, role };
    res.json(body);
  });

  router.post('/:id/members', requireJson, json, async (req, res) => {
    const { board, role } = await authorizeBoard(store, routeParam(req, 'id'), req);
    const input = parseBody(joinRequestSchema, req.body);
    try {
      const joined = await createMember(store, board.id, role, input);
      logger.info({ boardId: board.id, memberId: joined.memberId, role: joined.role }, 'member joined');
      res.status(201).json(joined);
    } catch (error) {
      if (error instanceof JoinError) {
        throw error.code === 'forbidden'
          ? new HttpError(403, API_ERROR.forbidden, error.message)
          : new HttpError(400, API_ERROR.invalidBody, error.message);
      }
      throw error;
    }
  });

  return router;
}
