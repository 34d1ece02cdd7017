/**
 * Port, part 3 of 4: checkpoints, named full snapshots of a board taken by the facilitator.
 * Contract: checkpoint-store.contract.ts.
 */

/** A named full snapshot of a board, taken by the facilitator (or automatically before a restore). */
export interface CheckpointRecord {
  id: string;
  boardId: string;
  name: string;
  createdAt: number;
  /** merged state of the board doc (Y.encodeStateAsUpdate) */
  boardState: Uint8Array;
  /** merged state of the session doc */
  sessionState: Uint8Array;
}

/** A checkpoint without its states, for lists. */
export type CheckpointSummary = Omit<CheckpointRecord, 'boardState' | 'sessionState'>;

/** A board's checkpoints. */
export interface CheckpointStore {
  /** Stores a checkpoint. Rejects with `not_found` for an unknown board and `exists` for a taken id. */
  createCheckpoint(checkpoint: CheckpointRecord): Promise<void>;
  /** A board's checkpoints without their states, oldest first (by createdAt, then id). */
  listCheckpoints(boardId: string): Promise<CheckpointSummary[]>;
  /** One checkpoint of a board with its states, if any. */
  getCheckpoint(boardId: string, id: string): Promise<CheckpointRecord | undefined>;
}
