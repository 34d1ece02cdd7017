/**
 * The server's vote watchers, one writer per change. A ballot change is tallied (while counts are visible) by the
 * instance that accepted it from the member's socket, and a vote's close is tallied by the instance that accepted
 * it from the facilitator's socket (or made it itself, e.g. a checkpoint restore). Other instances receive those
 * changes as replicated updates and only follow them: two instances writing the same dots from replicas of
 * different freshness would race in the board doc, and the later writer is not the fresher one.
 */
import type * as Y from 'yjs';
import { boardDocAddress, sessionDocAddress, type DocAddress } from '../../shared/protocol.js';
import { readBallot, voteKey } from '../../shared/session/ballot.js';
import { readVote } from '../../shared/session/read.js';
import type { Logger } from '../logger.js';
import { LOAD_ORIGIN, REMOTE_ORIGIN, SERVER_ORIGIN, type Room } from '../rooms/room.js';
import { withLiveDocs, type LiveDocs } from './live-docs.js';
import { publishAllBallots, publishTally, recoverClosedTally, type BallotStore } from './vote-tally.js';

/** What the watchers need. */
export interface VoteWatchDeps {
  store: BallotStore;
  docs: LiveDocs;
  /** The loaded room of an address, if any (no load). */
  peek: (address: DocAddress) => Room | undefined;
  logger: Logger;
}

/** True for a change this instance accepted (from one of its sockets) or made, not one replicated from elsewhere. */
function acceptedHere(origin: unknown): boolean {
  return origin !== REMOTE_ORIGIN && origin !== LOAD_ORIGIN;
}

/** Returns the watcher to call for every loaded room (private rooms: ballots; session rooms: the close); idempotent. */
export function createVoteWatch(deps: VoteWatchDeps): (room: Room) => void {
  const { store, docs, peek, logger } = deps;
  const watched = new WeakSet<Y.Doc>();

  /** Publishes one member's ballot into the board doc while a vote with visible counts is open. */
  const tallyMember = (boardDoc: Y.Doc, sessionDoc: Y.Doc, memberId: string, privateDoc: Y.Doc): void => {
    const vote = readVote(sessionDoc);
    if (vote.status !== 'open' || vote.hideCounts) return;
    publishTally(boardDoc, vote, [{ memberId, ballot: readBallot(privateDoc, voteKey(vote)) }], SERVER_ORIGIN);
  };

  const watchBallot = (room: Room, boardId: string, memberId: string): void => {
    room.doc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (!acceptedHere(origin)) return;
      const session = peek(sessionDocAddress(boardId));
      if (session && !session.isDestroyed) {
        const vote = readVote(session.doc);
        if (vote.status !== 'open' || vote.hideCounts) return;
      }
      const board = peek(boardDocAddress(boardId));
      if (board && !board.isDestroyed && board.sessionDoc) {
        tallyMember(board.doc, board.sessionDoc, memberId, room.doc);
        return;
      }
      // The board is not loaded here (nobody on the map on this instance): borrow it.
      withLiveDocs(docs, [boardDocAddress(boardId), sessionDocAddress(boardId)], ([boardLive, sessionLive]) => {
        if (boardLive!.isLive && !room.isDestroyed) tallyMember(boardLive!.doc, sessionLive!.doc, memberId, room.doc);
      }).catch((error: unknown) => logger.warn({ boardId, err: error }, 'a ballot could not be tallied'));
    });
  };

  const watchClose = (sessionDoc: Y.Doc, boardId: string): void => {
    let wasOpen = readVote(sessionDoc).status === 'open';
    // A close stored without its dots (the server stopped in between) is counted now.
    recoverClosedTally(store, docs, boardId, sessionDoc, SERVER_ORIGIN).then(
      (recovered) => recovered && logger.warn({ boardId }, 'a closed vote had not been counted (interrupted close): counted now'),
      (error: unknown) => logger.error({ boardId, err: error }, 'a closed vote could not be counted'),
    );
    sessionDoc.on('update', (_update: Uint8Array, origin: unknown) => {
      const open = readVote(sessionDoc).status === 'open';
      if (wasOpen && !open && acceptedHere(origin)) {
        publishAllBallots(store, docs, boardId, SERVER_ORIGIN).then(
          () => logger.info({ boardId }, 'vote closed: ballots counted and published'),
          (error: unknown) => logger.error({ boardId, err: error }, 'vote closed but the ballots could not be published'),
        );
      }
      wasOpen = open;
    });
  };

  return (room) => {
    if (watched.has(room.doc)) return;
    watched.add(room.doc);
    const { address } = room;
    if (address.kind === 'private') watchBallot(room, address.boardId, address.memberId);
    else if (address.kind === 'session') watchClose(room.doc, address.boardId);
  };
}
