/**
 * Records attendance as connections come and go: one stored visit per board-doc connection of a member.
 * Storage is asynchronous and may fail; a failure is logged and never affects the connection, and a leave
 * that arrives before its join was stored waits for it (ordering per connection).
 */
import type { Logger } from '../logger.js';
import type { AttendanceStore } from '../persistence/attendance-store.js';

/** Records attendance visits for live connections. */
export class AttendanceTracker {
  private readonly live = new Set<number>();
  private readonly pending = new Set<Promise<unknown>>();

  constructor(
    private readonly store: Pick<AttendanceStore, 'recordJoin' | 'recordLeave'>,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records that `memberId` connected to `boardId` now; returns the function to call once when the connection closes. */
  connected(boardId: string, memberId: string): () => void {
    const joined = this.track(
      this.store.recordJoin(boardId, memberId, this.now()).then(
        (id) => {
          this.live.add(id);
          return id;
        },
        (error: unknown) => {
          this.logger.warn({ err: error, boardId, memberId }, 'attendance join not recorded');
          return undefined;
        },
      ),
    );
    let left = false;
    return () => {
      if (left) return;
      left = true;
      const at = this.now();
      // Never rejects (failures are logged inside); settle() waits for it at shutdown.
      void this.track(
        joined.then(async (id) => {
          if (id === undefined) return;
          this.live.delete(id);
          try {
            await this.store.recordLeave(id, at);
          } catch (error) {
            this.logger.warn({ err: error, boardId, memberId, visitId: id }, 'attendance leave not recorded');
          }
        }),
      );
    };
  }

  /** Ids of the visits whose connection is open (for foldAttendance's `liveVisitIds`). */
  liveVisitIds(): ReadonlySet<number> {
    return new Set(this.live);
  }

  /** Resolves once every join and leave started so far is stored (or failed and was logged). */
  async settle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.pending.add(promise);
    const done = (): void => {
      this.pending.delete(promise);
    };
    promise.then(done, done);
    return promise;
  }
}
