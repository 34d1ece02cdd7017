/**
 * Port, part 2 of 4: the board directory. Boards with their credentials (token digests, join code) and the
 * members who joined them. Contract: board-directory.contract.ts.
 */
import type { MemberRole, Role } from '../../shared/protocol.js';
import type { DocAddress } from '../../shared/protocol.js';

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
  role: MemberRole;
  department: string;
  joinedAt: number;
}

/** A doc a new board starts with, stored as its snapshot; its address names the new board. */
export interface InitialDoc {
  doc: DocAddress;
  update: Uint8Array;
}

/** Boards, their credentials and their members. */
export interface BoardDirectory {
  /** Creates a board with its initial docs in one transaction. Rejects with `exists` if the id exists. */
  createBoard(board: BoardRecord, docs: InitialDoc[]): Promise<void>;
  /** The board with that id, if any. */
  getBoard(id: string): Promise<BoardRecord | undefined>;
  /** The board whose join code is `code`, if any. */
  findBoardByJoinCode(code: string): Promise<BoardRecord | undefined>;
  /** Replaces token digests and/or the join code of a board (`not_found` if unknown, `exists` if the code is taken). */
  updateCredentials(boardId: string, change: CredentialChange): Promise<void>;
  /** Adds a member (`not_found` for an unknown board, `exists` for a taken id). */
  addMember(member: MemberRecord): Promise<void>;
  /** A member of a board, if any. */
  getMember(boardId: string, memberId: string): Promise<MemberRecord | undefined>;
  /** A board's members by join time, then id. */
  listMembers(boardId: string): Promise<MemberRecord[]>;
}
