/**
 * The board lock: while the session doc says locked, participants' updates to the board doc are refused by
 * the sync server; the facilitator can still edit, the projector never can.
 */
import * as Y from 'yjs';
import { CLOSE, type Role } from '../../shared/protocol.js';
import { readLocked } from '../../shared/session/read.js';
import { refuse, type Refusal } from '../app-error.js';

/** True when the facilitator has locked the board. */
export function isLocked(sessionDoc: Y.Doc): boolean {
  return readLocked(sessionDoc);
}

/** True when applying `update` would change nothing in `doc` (everything in it is already known and deleted as it says). */
export function isNoopUpdate(doc: Y.Doc, update: Uint8Array): boolean {
  try {
    return Y.snapshotContainsUpdate(Y.snapshot(doc), update);
  } catch {
    // Undecodable: not a no-op; the update guard refuses it with its own code.
    return false;
  }
}

export type LockVerdict = { ok: true; apply: boolean } | Refusal;

/**
 * What the sync server does with a board-doc update from a connection of `role` (sync/frames.ts calls it
 * for board docs only, after the read-only check and after the update guard accepted the update):
 * - may write: apply it (`apply: true`);
 * - locked, but the update changes nothing (the stock client sends its state on every connect): drop it
 *   silently (`apply: false`), so a participant can still connect and read while the board is locked;
 * - locked and it would change something: refuse with 1013 (try again later). Dropping it instead would let
 *   the client's doc diverge and every later update of that client fail for missing dependencies; after a
 *   1013 the stock client reconnects and re-sends, which is applied once the board is unlocked.
 * `sessionDoc` undefined (session room not loaded) counts as locked for participants: fail closed.
 */
/** The two verdicts that let an update through, made once rather than per update. */
const APPLY: LockVerdict = { ok: true, apply: true };
const SKIP: LockVerdict = { ok: true, apply: false };

export function lockVerdict(role: Role, sessionDoc: Y.Doc | undefined, boardDoc: Y.Doc, update: Uint8Array): LockVerdict {
  if (role === 'facilitator') return APPLY;
  if (role === 'participant' && sessionDoc && !isLocked(sessionDoc)) return APPLY;
  if (isNoopUpdate(boardDoc, update)) return SKIP;
  if (role === 'projector') return SKIP;
  return refuse(CLOSE.tryAgainLater, 'the board is locked by the facilitator');
}
