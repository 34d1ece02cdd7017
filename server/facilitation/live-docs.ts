/**
 * Live docs for the services behind the facilitation, metrics and export routes, on top of the room
 * registry: a service borrows the loaded doc of a room (loading it once if needed) so its changes reach
 * connected peers and the write queue like any other change, then gives it back so an unused room can unload.
 * `withLiveDocs` is the one acquire / check / release sequence.
 */
import type * as Y from 'yjs';
import type { DocAddress } from '../../shared/protocol.js';
import { AppError } from '../app-error.js';
import type { RoomRegistry } from '../rooms/registry.js';

/** A borrowed live doc. Write to it synchronously after checking `isLive`; call `release` once. */
export interface LiveDoc {
  readonly doc: Y.Doc;
  /** false once the room was unloaded: a write would be lost */
  readonly isLive: boolean;
  release(): void;
}

/** What the services need from the rooms. */
export interface LiveDocs {
  /** Borrows the live doc of a room, loading it if needed. */
  acquire(address: DocAddress): Promise<LiveDoc>;
  /** Member ids whose private doc of `boardId` is loaded now (it may hold drafts not stored yet). */
  loadedPrivateMembers(boardId: string): string[];
  /**
   * The catch-up barrier of a board (scale-out: Replication.catchUp; one instance: nothing to do). Everything
   * any instance accepted before it resolves is in what it returns: call it before listing and reading what
   * other instances may have written a moment ago (drafts at a reveal, ballots at a close), and `apply` it to
   * the borrowed docs before reading them.
   */
  catchUp(boardId: string): Promise<CatchUp>;
}

/** What another instance accepted before a barrier, for the docs a service borrows. */
export interface CatchUp {
  /** members whose private doc has updates at hand (maybe in no store listing yet) */
  readonly privateMembers: readonly string[];
  /** Puts the updates at hand into these borrowed docs (synchronously; docs not loaded are skipped). */
  apply(addresses: readonly DocAddress[]): void;
}

/** The barrier of the embedded mode: every write is accepted by this instance, so there is nothing to wait for. */
const NOTHING_TO_CATCH_UP = (): Promise<CatchUp> => Promise.resolve({ privateMembers: [], apply: () => undefined });

/** LiveDocs backed by the server's RoomRegistry; `catchUp` is the replication's barrier in the scale-out mode. */
export function registryLiveDocs(registry: RoomRegistry, catchUp: (boardId: string) => Promise<CatchUp> = NOTHING_TO_CATCH_UP): LiveDocs {
  return {
    catchUp,
    async acquire(address) {
      const room = await registry.getRoom(address);
      let released = false;
      return {
        doc: room.doc,
        get isLive() {
          return !room.isDestroyed;
        },
        release() {
          if (released) return;
          released = true;
          registry.releaseIfIdle(room);
        },
      };
    },
    loadedPrivateMembers(boardId) {
      return [...(registry.loadedBoard(boardId)?.private.keys() ?? [])];
    },
  };
}

/** Throws `unavailable` when any borrowed doc was unloaded meanwhile (a write to it would be lost). */
export function requireLive(lives: readonly LiveDoc[]): void {
  if (lives.some((live) => !live.isLive)) throw new AppError('unavailable', 'the board was just unloaded, try again');
}

/**
 * Borrows every listed doc (in order), runs `use` with them and gives all back, whatever happens. When one
 * fails to load, the others are given back and the load error is thrown.
 */
export async function withLiveDocs<T>(docs: LiveDocs, addresses: readonly DocAddress[], use: (lives: LiveDoc[]) => T | Promise<T>): Promise<T> {
  const settled = await Promise.allSettled(addresses.map((address) => docs.acquire(address)));
  const lives = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  try {
    const failed = settled.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
    return await use(lives);
  } finally {
    for (const live of lives) live.release();
  }
}
