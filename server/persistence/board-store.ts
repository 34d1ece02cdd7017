/**
 * The storage port, split by concern: documents (document-store.ts), boards, members and credentials
 * (board-directory.ts), checkpoints (checkpoint-store.ts) and attendance (attendance-store.ts). Each part has
 * its own contract suite; a store implements all four plus close(). Callers depend on the narrowest part
 * they use. Implementations: sqlite-store.ts, memory-store.ts.
 */
import type { AttendanceStore } from './attendance-store.js';
import type { BoardDirectory } from './board-directory.js';
import type { CheckpointStore } from './checkpoint-store.js';
import type { DocumentStore } from './document-store.js';

/** Every part of the port, and the store's lifecycle. */
export interface BoardStore extends DocumentStore, BoardDirectory, CheckpointStore, AttendanceStore {
  /** Closes the store; idempotent. Operations already started finish first; later calls reject with `closed`. */
  close(): Promise<void>;
}
