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
}

/** LiveDocs backed by the server's RoomRegistry. */
export function registryLiveDocs(registry: RoomRegistry): LiveDocs {
  return {
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
