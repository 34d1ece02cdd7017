/**
 * Decodes one binary y-websocket frame from a connection and acts on its room: sync step 1 / step 2 / update,
 * awareness, query-awareness (auth messages from clients are ignored). Returns a Refusal (close code and a
 * reason to log; AppErrors get their code from the error table) instead of throwing; the caller closes only that connection.
 * y-protocols' readSyncMessage is not used: it swallows apply errors unless given a handler.
 */
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import { CLOSE, MESSAGE, type PresenceUser, type Role } from '../../shared/protocol.js';
import { lockVerdict } from '../facilitation/lock.js';
import type { Logger } from '../logger.js';
import type { Room, RoomPeer } from '../rooms/room.js';
import { filterAwareness } from './awareness-guard.js';
import { checkBoardWrite, ledgerFor, type BoardWriter } from './board-write-rules.js';
import { currentPermissions } from './permissions.js';
import { checkUpdate } from './update-guard.js';
import type { TokenBucket } from './rate-limit.js';
import { AppError, refuse, refusalFor, type Refusal } from '../app-error.js';

/** What a frame handler knows about its connection. */
export interface FrameContext {
  peer: RoomPeer;
  room: Room;
  /** may apply updates to this doc */
  canWrite: boolean;
  /** the connection's capability role (the lock rule depends on it) */
  role: Role;
  roots: readonly string[];
  user: PresenceUser;
  /** the member record behind the connection (undefined for a bare link): whose notes it may create */
  member: BoardWriter['member'];
  /** how far a new note's createdAt may lie outside the writer's time on the board */
  noteClockSkewMs: number;
  /** stamps the server's presence facts (draft count, visible targets) into a presence state */
  stampPresence?: (state: Record<string, unknown>) => void;
  /** true while storage is over its memory bound: updates are refused with 1013 */
  overMemoryBound: () => boolean;
  /** awareness updates beyond this budget are dropped (presence is renewed every 15 s anyway) */
  awarenessBudget: TokenBucket;
  log: Logger;
}

/** A refusal: close the connection with `code`; `reason` goes to the log. */
export type FrameResult = { ok: true } | Refusal;

const OK: FrameResult = { ok: true };

/** Handles one frame. Never throws. */
export function handleFrame(ctx: FrameContext, data: Uint8Array): FrameResult {
  try {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MESSAGE.sync:
        return handleSync(ctx, decoder);
      case MESSAGE.awareness:
        return handleAwareness(ctx, decoding.readVarUint8Array(decoder));
      case MESSAGE.queryAwareness:
        ctx.room.sendAwareness(ctx.peer);
        return OK;
      case MESSAGE.auth:
        // The server decides permissions at the upgrade; a client's auth message means nothing.
        return OK;
      default:
        return refuse(CLOSE.malformed, `unknown message type ${type}`);
    }
  } catch (error) {
    // An error the server raised on purpose closes with its code from the table; anything else is a bad frame.
    if (error instanceof AppError) return refusalFor(error);
    return refuse(CLOSE.malformed, `malformed frame: ${(error as Error).message}`);
  }
}

function handleSync(ctx: FrameContext, decoder: decoding.Decoder): FrameResult {
  const subtype = decoding.readVarUint(decoder);
  const payload = decoding.readVarUint8Array(decoder);
  if (subtype === syncProtocol.messageYjsSyncStep1) {
    ctx.room.answerSyncStep1(ctx.peer, payload);
    return OK;
  }
  if (subtype !== syncProtocol.messageYjsSyncStep2 && subtype !== syncProtocol.messageYjsUpdate) {
    return refuse(CLOSE.malformed, `unknown sync message ${subtype}`);
  }
  if (!ctx.canWrite) {
    // Read-only: never applied nor broadcast. Not an error: the stock client sends its state on connect.
    ctx.log.debug({ bytes: payload.length }, 'dropped update from read-only connection');
    ctx.room.skipClientUpdate(ctx.peer);
    return OK;
  }
  if (ctx.overMemoryBound()) return refuse(CLOSE.tryAgainLater, 'storage over its memory bound');
  const verdict = checkUpdate(ctx.room.doc, payload, ctx.roots);
  if (!verdict.ok) return verdict;
  if (ctx.room.address.kind === 'board') {
    // The facilitator's lock: participants' changes are refused while the session doc says locked.
    const lock = lockVerdict(ctx.role, ctx.room.sessionDoc, ctx.room.doc, payload);
    if (!lock.ok) return lock;
    if (!lock.apply) {
      ctx.room.skipClientUpdate(ctx.peer);
      return OK;
    }
    // Authorship, structure and deletion rules: refused before anything is applied or broadcast.
    const writer: BoardWriter = {
      role: ctx.role,
      member: ctx.member,
      permissions: currentPermissions(ctx.room.sessionDoc ?? ctx.room.doc),
      now: Date.now(),
      clockSkewMs: ctx.noteClockSkewMs,
    };
    const rules = checkBoardWrite(ctx.room.doc, verdict.decoded, writer, ledgerFor(ctx.room.doc));
    if (!rules.ok) return rules;
  }
  try {
    ctx.room.applyClientUpdate(ctx.peer, payload, verdict.stringIds);
  } catch (error) {
    return refuse(CLOSE.invalidUpdate, `update failed to apply: ${(error as Error).message}`);
  }
  return OK;
}

function handleAwareness(ctx: FrameContext, update: Uint8Array): FrameResult {
  if (!ctx.awarenessBudget.take(1)) {
    ctx.log.debug('awareness update over the rate budget dropped');
    return OK;
  }
  const verdict = filterAwareness(update, ctx.peer.id, ctx.room.awarenessOwners, ctx.room.ownedCount(ctx.peer), ctx.user, ctx.stampPresence);
  if (!verdict.ok) return verdict;
  if (verdict.dropped > 0) ctx.log.debug({ dropped: verdict.dropped }, 'dropped awareness entries of other connections');
  ctx.room.applyAwareness(ctx.peer, verdict.update, verdict.claimed, verdict.released);
  return OK;
}
