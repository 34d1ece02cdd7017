/**
 * What the summary needs besides the board (shared/board/summary.ts SummaryInput): the session (dots per
 * person for the vote cap, metrics), attendance and the checkpoints, read from the live session doc and the store.
 */
import type { SessionSnapshot, AttendanceEntry, CheckpointInfo } from '../../shared/session/schema.js';
import { readSession } from '../../shared/session/read.js';
import type { BoardStore } from '../persistence/board-store.js';
import { foldAttendance } from './attendance.js';
import { sessionDocAddress } from '../../shared/protocol.js';
import { withLiveDocs, type LiveDocs } from './live-docs.js';

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
  /** open attendance visits (AttendanceTracker.liveVisitIds) */
  liveVisitIds?: ReadonlySet<number>;
}

/** Reads session, attendance and checkpoints of a board; rejects as the store or the room load does. */
export async function summaryContext(boardId: string, deps: SummaryContextDeps): Promise<SummaryContext> {
  const session = await withLiveDocs(deps.docs, [sessionDocAddress(boardId)], ([live]) => readSession(live!.doc));
  const [visits, members, checkpoints] = await Promise.all([
    deps.store.listAttendance(boardId),
    deps.store.listMembers(boardId),
    deps.store.listCheckpoints(boardId),
  ]);
  return {
    session,
    attendance: foldAttendance(visits, members, { now: deps.now, liveVisitIds: deps.liveVisitIds }),
    checkpoints: checkpoints.map(({ id, name, createdAt }) => ({ id, name, createdAt })),
  };
}
