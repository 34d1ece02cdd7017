/**
 * Reveal as a service: finds every member's private doc of a board (stored, loaded, or written on another
 * instance a moment ago), borrows them with the board and session docs, catches them up with what other
 * instances accepted before the reveal (LiveDocs.catchUp), moves all drafts onto the board at once (reveal.ts)
 * and marks the session revealed.
 */
import { createHmac } from 'node:crypto';
import type { Author } from '../../shared/board/schema.js';
import { boardDocAddress, isMemberId, privateDocAddress, sessionDocAddress, type DocAddress } from '../../shared/protocol.js';
import type { RevealResponse } from '../../shared/session/api.js';
import { markRevealed } from '../../shared/session/write.js';
import type { Logger } from '../logger.js';
import type { BoardDirectory } from '../persistence/board-directory.js';
import type { DocumentStore } from '../persistence/document-store.js';
import { SERVER_ORIGIN } from '../rooms/room.js';
import { requireLive, withLiveDocs, type LiveDoc, type LiveDocs } from './live-docs.js';
import { revealDrafts, type MemberDrafts } from './reveal.js';

/** What the reveal service needs. */
export interface RevealServiceDeps {
  store: Pick<DocumentStore, 'listPrivateDocMembers'> & Pick<BoardDirectory, 'listMembers'>;
  docs: LiveDocs;
  logger: Logger;
  /** the server clock */
  now: () => number;
}

/**
 * Board note ids for revealed drafts, derived from `boardSecret` (a digest participants never see): unguessable,
 * so nobody can plant a note under the id a draft will get, and stable, so a retried reveal finds it there.
 */
export function revealNoteIds(boardSecret: string): (memberId: string, draftId: string) => string {
  return (memberId, draftId) => createHmac('sha256', boardSecret).update(`reveal\n${memberId}\n${draftId}`).digest('base64url').slice(0, 32);
}

/** Reveals every silent-brainstorm draft of a board; ends private mode unless `keepPrivateMode`. */
export async function revealBoardDrafts(
  deps: RevealServiceDeps,
  boardId: string,
  options: { keepPrivateMode: boolean; noteIdFor: (memberId: string, draftId: string) => string },
): Promise<RevealResponse> {
  const { store, docs, logger } = deps;
  // The barrier first: a draft accepted by another instance before it is revealed, even if that instance has
  // neither stored it nor answered this instance's sync request yet.
  const caughtUp = await docs.catchUp(boardId);
  const [storedMembers, members] = await Promise.all([store.listPrivateDocMembers(boardId), store.listMembers(boardId)]);
  const memberIds = [...new Set([...storedMembers, ...docs.loadedPrivateMembers(boardId), ...caughtUp.privateMembers])].sort();
  const draftOwners: string[] = [];
  for (const memberId of memberIds) {
    if (isMemberId(memberId)) draftOwners.push(memberId);
    else logger.warn({ boardId, memberId: memberId.slice(0, 80) }, 'private doc with an invalid member id skipped');
  }
  const addresses: DocAddress[] = [
    boardDocAddress(boardId),
    sessionDocAddress(boardId),
    ...draftOwners.map((memberId) => privateDocAddress(boardId, memberId)),
  ];
  return withLiveDocs(docs, addresses, (lives) => {
    requireLive(lives);
    caughtUp.apply(addresses);
    const [boardLive, sessionLive, ...privateLives] = lives as [LiveDoc, LiveDoc, ...LiveDoc[]];
    const byId = new Map(members.map((m) => [m.id, m]));
    const drafts: MemberDrafts[] = privateLives.map((live, i) => {
      const memberId = draftOwners[i] ?? '';
      const member = byId.get(memberId);
      const author: Author | undefined = member && { id: member.id, name: member.name, role: member.role, department: member.department };
      return { memberId, doc: live.doc, author };
    });
    const revealedAt = deps.now();
    const result = revealDrafts(boardLive.doc, drafts, SERVER_ORIGIN, options.noteIdFor);
    markRevealed(sessionLive.doc, revealedAt, { endPrivateMode: !options.keepPrivateMode }, SERVER_ORIGIN);
    logger.info({ boardId, revealed: result.revealed, skipped: result.skipped.length }, 'drafts revealed');
    return { revealed: result.revealed, relocated: result.relocated, skipped: result.skipped, byMember: result.byMember, revealedAt };
  });
}
