/**
 * BoardStore in memory: same semantics as SqliteStore (it passes the same contract suite), for tests and
 * for the write-queue's failure path (`failWrites`). Every byte array is copied in and out, like a disk.
 */
import type {
  AttendanceRecord,
  BoardRecord,
  BoardStore,
  CheckpointRecord,
  CheckpointSummary,
  MemberRecord,
  StoredDoc,
  WriteBatch,
  CredentialChange,
} from './board-store.js';
import { STORE_ERROR, StoreError } from './store-error.js';
import {
  checkBatch,
  checkBoard,
  checkCheckpoint,
  checkId,
  checkInitialDocs,
  checkMember,
  checkPrefix,
  checkSessionId,
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

  async createBoard(board: BoardRecord, docs: { docKey: string; update: Uint8Array }[]): Promise<void> {
    this.beforeWrite();
    checkBoard(board);
    checkInitialDocs(docs);
    if (this.boards.has(board.id)) throw new StoreError(STORE_ERROR.exists, `board ${board.id} already exists`);
    this.boards.set(board.id, copyBoard(board));
    this.members.set(board.id, []);
    for (const doc of docs) this.docs.set(docRef(board.id, doc.docKey), { snapshot: doc.update.slice(), updates: [] });
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

  async loadDoc(boardId: string, docKey: string): Promise<StoredDoc> {
    this.assertOpen();
    checkId(boardId, 'board id');
    checkId(docKey, 'doc key');
    const doc = this.docs.get(docRef(boardId, docKey));
    if (!doc) return { snapshot: null, updates: [] };
    return { snapshot: doc.snapshot && doc.snapshot.slice(), updates: doc.updates.map((u) => u.slice()) };
  }

  async write(batch: WriteBatch): Promise<void> {
    this.beforeWrite();
    const compacted = checkBatch(batch);
    // Validation passed and nothing below can throw: the batch applies entirely (atomic like a transaction).
    for (const c of batch.compactions) {
      this.docs.set(docRef(c.boardId, c.docKey), { snapshot: c.snapshot.slice(), updates: [] });
    }
    for (const a of batch.appends) {
      const key = docRef(a.boardId, a.docKey);
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

  async countUpdates(boardId: string, docKey: string): Promise<number> {
    this.assertOpen();
    checkId(boardId, 'board id');
    checkId(docKey, 'doc key');
    return this.docs.get(docRef(boardId, docKey))?.updates.length ?? 0;
  }

  async listDocKeys(boardId: string, prefix: string): Promise<string[]> {
    this.assertOpen();
    checkId(boardId, 'board id');
    checkPrefix(prefix);
    const keys: string[] = [];
    for (const [ref, doc] of this.docs) {
      const [board, key] = JSON.parse(ref) as [string, string];
      if (board === boardId && key.startsWith(prefix) && (doc.snapshot !== null || doc.updates.length > 0)) keys.push(key);
    }
    // Code-unit order, as SQLite's default BINARY collation sorts.
    return keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
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

  async recordLeave(sessionId: number, at: number): Promise<void> {
    this.beforeWrite();
    checkSessionId(sessionId);
    checkTime(at, 'at');
    const session = this.attendance[sessionId - 1];
    if (!session) throw new StoreError(STORE_ERROR.notFound, `attendance session ${sessionId} does not exist`);
    session.leftAt ??= at;
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
