/**
 * Reads the two sides of a comparison (live boards or a checkpoint) and the "since the last session" digest
 * of a follow-up. Access is decided by the caller; this module only loads.
 */
import { compareBoards, sinceLastSession, type CompareSide } from '../../shared/board/compare.js';
import { readBoard } from '../../shared/board/snapshot.js';
import type { BoardSnapshot } from '../../shared/board/snapshot.js';
import type { SinceLastSession } from '../../shared/board/summary-since.js';
import { readSession } from '../../shared/session/read.js';
import type { SessionSnapshot } from '../../shared/session/schema.js';
import { boardDocAddress, sessionDocAddress } from '../../shared/protocol.js';
import type { BoardStore } from '../persistence/board-store.js';
import type { CheckpointRecord } from '../persistence/checkpoint-store.js';
import { docFromState } from '../session/checkpoint.js';
import { withLiveDocs, type LiveDocs } from '../session/live-docs.js';
import { readSeriesLink } from './series-link.js';

/** The live board and session of a board, as plain snapshots. */
export function liveState(docs: LiveDocs, boardId: string): Promise<{ board: BoardSnapshot; session: SessionSnapshot }> {
  return withLiveDocs(docs, [boardDocAddress(boardId), sessionDocAddress(boardId)], ([board, session]) => ({
    board: readBoard(board!.doc),
    session: readSession(session!.doc),
  }));
}

/** A live board as a comparison side named `Session <position>`. */
export async function liveSide(docs: LiveDocs, boardId: string, position: number): Promise<CompareSide> {
  const state = await liveState(docs, boardId);
  return { label: `Session ${position}`, boardId, takenAt: state.board.meta.createdAt || null, ...state };
}

/** A stored checkpoint as a comparison side named after it. */
export function checkpointSide(record: CheckpointRecord): CompareSide {
  const boardDoc = docFromState(record.boardState);
  const sessionDoc = docFromState(record.sessionState);
  try {
    return {
      label: `Checkpoint “${record.name}”`,
      boardId: record.boardId,
      takenAt: record.createdAt,
      board: readBoard(boardDoc),
      session: readSession(sessionDoc),
    };
  } finally {
    boardDoc.destroy();
    sessionDoc.destroy();
  }
}

/**
 * SUM-SINCE-1 for a board that follows another in its series: the digest of comparing the previous board
 * (live) with `now`. Undefined for a first session, or when the previous board is gone.
 */
export async function sinceForBoard(
  store: BoardStore,
  docs: LiveDocs,
  boardId: string,
  now: { board: BoardSnapshot; session?: SessionSnapshot },
): Promise<SinceLastSession | undefined> {
  const link = await readSeriesLink(store, boardId);
  if (!link.previousBoardId || !(await store.getBoard(link.previousBoardId))) return undefined;
  const then = await liveSide(docs, link.previousBoardId, link.position - 1);
  const comparison = compareBoards(then, { label: `Session ${link.position}`, boardId, takenAt: now.board.meta.createdAt || null, ...now });
  const carried = (now.board.actions ?? []).filter((a) => a.carriedFrom === link.previousBoardId).length;
  return sinceLastSession(comparison, link.position, carried);
}
