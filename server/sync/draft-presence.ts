/**
 * "Ana is writing 3 notes": the draft count in a member's presence is stamped by the instance that holds the
 * member's board connection, from its copy of the member's private doc. In the scale-out mode that copy is a
 * replica held for as long as the board connection lives (companion-docs.ts), kept current by replication,
 * because the member's private socket may be on another instance; without it the count would read 0 there.
 */
import { countDraftEntries } from '../../shared/session/drafts.js';
import { boardDocAddress, privateDocAddress, type DocAddress } from '../../shared/protocol.js';
import type { Room } from '../rooms/room.js';
import type { Grant } from './connection.js';
import { republishDraftCount, stampPresenceFacts } from './presence-facts.js';

/** The stamp for incoming presence and the watcher that re-publishes counts when drafts change. */
export interface DraftPresence {
  /** Stamps the server's facts into a presence state a connection sent (awareness guard). */
  readonly stamp: (grant: Grant, state: Record<string, unknown>) => void;
  /** Starts following a loaded room (only private rooms matter); idempotent. */
  readonly watch: (room: Room) => void;
}

/** Draft presence on top of the loaded rooms (`peek`: the registry's, no load). */
export function createDraftPresence(peek: (address: DocAddress) => Room | undefined): DraftPresence {
  const live = (address: DocAddress): Room | undefined => {
    const room = peek(address);
    return room && !room.isDestroyed ? room : undefined;
  };
  const draftCountOf = (boardId: string, memberId: string): number => {
    const room = memberId ? live(privateDocAddress(boardId, memberId)) : undefined;
    return room ? countDraftEntries(room.doc) : 0;
  };
  const watched = new WeakSet<Room>();
  return {
    stamp: (grant, state) => {
      const { boardId } = grant.address;
      const board = grant.address.kind === 'board' ? live(boardDocAddress(boardId)) : undefined;
      stampPresenceFacts(state, board?.doc, draftCountOf(boardId, grant.user.memberId));
    },
    watch: (room) => {
      if (watched.has(room) || room.address.kind !== 'private') return;
      watched.add(room);
      const { boardId, memberId } = room.address;
      let last = countDraftEntries(room.doc);
      // Every origin: the drafts may have been written through another instance (a replicated update).
      room.doc.on('update', () => {
        const board = live(boardDocAddress(boardId));
        if (!board) return;
        const count = countDraftEntries(room.doc);
        if (count === last) return;
        last = count;
        republishDraftCount(board.awareness, memberId, count, board.awarenessOwners);
      });
    },
  };
}
