/**
 * The storage port. Rooms and HTTP routes depend on this interface only; SQLite (sqlite-store.ts) and
 * memory (memory-store.ts) implement it and both pass the contract suite (board-store.contract.ts).
 */
import type { Role } from '../../shared/protocol.js';

/** A board's row: its capability tokens are stored as SHA-256 digests only. */
export interface BoardRecord {
  id: string;
  title: string;
  createdAt: number;
  tokenHashes: Record<Role, string>;
  /**
   * Short join code, a participant credential meant to be shown to the room (projector QR). Kept in clear
   * because it is displayed; '' for boards created before join codes existed (one is assigned on first use).
   */
  joinCode: string;
}

/** A change of a board's credentials (link rotation). */
export interface CredentialChange {
  tokenHashes?: Partial<Record<Role, string>>;
  joinCode?: string;
}

/** A person who joined a board. The member key is stored as a digest only. */
export interface MemberRecord {
  id: string;
  boardId: string;
  keyHash: string;
  name: string;
  role: 'customer' | 'stakeholder' | 'facilitator';
  department: string;
  joinedAt: number;
}

/** A doc as stored: the compacted snapshot (if any) and the log appended since, in order. */
export interface StoredDoc {
  snapshot: Uint8Array | null;
  updates: Uint8Array[];
}

/** One Yjs update (V1 encoding) to append to a doc's log. */
export interface UpdateAppend {
  boardId: string;
  docKey: string;
  update: Uint8Array;
}

/** Replace a doc's snapshot with `snapshot` (its merged state) and delete its whole update log. */
export interface Compaction {
  boardId: string;
  docKey: string;
  snapshot: Uint8Array;
}

/** What one commit writes, atomically. */
export interface WriteBatch {
  appends: UpdateAppend[];
  compactions: Compaction[];
}

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

/** One connection of a member to a board: `leftAt` is null while connected (or if the server died first). */
export interface AttendanceRecord {
  /** the session id recordJoin returned */
  id: number;
  boardId: string;
  memberId: string;
  joinedAt: number;
  leftAt: number | null;
}

export interface BoardStore {
  /** Creates a board with its initial docs in one transaction. Rejects if the id exists. */
  createBoard(board: BoardRecord, docs: { docKey: string; update: Uint8Array }[]): Promise<void>;
  getBoard(id: string): Promise<BoardRecord | undefined>;
  /** The board whose join code is `code`, if any. */
  findBoardByJoinCode(code: string): Promise<BoardRecord | undefined>;
  /** Replaces token digests and/or the join code of a board (`not_found` if unknown, `exists` if the code is taken). */
  updateCredentials(boardId: string, change: CredentialChange): Promise<void>;
  addMember(member: MemberRecord): Promise<void>;
  getMember(boardId: string, memberId: string): Promise<MemberRecord | undefined>;
  listMembers(boardId: string): Promise<MemberRecord[]>;
  /** Loads a doc; an unknown doc is `{ snapshot: null, updates: [] }`. */
  loadDoc(boardId: string, docKey: string): Promise<StoredDoc>;
  /**
   * Commits appends and compactions in one transaction: either all of it is durable or none of it.
   * For a compacted doc, appends of that doc in the same batch are covered by the snapshot.
   */
  write(batch: WriteBatch): Promise<void>;
  /** Number of log rows of a doc (to decide compaction after a restart, and for tests). */
  countUpdates(boardId: string, docKey: string): Promise<number>;
  /**
   * Stored doc keys of a board that start with `prefix` (e.g. `private:` for every member's drafts), sorted.
   * A doc counts once it has a snapshot or a logged update.
   */
  listDocKeys(boardId: string, prefix: string): Promise<string[]>;
  /** Stores a checkpoint. Rejects with `not_found` for an unknown board and `exists` for a taken id. */
  createCheckpoint(checkpoint: CheckpointRecord): Promise<void>;
  /** A board's checkpoints without their states, oldest first (by createdAt, then id). */
  listCheckpoints(boardId: string): Promise<CheckpointSummary[]>;
  getCheckpoint(boardId: string, id: string): Promise<CheckpointRecord | undefined>;
  /** Records that a member connected; resolves with the session id to pass to recordLeave. `not_found` for an unknown board. */
  recordJoin(boardId: string, memberId: string, at: number): Promise<number>;
  /** Records the end of a session; a second leave of the same session keeps the first. `not_found` for an unknown session. */
  recordLeave(sessionId: number, at: number): Promise<void>;
  /** Every session of a board, by join time then id. */
  listAttendance(boardId: string): Promise<AttendanceRecord[]>;
  /** Closes the store; idempotent. */
  close(): Promise<void>;
}
