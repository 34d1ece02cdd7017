/**
 * Port, part 4 of 4: attendance, one visit per connection of a member to a board's map.
 * Contract: attendance-store.contract.ts.
 */

/** One visit of a member to a board: `leftAt` is null while connected (or if the server died first). */
export interface AttendanceRecord {
  /** the visit id recordJoin returned */
  id: number;
  boardId: string;
  memberId: string;
  joinedAt: number;
  leftAt: number | null;
}

/** Who was on a board, from when, for how long. */
export interface AttendanceStore {
  /** Records that a member connected; resolves with the visit id to pass to recordLeave. `not_found` for an unknown board. */
  recordJoin(boardId: string, memberId: string, at: number): Promise<number>;
  /** Records the end of a visit; a second leave of the same visit keeps the first. `not_found` for an unknown visit. */
  recordLeave(visitId: number, at: number): Promise<void>;
  /** Every visit to a board, by join time then id. */
  listAttendance(boardId: string): Promise<AttendanceRecord[]>;
}
