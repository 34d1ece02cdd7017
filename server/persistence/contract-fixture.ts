/**
 * What every contract suite of the storage port gets: a fresh, empty store part, a way to create a board
 * (records of the other parts need one) and a cleanup. Also the sample records the suites share.
 */
import type { BoardRecord, MemberRecord } from './board-directory.js';
import type { CheckpointRecord } from './checkpoint-store.js';

/** A fresh, empty store (or part of one) and how to dispose of it. */
export interface ContractFixture<S> {
  store: S;
  /** Creates a board with that id and no docs. */
  addBoard: (id: string) => Promise<void>;
  cleanup: () => Promise<void>;
}

/** Builds a board record for tests. */
export function sampleBoard(id = 'board-0001', title = 'Checkout journey'): BoardRecord {
  return {
    id,
    title,
    createdAt: 1_700_000_000_000,
    tokenHashes: { facilitator: `f-${id}`, participant: `p-${id}`, projector: `r-${id}` },
    joinCode: `JC${id.replace(/[^A-Za-z0-9]/g, '').toUpperCase()}`.slice(0, 32),
  };
}

/** Builds a member record for tests. */
export function sampleMember(boardId: string, id: string, joinedAt = 1_700_000_000_500): MemberRecord {
  return { id, boardId, keyHash: `k-${id}`, name: `Name ${id}`, role: 'customer', department: 'Sales', joinedAt };
}

/** A byte array of the given values. */
export const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

/** Builds a checkpoint record for tests. */
export function sampleCheckpoint(boardId: string, id: string, createdAt = 1_700_000_001_000): CheckpointRecord {
  return { id, boardId, name: `Checkpoint ${id}`, createdAt, boardState: bytes(1, 2, 3), sessionState: bytes(4, 5) };
}
