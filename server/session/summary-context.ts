/**
 * What the summary needs besides the board (shared/board/summary.ts SummaryInput): the session (dots per
 * person for the vote cap, metrics), attendance and the checkpoints, read from the live session doc and the store.
 */
import type { SessionSnapshot, AttendanceEntry, CheckpointInfo } from '../../shared/session/schema.js';
import { readSession } from '../../shared/session/read.js';
import type { BoardStore } from '../persistence/board-store.js';
import { foldAttendance } from './attendance.js';
import type { LiveDocs } from './live-docs.js';

/** The session-side fields of a SummaryInput. */
export interface SummaryContext {
  session: SessionSnapshot;
  attendance: AttendanceEntry[];
  checkpoints: CheckpointInfo[];
}

export interface SummaryContextDeps {
  store: Pick<BoardStore, 'listAttendance' | 'listMembers' | 'listCheckpoints'>;
  docs: LiveDocs;
  now: number;
  /** open attendance sessions (AttendanceTracker.liveSessionIds) */
  liveSessionIds?: ReadonlySet<number>;
}

/** Reads session, attendance and checkpoints of a board; rejects as the store or the room load does. */
export async function summaryContext(boardId: string, deps: SummaryContextDeps): Promise<SummaryContext> {
  const live = await deps.docs.acquire({ boardId, kind: 'session' });
  let session: SessionSnapshot;
  try {
    session = readSession(live.doc);
  } finally {
    live.release();
  }
  const [intervals, members, checkpoints] = await Promise.all([
    deps.store.listAttendance(boardId),
    deps.store.listMembers(boardId),
    deps.store.listCheckpoints(boardId),
  ]);
  return {
    session,
    attendance: foldAttendance(intervals, members, { now: deps.now, liveSessionIds: deps.liveSessionIds }),
    checkpoints: checkpoints.map(({ id, name, createdAt }) => ({ id, name, createdAt })),
  };
}
