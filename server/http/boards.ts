/**
 * Board routes: create a board (three capability links), read what a token may do on it, join as a member.
 */
import express, { type Request, type RequestHandler, type Router } from 'express';
import * as Y from 'yjs';
import * as z from '../../shared/zod.js';
import {
  boardLinkPath,
  createBoardRequestSchema,
  joinRequestSchema,
  type BoardInfoResponse,
  type CreateBoardResponse,
  ROTATABLE_LINKS,
  isJoinCode,
  joinLinkPath,
  normalizeJoinCode,
  type JoinCodeResponse,
  type RotateLinkResponse,
} from '../../shared/api.js';
import { readMeta } from '../../shared/board/read.js';
import { TEMPLATES } from '../../shared/board/template.js';
import { initBoard } from '../../shared/board/write.js';
import { createMember, JoinError } from '../auth/members.js';
import { hashSecret, newBoardId, newBoardTokens, newJoinCode, newSecret } from '../auth/tokens.js';
import type { Logger } from '../logger.js';
import { boardDocAddress } from '../../shared/protocol.js';
import type { BoardRecord } from '../persistence/board-directory.js';
import type { BoardStore } from '../persistence/board-store.js';
import { STORE_ERROR, isStoreError } from '../persistence/store-error.js';
import type { RoomRegistry } from '../rooms/registry.js';
import { AppError } from '../app-error.js';
import { parseBody } from './errors.js';
import { authorizeBoard, requestToken } from './request-auth.js';
import { firstLanAddress, roomAddress, type RoomAddress } from './room-address.js';
import { credentialForToken, currentTag, type CredentialKind } from '../auth/credential-tag.js';
import { initialSessionDoc } from '../facilitation/init.js';
import { requireRole, routeParam } from './route-helpers.js';

/** Largest JSON body accepted by the API. */
export const JSON_BODY_LIMIT = '64kb';

/** Dependencies of the board routes. */
export interface BoardRoutesOptions {
  store: BoardStore;
  registry: RoomRegistry;
  publicUrl: string | undefined;
  /** Config.host, to warn when the server binds loopback only */
  bindHost: string;
  /** this machine's LAN address (default: the first non-internal IPv4); tests pass their own */
  lanAddress?: () => string | undefined;
  logger: Logger;
  /** Ends every open connection admitted with (or by a member key made with) the credential tagged `tag`, on every instance. */
  revokeCredential: (boardId: string, tag: string) => void;
}

/** Refuses bodies that are not JSON (415): text/plain and form posts are the CSRF-able "simple" requests. */
export const requireJson: RequestHandler = (req, _res, next) => {
  if (!req.is('application/json')) {
    next(new AppError('unsupported_media_type', 'send Content-Type: application/json'));
    return;
  }
  next();
};

/** The address the request came in on (PUBLIC_URL when set): the facilitator's own link keeps it. */
export function baseUrl(req: Request, publicUrl: string | undefined): string {
  if (publicUrl) return publicUrl;
  return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}

/** The /api/boards router. */
export function boardRoutes(options: BoardRoutesOptions): Router {
  const { store, registry, logger } = options;
  const router = express.Router();
  const lanAddress = options.lanAddress ?? (() => firstLanAddress());
  // Links for other devices (participants, projector, join code) use the room address, never localhost.
  const roomOf = (req: Request): RoomAddress => roomAddress({ protocol: req.protocol, host: req.get('host') }, { publicUrl: options.publicUrl, bindHost: options.bindHost, lanAddress });
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
      const joinCode = newJoinCode();
      await store.createBoard({ id, title: input.title, createdAt, tokenHashes: hashes, joinCode }, [{ doc: boardDocAddress(id), update }, initialSessionDoc(id)]);
      // The facilitator's link keeps the address this browser used (it holds the board's links in its storage);
      // the two links meant for other devices use the room address.
      const own = baseUrl(req, options.publicUrl);
      const { baseUrl: base } = roomOf(req);
      const body: CreateBoardResponse = {
        id,
        links: {
          facilitator: own + boardLinkPath(id, tokens.facilitator),
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
    const room = registry.peek(boardDocAddress(board.id));
    const title = room && !room.isDestroyed ? readMeta(room.doc).title : board.title;
    const address = roomOf(req);
    const joinCode = await ensureJoinCode(store, board);
    // The join code is for showing to the room (panel, projector QR code) and for participants to pass on.
    const body: BoardInfoResponse = {
      id: board.id,
      title,
      createdAt: board.createdAt,
      role,
      joinCode,
      joinUrl: address.baseUrl + joinLinkPath(joinCode),
      roomUrl: address.baseUrl,
      ...(address.problem ? { roomProblem: address.problem } : {}),
    };
    res.json(body);
  });

  router.post('/:id/links/:kind', requireJson, json, async (req, res) => {
    const { board, role } = await authorizeBoard(store, routeParam(req, 'id'), req);
    requireRole(role, ['facilitator'], 'issue new links');
    const kind = routeParam(req, 'kind') ?? '';
    if (!(ROTATABLE_LINKS as readonly string[]).includes(kind)) {
      throw new AppError('not_found', `unknown link kind; use one of ${ROTATABLE_LINKS.join(', ')}`);
    }
    parseBody(z.strictObject({}), req.body);
    const { baseUrl: base } = roomOf(req);
    const revokedTag = currentTag(board, kind as CredentialKind);
    let body: RotateLinkResponse;
    if (kind === 'join') {
      const joinCode = await assignJoinCode(store, board.id);
      body = { kind, link: base + joinLinkPath(joinCode), joinCode };
    } else {
      const token = newSecret();
      const linkKind = kind as 'participant' | 'projector';
      await store.updateCredentials(board.id, { tokenHashes: { [linkKind]: hashSecret(token) } });
      body = { kind: linkKind, link: base + boardLinkPath(board.id, token) };
    }
    // Stored first, then the old credential's sockets are closed: a reconnect with it is refused by then.
    if (revokedTag) options.revokeCredential(board.id, revokedTag);
    logger.info({ boardId: board.id, kind }, 'link rotated; the previous one no longer works');
    res.status(200).json(body);
  });

  router.post('/:id/members', requireJson, json, async (req, res) => {
    const { board, role } = await authorizeBoard(store, routeParam(req, 'id'), req);
    const input = parseBody(joinRequestSchema, req.body);
    const credential = credentialForToken(board, requestToken(req));
    try {
      const joined = await createMember(store, board.id, role, input, credential?.tag ?? '');
      logger.info({ boardId: board.id, memberId: joined.memberId, role: joined.role }, 'member joined');
      res.status(201).json(joined);
    } catch (error) {
      if (error instanceof JoinError) {
        throw error.code === 'forbidden'
          ? new AppError('forbidden', error.message)
          : new AppError('invalid_body', error.message);
      }
      throw error;
    }
  });

  return router;
}

/** Tries new join codes until one is free (a clash is astronomically rare) and stores it. */
async function assignJoinCode(store: BoardStore, boardId: string): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    const code = newJoinCode();
    try {
      await store.updateCredentials(boardId, { joinCode: code });
      return code;
    } catch (error) {
      if (attempt >= 4 || !isStoreError(error, STORE_ERROR.exists)) throw error;
    }
  }
}

/** The board's join code, assigning one to boards created before join codes existed. */
async function ensureJoinCode(store: BoardStore, board: BoardRecord): Promise<string> {
  return board.joinCode || assignJoinCode(store, board.id);
}

/** GET /api/join/:code -> `{ boardId }`: where a short join link leads (the code is the participant token). */
export function joinRoutes(store: BoardStore): Router {
  const router = express.Router();
  router.get('/:code', async (req, res) => {
    const code = normalizeJoinCode(routeParam(req, 'code') ?? '');
    const board = isJoinCode(code) ? await (store.findBoardByJoinCode(code)) : undefined;
    if (!board) throw new AppError('not_found', 'no board has this join code; check it or ask the facilitator');
    const body: JoinCodeResponse = { boardId: board.id };
    res.set('Cache-Control', 'no-store').json(body);
  });
  return router;
}
