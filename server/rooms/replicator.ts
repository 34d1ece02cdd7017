/**
 * The port through which rooms reach the other instances (implemented by scale/replication.ts over a Bus).
 * Rooms call it with what their own clients and the server changed; what arrives from other instances comes
 * back through Room.applyRemoteUpdate / applyRemoteAwareness, which never call it again (no loops).
 */
import type * as Y from 'yjs';
import type { DocAddress } from '../../shared/protocol.js';

/** What replication sees of a loaded room (implemented by Room; declared here so the port has no cycle). */
export interface ReplicatedRoom {
  readonly address: DocAddress;
  readonly boardId: string;
  readonly doc: Y.Doc;
  readonly isDestroyed: boolean;
  /** Applies an update another instance accepted. */
  applyRemoteUpdate(update: Uint8Array): void;
  /** Applies presence from another instance's clients. */
  applyRemoteAwareness(update: Uint8Array): void;
}

/** What rooms and the registry tell the other instances. */
export interface Replicator {
  /** Before a doc of `boardId` is read from the store: start listening to the board, so nothing published from now on is missed. */
  prepare(boardId: string): Promise<void>;
  /** Undoes one prepare (a failed load, or an unloaded room). */
  release(boardId: string): void;
  /** A room finished loading: ask the other instances for what they hold and the store does not have yet. */
  attached(room: ReplicatedRoom): void;
  /** An update accepted on this instance (by a client or the server), already enqueued for storage. */
  publishUpdate(room: ReplicatedRoom, update: Uint8Array): void;
  /** An awareness change from a client of this instance. */
  publishAwareness(room: ReplicatedRoom, update: Uint8Array): void;
}

/** The embedded mode: no other instances. */
export const NO_REPLICATION: Replicator = {
  prepare: () => Promise.resolve(),
  release: () => undefined,
  attached: () => undefined,
  publishUpdate: () => undefined,
  publishAwareness: () => undefined,
};
