/**
 * BoardStore in memory: same semantics as SqliteStore (it passes the same contract suite), for tests and
 * for the write-queue's failure path (`failWrites`). Every byte array is copied in and out, like a disk.
 */
import { PRIVATE_DOC_KEY_PREFIX, type DocAddress } from '../../shared/protocol.js';
import type { AttendanceRecord } from './attendance-store.js';
import type { BoardRecord, CredentialChange, InitialDoc, MemberRecord } from './board-directory.js';
import type { BoardStore } from './board-store.js';
import type { CheckpointRecord, CheckpointSummary } from './checkpoint-store.js';
import type { StoredDoc, WriteBatch } from './document-store.js';
import { STORE_ERROR, StoreError } from './store-error.js';
import {
  checkBatch,
  checkBoard,
  checkCheckpoint,
  checkDocAddress,
  checkId,
  checkInitialDocs,
  checkMember,
  checkVisitId,
  checkTime,
  docRef,
  checkCredentialChange,
  checkJoinCode,
} from './validate.js';

interface MemoryDoc {
  snapshot: Uint8Array | null;
  updates: Uint8Array[];
}

/** In-memory BoardStore; nothing survives the process. */
export class MemoryStore implements BoardStore {
  private readonly boards = new Map<string, BoardRecord>();
  private readonly members = new Map<string, MemberRecord[]>();
  private readonly docs = new Map<string, MemoryDoc>();
  /** checkpoints by board id */
  private readonly checkpoints = new Map<string, CheckpointRecord[]>();
  private readonly attendance: AttendanceRecord[] = [];
  private closed = false;
  private writeError: Error | null = null;
  private writeCount = 0;

  /** Test hook: while set, every write (createBoard, addMember, write, createCheckpoint, recordJoin/Leave) rejects with this error and changes nothing. */
  failWrites(error: Error | null): void {
    this.writeError = error;
  }

  /** Number of successful write() calls (tests use it to see batching). */
  get commits(): number {
    return this.writeCount;
  }

  async createBoard(board: BoardRecord, docs: InitialDoc[]): Promise<void> {
    this.beforeWrite();
    checkBoard(board);
    checkInitialDocs(board.id, docs);
    if (this.boards.has(board.id)) throw new StoreError(STORE_ERROR.exists, `board ${board.id} already exists`);
    this.boards.set(board.id, copyBoard(board));
    this.members.set(board.id, []);
    for (const initial of docs) this.docs.set(docRef(initial.doc), { snapshot: initial.update.slice(), updates: [] });
  }

  async getBoard(id: string): Promise<BoardRecord | undefined> {
    this.assertOpen();
    checkId(id, 'board id');
    const board = this.boards.get(id);
    return board && copyBoard(board);
  }

  async findBoardByJoinCode(code: string): Promise<BoardRecord | undefined> {
    this.assertOpen();
    checkJoinCode(code);
    const board = [...this.boards.values()].find((b) => b.joinCode === code);
    return board && copyBoard(board);
  }

  async updateCredentials(boardId: string, change: CredentialChange): Promise<void> {
    this.beforeWrite();
    checkId(boardId, 'board id');
    checkCredentialChange(change);
    const board = this.boards.get(boardId);
    if (!board) throw new StoreError(STORE_ERROR.notFound, `board ${boardId} not found`);
    if (change.joinCode !== undefined && [...this.boards.values()].some((b) => b.id !== boardId && b.joinCode === change.joinCode)) {
      throw new StoreError(STORE_ERROR.exists, 'join code already in use');
    }
    board.tokenHashes = { ...board.tokenHashes, ...change.tokenHashes };
    if (change.joinCode !== undefined) board.joinCode = change.joinCode;
  }

  async addMember(member: MemberRecord): Promise<void> {
    this.beforeWrite();
    checkMember(member);
    const list = this.members.get(member.boardId);
    if (!list) throw new StoreError(STORE_ERROR.notFound, `board ${member.boardId} does not exist`);
    if (list.some((m) => m.id === member.id)) {
      throw new StoreError(STORE_ERROR.exists, `member ${member.id} already exists on board ${member.boardId}`);
    }
    list.push({ ...member });
  }

  async getMember(boardId: string, memberId: string): Promise<MemberRecord | undefined> {
    this.assertOpen();
    checkId(boardId, 'board id');
    checkId(memberId, 'member id');
    const found = this.members.get(boardId)?.find((m) => m.id === memberId);
    return found && { ...found };
  }

  async listMembers(boardId: string): Promise<MemberRecord[]> {
    this.assertOpen();
    checkId(boardId, 'board id');
    // Same order as SQLite: by join time, then id.
    return (this.members.get(boardId) ?? [])
      .map((m) => ({ ...m }))
      .sort((a, b) => a.joinedAt - b.joinedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  async loadDoc(address: DocAddress): Promise<StoredDoc> {
    this.assertOpen();
    checkDocAddress(address, 'doc');
    const doc = this.docs.get(docRef(address));
    if (!doc) return { snapshot: null, updates: [] };
    return { snapshot: doc.snapshot && doc.snapshot.slice(), updates: doc.updates.map((u) => u.slice()) };
  }

  async write(batch: WriteBatch): Promise<void> {
    this.beforeWrite();
    const compacted = checkBatch(batch);
    // Validation passed and nothing below can throw: the batch applies entirely (atomic like a transaction).
    for (const c of batch.compactions) {
      this.docs.set(docRef(c.doc), { snapshot: c.snapshot.slice(), updates: [] });
    }
    for (const a of batch.appends) {
      const key = docRef(a.doc);
      if (compacted.has(key)) continue;
      let doc = this.docs.get(key);
      if (!doc) {
        doc = { snapshot: null, updates: [] };
        this.docs.set(key, doc);
      }
      doc.updates.push(a.update.slice());
    }
    this.writeCount += 1;
  }

  async countUpdates(address: DocAddress): Promise<number> {
    this.assertOpen();
    checkDocAddress(address, 'doc');
    return this.docs.get(docRef(address))?.updates.length ?? 0;
  }

  async listPrivateDocMembers(boardId: string): Promise<string[]> {
    this.assertOpen();
    checkId(boardId, 'board id');
    const memberIds: string[] = [];
    for (const [ref, doc] of this.docs) {
      const [board, key] = JSON.parse(ref) as [string, string];
      if (board === boardId && key.startsWith(PRIVATE_DOC_KEY_PREFIX) && (doc.snapshot !== null || doc.updates.length > 0)) {
        memberIds.push(key.slice(PRIVATE_DOC_KEY_PREFIX.length));
      }
    }
    // Code-unit order, as SQLite's default BINARY collation sorts.
    return memberIds.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  async createCheckpoint(checkpoint: CheckpointRecord): Promise<void> {
    this.beforeWrite();
    checkCheckpoint(checkpoint);
    if (!this.boards.has(checkpoint.boardId)) throw new StoreError(STORE_ERROR.notFound, `board ${checkpoint.boardId} does not exist`);
    const list = this.checkpoints.get(checkpoint.boardId) ?? [];
    if (list.some((c) => c.id === checkpoint.id)) {
      throw new StoreError(STORE_ERROR.exists, `checkpoint ${checkpoint.id} already exists on board ${checkpoint.boardId}`);
    }
    list.push(copyCheckpoint(checkpoint));
    this.checkpoints.set(checkpoint.boardId, list);
  }

  async listCheckpoints(boardId: string): Promise<CheckpointSummary[]> {
    this.assertOpen();
    checkId(boardId, 'board id');
    return (this.checkpoints.get(boardId) ?? [])
      .map(({ id, boardId: board, name, createdAt }) => ({ id, boardId: board, name, createdAt }))
      .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  async getCheckpoint(boardId: string, id: string): Promise<CheckpointRecord | undefined> {
    this.assertOpen();
    checkId(boardId, 'board id');
    checkId(id, 'checkpoint id');
    const found = this.checkpoints.get(boardId)?.find((c) => c.id === id);
    return found && copyCheckpoint(found);
  }

  async recordJoin(boardId: string, memberId: string, at: number): Promise<number> {
    this.beforeWrite();
    checkId(boardId, 'board id');
    checkId(memberId, 'member id');
    checkTime(at, 'at');
    if (!this.boards.has(boardId)) throw new StoreError(STORE_ERROR.notFound, `board ${boardId} does not exist`);
    const id = this.attendance.length + 1;
    this.attendance.push({ id, boardId, memberId, joinedAt: at, leftAt: null });
    return id;
  }

  async recordLeave(visitId: number, at: number): Promise<void> {
    this.beforeWrite();
    checkVisitId(visitId);
    checkTime(at, 'at');
    const visit = this.attendance[visitId - 1];
    if (!visit) throw new StoreError(STORE_ERROR.notFound, `attendance visit ${visitId} does not exist`);
    visit.leftAt ??= at;
  }

  async listAttendance(boardId: string): Promise<AttendanceRecord[]> {
    this.assertOpen();
    checkId(boardId, 'board id');
    return this.attendance
      .filter((a) => a.boardId === boardId)
      .map((a) => ({ ...a }))
      .sort((a, b) => a.joinedAt - b.joinedAt || a.id - b.id);
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreError(STORE_ERROR.closed, 'the store is closed');
  }

  private beforeWrite(): void {
    this.assertOpen();
    if (this.writeError) throw this.writeError;
  }
}

function copyCheckpoint(checkpoint: CheckpointRecord): CheckpointRecord {
  return { ...checkpoint, boardState: checkpoint.boardState.slice(), sessionState: checkpoint.sessionState.slice() };
}

function copyBoard(board: BoardRecord): BoardRecord {
  return { id: board.id, title: board.title, createdAt: board.createdAt, tokenHashes: { ...board.tokenHashes }, joinCode: board.joinCode };
}
