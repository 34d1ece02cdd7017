import type { StoredState } from './stored-state.js';

/** What a room needs from a connection (its own module so the room's helpers can name it without a cycle). */
export interface RoomPeer {
  readonly id: string;
  /** Sends one binary frame (drops it when the socket is not open). */
  send(data: Uint8Array): void;
  /** Sends a stored snapshot's SyncStep2 (the same bytes as its frame, without copying the snapshot). */
  sendStored(stored: StoredState): void;
  /** Closes the connection with a close code and a short reason. */
  close(code: number, reason: string): void;
}
