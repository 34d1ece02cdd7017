/**
 * Live docs for the facilitation routes, on top of the room registry: a route borrows the loaded doc of a
 * room (loading it once if needed) so its changes reach connected peers and the write queue like any other
 * change, then gives it back so an unused room can unload.
 */
import type * as Y from 'yjs';
import type { RoomAddress } from '../../shared/protocol.js';
import type { RoomRegistry } from '../rooms/registry.js';

/** A borrowed live doc. Write to it synchronously after checking `isLive`; call `release` once. */
export interface LiveDoc {
  readonly doc: Y.Doc;
  /** false once the room was unloaded: a write would be lost */
  readonly isLive: boolean;
  release(): void;
}

/** What the facilitation routes need from the rooms. */
export interface LiveDocs {
  /** Borrows the live doc of a room, loading it if needed. */
  acquire(address: RoomAddress): Promise<LiveDoc>;
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
      return registry
        .all()
        .filter((room) => room.boardId === boardId && room.address.kind === 'private' && room.address.memberId)
        .map((room) => room.address.memberId ?? '');
    },
  };
}
