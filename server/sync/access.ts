/**
 * Who may write which doc (the Yjs threat model: split docs by writer instead of filtering content).
 * board: facilitator and participants; session: facilitator only; private: only its member (checked at upgrade);
 * series: nobody (the server writes it; it is never served as a room).
 */
import type { DocKind, Role } from '../../shared/protocol.js';
import { BOARD_ROOTS } from '../../shared/board/schema.js';
import { SESSION_ROOTS } from '../../shared/session/schema.js';
import { BALLOT_ROOT } from '../../shared/session/ballot.js';

/** Roots of a member's private doc: drafts (board-shaped `notes`) and their dot-vote ballot. */
const PRIVATE_ROOTS: readonly string[] = [...BOARD_ROOTS, BALLOT_ROOT];

/** True when a connection with `role` may apply updates to a doc of `kind`. */
export function canWrite(kind: DocKind, role: Role): boolean {
  if (kind === 'board') return role === 'facilitator' || role === 'participant';
  if (kind === 'session') return role === 'facilitator';
  if (kind === 'series') return false;
  return role !== 'projector';
}

/** Root type names a doc of `kind` may contain; updates touching any other root are refused. */
export function allowedRoots(kind: DocKind): readonly string[] {
  if (kind === 'session') return SESSION_ROOTS;
  return kind === 'private' ? PRIVATE_ROOTS : BOARD_ROOTS;
}
