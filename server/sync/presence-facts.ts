/**
 * The parts of presence others rely on are the server's word: what a person is editing or has selected is shown
 * only when it is on the board (a private draft shows as PRIVATE_DRAFT, never its id), and "Ana is writing 3
 * notes" is counted by the server from Ana's private doc, whatever her client claims. When her drafts change the
 * server re-publishes her presence itself, so the count others see follows her private doc.
 */
import * as encoding from 'lib0/encoding';
import type * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { ROOT } from '../../shared/board/schema.js';
import { PRIVATE_DRAFT, type PresenceUser } from '../../shared/protocol.js';

/** Presence fields that name a note or stage. */
const TARGET_FIELDS = ['editing', 'selected'] as const;

/** True when `id` is a note, stage or lane of the board doc. */
function isOnBoard(boardDoc: Y.Doc, id: string): boolean {
  return boardDoc.getMap(ROOT.notes).has(id) || boardDoc.getMap(ROOT.stages).has(id) || boardDoc.getMap(ROOT.lanes).has(id);
}

/**
 * Rewrites a presence state in place (it is a fresh object from the awareness guard): targets that are not on
 * `boardDoc` become PRIVATE_DRAFT (or null without a board doc), and `drafts` is the server's count.
 */
export function stampPresenceFacts(state: Record<string, unknown>, boardDoc: Y.Doc | undefined, draftCount: number): void {
  for (const field of TARGET_FIELDS) {
    const value = state[field];
    if (value === undefined || value === null) continue;
    state[field] = typeof value === 'string' && boardDoc && isOnBoard(boardDoc, value) ? value : boardDoc ? PRIVATE_DRAFT : null;
  }
  state.drafts = draftCount;
}

/**
 * Re-publishes the presence of the awareness clients of `memberId` that connections of this instance own
 * (`owners`, Room.awarenessOwners) with the new draft count (a higher clock, so every peer, the member's own tab
 * included, takes it). Only the instance holding a client's connection stamps it, as it stamps the client's own
 * renewals: two instances re-publishing the same client at the same clock would disagree.
 */
export function republishDraftCount(
  awareness: awarenessProtocol.Awareness,
  memberId: string,
  draftCount: number,
  owners: ReadonlyMap<number, string>,
): void {
  const changed: number[] = [];
  awareness.getStates().forEach((state, clientID) => {
    if (!owners.has(clientID)) return;
    const user = (state as { user?: PresenceUser }).user;
    if (user?.memberId === memberId && (state as { drafts?: unknown }).drafts !== draftCount) changed.push(clientID);
  });
  if (changed.length === 0) return;
  // A higher clock than the member's own: y-protocols applies a state only when its clock is newer.
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, changed.length);
  for (const clientID of changed) {
    const state = awareness.getStates().get(clientID) as Record<string, unknown>;
    encoding.writeVarUint(encoder, clientID);
    encoding.writeVarUint(encoder, (awareness.meta.get(clientID)?.clock ?? 0) + 1);
    encoding.writeVarString(encoder, JSON.stringify({ ...state, drafts: draftCount }));
  }
  awarenessProtocol.applyAwarenessUpdate(awareness, encoding.toUint8Array(encoder), 'server');
}
