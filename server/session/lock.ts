/**
 * The board lock: while the session doc says locked, participants' updates to the board doc are refused by
 * the sync server; the facilitator can still edit, the projector never can.
 */
import type * as Y from 'yjs';
import type { Role } from '../../shared/protocol.js';
import { readLocked } from '../../shared/session/read.js';

/** True when the facilitator has locked the board. */
export function isLocked(sessionDoc: Y.Doc): boolean {
  return readLocked(sessionDoc);
}

/** Whether a connection with `role` may change the board doc now (facilitator always, participant unless locked). */
export function mayWriteBoard(role: Role, sessionDoc: Y.Doc): boolean {
  if (role === 'facilitator') return true;
  if (role === 'participant') return !isLocked(sessionDoc);
  return false;
}
