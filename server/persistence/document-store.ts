/**
 * Port, part 1 of 4: the documents. Each doc of a board is stored as an optional compacted snapshot plus the
 * log of Yjs updates appended since; a commit writes appends and compactions of many docs atomically.
 * Contract: document-store.contract.ts.
 */
import type { DocAddress } from '../../shared/protocol.js';

/** A doc as stored: the compacted snapshot (if any) and the log appended since, in order. */
export interface StoredDoc {
  snapshot: Uint8Array | null;
  updates: Uint8Array[];
}

/** One Yjs update (V1 encoding) to append to a doc's log. */
export interface UpdateAppend {
  doc: DocAddress;
  update: Uint8Array;
}

/** Replace a doc's snapshot with `snapshot` (its merged state) and delete its whole update log. */
export interface Compaction {
  doc: DocAddress;
  snapshot: Uint8Array;
}

/** What one commit writes, atomically. */
export interface WriteBatch {
  appends: UpdateAppend[];
  compactions: Compaction[];
}

/** The update log and snapshots of every doc. */
export interface DocumentStore {
  /** Loads a doc; an unknown doc is `{ snapshot: null, updates: [] }`. */
  loadDoc(doc: DocAddress): Promise<StoredDoc>;
  /**
   * Commits appends and compactions in one transaction: either all of it is durable or none of it.
   * For a compacted doc, appends of that doc in the same batch are covered by the snapshot.
   */
  write(batch: WriteBatch): Promise<void>;
  /** Number of log rows of a doc (to decide compaction after a restart, and for tests). */
  countUpdates(doc: DocAddress): Promise<number>;
  /**
   * Member ids of a board's stored private docs (every member's drafts), sorted by code unit.
   * A doc counts once it has a snapshot or a logged update.
   */
  listPrivateDocMembers(boardId: string): Promise<string[]>;
}
