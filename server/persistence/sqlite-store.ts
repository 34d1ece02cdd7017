/**
 * BoardStore on one SQLite file through npm sqlite3: one connection per process (the WAL-reset bug needs two),
 * WAL + synchronous=FULL (a commit survives power loss), an integrity check before serving, migrations by
 * user_version, and every operation serialised on one promise chain so transactions never interleave.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { pino, type Logger } from 'pino';
import type sqlite3 from 'sqlite3';
import { PRIVATE_DOC_KEY_PREFIX, docRef, docKey, type DocAddress } from '../../shared/protocol.js';
import type { AttendanceRecord } from './attendance-store.js';
import type { BoardRecord, CredentialChange, InitialDoc, MemberRecord } from './board-directory.js';
import type { BoardStore } from './board-store.js';
import type { CheckpointRecord, CheckpointSummary } from './checkpoint-store.js';
import type { StoredDoc, UpdateAppend, WriteBatch } from './document-store.js';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.js';
import { attendanceFromRow, boardFromRow, checkpointSummaryFromRow, memberFromRow, text, wholeNumber } from './row-readers.js';
import { STORE_ERROR, StoreError, type StoreErrorCode } from './store-error.js';
import { all, closeDatabase, exec, fromBlob, get, openDatabase, run, StatementCache, toBlob, type SqlRow, type SqlValue, type SqliteDriverError } from './sqlite-driver.js';
import {
  checkBatch,
  checkBoard,
  checkCheckpoint,
  checkCredentialChange,
  checkJoinCode,
  checkId,
  checkDocAddress,
  checkInitialDocs,
  checkMember,
  checkVisitId,
  checkTime,
} from './validate.js';

/** Update-log rows per INSERT (4 parameters each, well under SQLite's limit of bound parameters). */
const UPDATE_ROWS_PER_INSERT = 200;
/** Wait this long for a lock held by another process (a backup, the sqlite3 shell) before failing. */
export const BUSY_TIMEOUT_MS = 5000;
/**
 * SQLite's page cache, in KiB (default 2,000). The statements run on libuv's pool threads, so the cache is malloc'd
 * there, and once freed it stays resident as fragmented memory in those threads' arenas. The hot pages are few (the
 * right edge of the update log, its index), board loads read big blobs the OS caches anyway: 256 KiB left the RSS
 * after 500 board visits about 2 MiB lower, with "saved" and first-sync times unchanged (docs/benchmarks.md).
 */
export const PAGE_CACHE_KIB = 256;

/** Test hooks; production passes none. */
export interface SqliteStoreHooks {
  /**
   * Runs inside every write transaction just before COMMIT (before the one statement of a commit that is only
   * appends); throwing makes the transaction roll back (or the statement never run): nothing of it is stored.
   */
  beforeCommit?: (operation: string) => void;
}

/** BoardStore backed by one SQLite file; create it with `SqliteStore.open`. */
export class SqliteStore implements BoardStore {
  /** Tail of the operation queue; each operation starts after the previous one settled. */
  private chain: Promise<void> = Promise.resolve();
  private closing: Promise<void> | undefined;

  /** The commit path's statements, prepared once (see StatementCache). */
  private readonly statements: StatementCache;

  private constructor(
    private readonly db: sqlite3.Database,
    /** Absolute path of the database file. */
    readonly file: string,
    private readonly logger: Logger,
    private readonly hooks: SqliteStoreHooks,
  ) {
    this.statements = new StatementCache(db);
  }

  /**
   * Opens (creating folder and file if missing) and migrates the database. Rejects with a StoreError:
   * `not_writable`, `corrupt` (the file is left untouched), `future_version`, or `io`.
   */
  static async open(file: string, logger?: Logger, hooks: SqliteStoreHooks = {}): Promise<SqliteStore> {
    const log = (logger ?? pino({ level: 'silent' })).child({ component: 'sqlite-store' });
    const absolute = path.resolve(file);
    await ensureWritable(absolute);
    let db: sqlite3.Database;
    try {
      db = await openDatabase(absolute, true);
    } catch (err) {
      throw driverError(`opening ${absolute}`, err);
    }
    try {
      await prepare(db, absolute);
    } catch (err) {
      await closeDatabase(db).catch((closeErr: unknown) => log.error({ err: closeErr, file: absolute }, 'closing a refused database failed'));
      throw err;
    }
    log.info({ file: absolute, schemaVersion: SCHEMA_VERSION }, 'database open');
    return new SqliteStore(db, absolute, log, hooks);
  }

  async createBoard(board: BoardRecord, docs: InitialDoc[]): Promise<void> {
    checkBoard(board);
    checkInitialDocs(board.id, docs);
    const now = Date.now();
    await this.transaction('createBoard', async (db) => {
      if (await get(db, 'SELECT 1 FROM boards WHERE id = ?', [board.id])) {
        throw new StoreError(STORE_ERROR.exists, `board ${board.id} already exists`);
      }
      const h = board.tokenHashes;
      await run(
        db,
        'INSERT INTO boards (id, title, created_at, facilitator_hash, participant_hash, projector_hash, join_code) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [board.id, board.title, board.createdAt, h.facilitator, h.participant, h.projector, board.joinCode],
      );
      for (const initial of docs) await writeSnapshot(db, initial.doc, initial.update, now);
    });
  }

  async getBoard(id: string): Promise<BoardRecord | undefined> {
    checkId(id, 'board id');
    const row = await this.serial('getBoard', (db) => get(db, 'SELECT * FROM boards WHERE id = ?', [id]));
    return row ? boardFromRow(row) : undefined;
  }

  async findBoardByJoinCode(code: string): Promise<BoardRecord | undefined> {
    checkJoinCode(code);
    const row = await this.serial('findBoardByJoinCode', (db) => get(db, 'SELECT * FROM boards WHERE join_code = ?', [code]));
    return row ? boardFromRow(row) : undefined;
  }

  async updateCredentials(boardId: string, change: CredentialChange): Promise<void> {
    checkId(boardId, 'board id');
    checkCredentialChange(change);
    await this.transaction('updateCredentials', async (db) => {
      if (!(await get(db, 'SELECT 1 FROM boards WHERE id = ?', [boardId]))) throw new StoreError(STORE_ERROR.notFound, `board ${boardId} not found`);
      if (change.joinCode !== undefined && (await get(db, 'SELECT 1 FROM boards WHERE join_code = ? AND id <> ?', [change.joinCode, boardId]))) {
        throw new StoreError(STORE_ERROR.exists, 'join code already in use');
      }
      for (const [role, hash] of Object.entries(change.tokenHashes ?? {})) {
        // Column names come from the fixed ROLES list (checked above), never from input.
        await run(db, `UPDATE boards SET ${role}_hash = ? WHERE id = ?`, [hash, boardId]);
      }
      if (change.joinCode !== undefined) await run(db, 'UPDATE boards SET join_code = ? WHERE id = ?', [change.joinCode, boardId]);
    });
  }

  async addMember(member: MemberRecord): Promise<void> {
    checkMember(member);
    await this.transaction('addMember', async (db) => {
      if (!(await get(db, 'SELECT 1 FROM boards WHERE id = ?', [member.boardId]))) {
        throw new StoreError(STORE_ERROR.notFound, `board ${member.boardId} does not exist`);
      }
      if (await get(db, 'SELECT 1 FROM members WHERE board_id = ? AND id = ?', [member.boardId, member.id])) {
        throw new StoreError(STORE_ERROR.exists, `member ${member.id} already exists on board ${member.boardId}`);
      }
      await run(
        db,
        'INSERT INTO members (id, board_id, key_hash, name, role, department, joined_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [member.id, member.boardId, member.keyHash, member.name, member.role, member.department, member.joinedAt],
      );
    });
  }

  async getMember(boardId: string, memberId: string): Promise<MemberRecord | undefined> {
    checkId(boardId, 'board id');
    checkId(memberId, 'member id');
    const row = await this.serial('getMember', (db) =>
      get(db, 'SELECT * FROM members WHERE board_id = ? AND id = ?', [boardId, memberId]),
    );
    return row && memberFromRow(row);
  }

  async listMembers(boardId: string): Promise<MemberRecord[]> {
    checkId(boardId, 'board id');
    const rows = await this.serial('listMembers', (db) =>
      all(db, 'SELECT * FROM members WHERE board_id = ? ORDER BY joined_at, id', [boardId]),
    );
    return rows.map(memberFromRow);
  }

  async loadDoc(address: DocAddress): Promise<StoredDoc> {
    const key = checkDocAddress(address, 'doc');
    const { boardId } = address;
    // Both reads run back to back on the serial chain, so no commit can fall between them.
    return this.serial('loadDoc', async (db) => {
      const snap = await get(db, 'SELECT data FROM doc_snapshots WHERE board_id = ? AND doc_key = ?', [boardId, key]);
      const rows = await all(db, 'SELECT data FROM doc_updates WHERE board_id = ? AND doc_key = ? ORDER BY seq', [boardId, key]);
      return {
        snapshot: snap ? fromBlob(snap.data, 'doc_snapshots.data') : null,
        updates: rows.map((row) => fromBlob(row.data, 'doc_updates.data')),
      };
    });
  }

  async write(batch: WriteBatch): Promise<void> {
    const compacted = checkBatch(batch);
    const now = Date.now();
    if (batch.compactions.length === 0 && batch.appends.length <= UPDATE_ROWS_PER_INSERT) {
      // The common commit (a busy board's group commit): one INSERT, which SQLite runs as a transaction of its own
      // (autocommit: all rows or none, durable when it returns, as with BEGIN … COMMIT). One trip through
      // sqlite3's thread pool instead of three (docs/benchmarks.md).
      await this.serial('write', async () => {
        this.hooks.beforeCommit?.('write');
        if (batch.appends.length > 0) await this.appendUpdates(batch.appends, now);
      });
      return;
    }
    await this.transaction('write', async (db) => {
      for (const c of batch.compactions) await writeSnapshot(db, c.doc, c.snapshot, now);
      // The compaction's snapshot already covers the updates of a compacted doc.
      const rows = batch.appends.filter((a) => !compacted.has(docRef(a.doc)));
      for (let start = 0; start < rows.length; start += UPDATE_ROWS_PER_INSERT) await this.appendUpdates(rows.slice(start, start + UPDATE_ROWS_PER_INSERT), now);
    });
  }

  /**
   * Appends log rows in one INSERT (at most UPDATE_ROWS_PER_INSERT): each statement is a round trip through
   * sqlite3's thread pool, which is most of a busy board's storage cost; the rows are the same as one statement
   * per update, in order.
   */
  private appendUpdates(rows: readonly UpdateAppend[], now: number): Promise<number> {
    const params: SqlValue[] = [];
    for (const a of rows) params.push(a.doc.boardId, docKey(a.doc), toBlob(a.update), now);
    return this.statements.run(insertUpdatesSql(rows.length), params);
  }

  async countUpdates(address: DocAddress): Promise<number> {
    const key = checkDocAddress(address, 'doc');
    const row = await this.serial('countUpdates', (db) =>
      get(db, 'SELECT COUNT(*) AS n FROM doc_updates WHERE board_id = ? AND doc_key = ?', [address.boardId, key]),
    );
    return row ? wholeNumber(row, 'n') : 0;
  }

  async listPrivateDocMembers(boardId: string): Promise<string[]> {
    checkId(boardId, 'board id');
    const prefix = PRIVATE_DOC_KEY_PREFIX;
    // substr comparison instead of LIKE: no escaping of `%` and `_` in the prefix.
    const rows = await this.serial('listPrivateDocMembers', (db) =>
      all(
        db,
        `SELECT doc_key FROM doc_snapshots WHERE board_id = ?1 AND substr(doc_key, 1, length(?2)) = ?2
         UNION SELECT doc_key FROM doc_updates WHERE board_id = ?1 AND substr(doc_key, 1, length(?2)) = ?2
         ORDER BY doc_key`,
        [boardId, prefix],
      ),
    );
    return rows.map((row) => text(row, 'doc_key').slice(prefix.length));
  }

  async createCheckpoint(checkpoint: CheckpointRecord): Promise<void> {
    checkCheckpoint(checkpoint);
    await this.transaction('createCheckpoint', async (db) => {
      await requireBoard(db, checkpoint.boardId);
      if (await get(db, 'SELECT 1 FROM checkpoints WHERE board_id = ? AND id = ?', [checkpoint.boardId, checkpoint.id])) {
        throw new StoreError(STORE_ERROR.exists, `checkpoint ${checkpoint.id} already exists on board ${checkpoint.boardId}`);
      }
      await run(
        db,
        'INSERT INTO checkpoints (board_id, id, name, created_at, board_state, session_state) VALUES (?, ?, ?, ?, ?, ?)',
        [checkpoint.boardId, checkpoint.id, checkpoint.name, checkpoint.createdAt, toBlob(checkpoint.boardState), toBlob(checkpoint.sessionState)],
      );
    });
  }

  async listCheckpoints(boardId: string): Promise<CheckpointSummary[]> {
    checkId(boardId, 'board id');
    const rows = await this.serial('listCheckpoints', (db) =>
      all(db, 'SELECT board_id, id, name, created_at FROM checkpoints WHERE board_id = ? ORDER BY created_at, id', [boardId]),
    );
    return rows.map(checkpointSummaryFromRow);
  }

  async getCheckpoint(boardId: string, id: string): Promise<CheckpointRecord | undefined> {
    checkId(boardId, 'board id');
    checkId(id, 'checkpoint id');
    const row = await this.serial('getCheckpoint', (db) => get(db, 'SELECT * FROM checkpoints WHERE board_id = ? AND id = ?', [boardId, id]));
    if (!row) return undefined;
    return {
      id: text(row, 'id'),
      boardId: text(row, 'board_id'),
      name: text(row, 'name'),
      createdAt: wholeNumber(row, 'created_at'),
      boardState: fromBlob(row.board_state, 'checkpoints.board_state'),
      sessionState: fromBlob(row.session_state, 'checkpoints.session_state'),
    };
  }

  async recordJoin(boardId: string, memberId: string, at: number): Promise<number> {
    checkId(boardId, 'board id');
    checkId(memberId, 'member id');
    checkTime(at, 'at');
    return this.transaction('recordJoin', async (db) => {
      await requireBoard(db, boardId);
      const row = await get(db, 'INSERT INTO attendance (board_id, member_id, joined_at, left_at) VALUES (?, ?, ?, NULL) RETURNING id', [
        boardId,
        memberId,
        at,
      ]);
      if (!row) throw new StoreError(STORE_ERROR.io, 'recordJoin: the insert returned no id');
      return wholeNumber(row, 'id');
    });
  }

  async recordLeave(visitId: number, at: number): Promise<void> {
    checkVisitId(visitId);
    checkTime(at, 'at');
    await this.transaction('recordLeave', async (db) => {
      if (!(await get(db, 'SELECT 1 FROM attendance WHERE id = ?', [visitId]))) {
        throw new StoreError(STORE_ERROR.notFound, `attendance visit ${visitId} does not exist`);
      }
      await run(db, 'UPDATE attendance SET left_at = ? WHERE id = ? AND left_at IS NULL', [at, visitId]);
    });
  }

  async listAttendance(boardId: string): Promise<AttendanceRecord[]> {
    checkId(boardId, 'board id');
    const rows = await this.serial('listAttendance', (db) =>
      all(db, 'SELECT * FROM attendance WHERE board_id = ? ORDER BY joined_at, id', [boardId]),
    );
    return rows.map(attendanceFromRow);
  }

  /** Reads one pragma's value (tests and diagnostics). */
  async pragma(name: 'journal_mode' | 'synchronous' | 'foreign_keys' | 'user_version' | 'busy_timeout' | 'cache_size'): Promise<unknown> {
    const row = await this.serial('pragma', (db) => get(db, `PRAGMA ${name}`));
    return row ? Object.values(row)[0] : undefined;
  }

  /** Closes after every queued operation settled; idempotent. */
  close(): Promise<void> {
    this.closing ??= this.chain.then(async () => {
      await this.statements.finalizeAll();
      await closeDatabase(this.db);
      this.logger.info({ file: this.file }, 'database closed');
    });
    return this.closing;
  }

  /** Queues `op` behind every earlier operation; rejects at once when the store is closing. */
  private serial<T>(operation: string, op: (db: sqlite3.Database) => Promise<T>): Promise<T> {
    if (this.closing) return Promise.reject(new StoreError(STORE_ERROR.closed, `${operation}: the store is closed`));
    const result = this.chain.then(() => op(this.db));
    // The chain only orders operations; each operation's own error reaches its caller through `result`.
    this.chain = result.then(
      () => undefined,
      () => undefined,
    );
    return result.catch((err: unknown) => {
      throw driverError(operation, err);
    });
  }

  /** Runs `body` in BEGIN IMMEDIATE … COMMIT on the serial chain; any error rolls everything back and is re-thrown typed. */
  private transaction<T>(operation: string, body: (db: sqlite3.Database) => Promise<T>): Promise<T> {
    return this.serial(operation, async (db) => {
      await this.statements.run('BEGIN IMMEDIATE');
      try {
        const result = await body(db);
        this.hooks.beforeCommit?.(operation);
        await this.statements.run('COMMIT');
        return result;
      } catch (err) {
        await this.rollback(db, operation);
        this.logger.debug({ err, operation }, 'transaction rolled back');
        throw err;
      }
    });
  }

  private async rollback(db: sqlite3.Database, operation: string): Promise<void> {
    try {
      await run(db, 'ROLLBACK');
    } catch (err) {
      // SQLite already rolled back on its own after some errors (e.g. an I/O error during COMMIT): nothing to undo.
      if (/no transaction is active/i.test(errorMessage(err))) return;
      this.logger.error({ err, operation, file: this.file }, 'ROLLBACK failed');
    }
  }
}

/** Creates the folder and checks the folder and file can be written, naming them in the error. */
async function ensureWritable(file: string): Promise<void> {
  const dir = path.dirname(file);
  try {
    await fs.mkdir(dir, { recursive: true });
    await fs.access(dir, fs.constants.W_OK | fs.constants.R_OK);
  } catch (err) {
    throw new StoreError(STORE_ERROR.notWritable, `data folder ${dir} cannot be created or written: ${errorMessage(err)}`, { cause: err });
  }
  let stat;
  try {
    stat = await fs.stat(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new StoreError(STORE_ERROR.notWritable, `database file ${file} cannot be read: ${errorMessage(err)}`, { cause: err });
  }
  if (!stat.isFile()) throw new StoreError(STORE_ERROR.notWritable, `database path ${file} is not a regular file`);
  try {
    await fs.access(file, fs.constants.W_OK | fs.constants.R_OK);
  } catch (err) {
    throw new StoreError(STORE_ERROR.notWritable, `database file ${file} is not writable: ${errorMessage(err)}`, { cause: err });
  }
}

/** Checks integrity before anything writes to the file, then sets the pragmas and migrates. */
async function prepare(db: sqlite3.Database, file: string): Promise<void> {
  await run(db, `PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // quick_check first: a corrupt file must not get a WAL header or a migration written into it.
  let rows: SqlRow[];
  try {
    rows = await all(db, 'PRAGMA quick_check');
  } catch (err) {
    throw corrupt(file, errorMessage(err), err);
  }
  const problems = rows.map((row) => String(Object.values(row)[0]));
  if (problems.length !== 1 || problems[0] !== 'ok') throw corrupt(file, problems.slice(0, 3).join('; '));

  const mode = await get(db, 'PRAGMA journal_mode = WAL');
  if (!mode || mode.journal_mode !== 'wal') {
    throw new StoreError(STORE_ERROR.notWritable, `database ${file} could not switch to WAL mode (got ${String(mode?.journal_mode)})`);
  }
  await run(db, 'PRAGMA synchronous = FULL');
  await run(db, 'PRAGMA foreign_keys = ON');
  await run(db, `PRAGMA cache_size = -${PAGE_CACHE_KIB}`);
  await migrate(db, file);
}

function corrupt(file: string, detail: string, cause?: unknown): StoreError {
  return new StoreError(
    STORE_ERROR.corrupt,
    `database ${file} failed its integrity check (${detail}); it was left untouched: restore it from a backup or move it away`,
    { cause },
  );
}

/** Applies every migration above the file's user_version, each in its own transaction with the version bump. */
async function migrate(db: sqlite3.Database, file: string): Promise<void> {
  const row = await get(db, 'PRAGMA user_version');
  const current = row ? wholeNumber(row, 'user_version') : 0;
  if (current > SCHEMA_VERSION) {
    throw new StoreError(
      STORE_ERROR.futureVersion,
      `database ${file} has schema version ${current}, newer than this Journeyroom knows (${SCHEMA_VERSION}); run a newer version`,
    );
  }
  for (const step of MIGRATIONS) {
    if (step.version <= current) continue;
    await run(db, 'BEGIN IMMEDIATE');
    try {
      await exec(db, step.sql);
      // user_version lives in the file header and is transactional: it moves only if the step commits.
      await run(db, `PRAGMA user_version = ${step.version}`);
      await run(db, 'COMMIT');
    } catch (err) {
      await run(db, 'ROLLBACK').catch((rollbackErr: unknown) => {
        throw driverError(`migration ${step.version} of ${file} (and its rollback: ${errorMessage(rollbackErr)})`, err);
      });
      throw driverError(`migration ${step.version} of ${file}`, err);
    }
  }
}

async function writeSnapshot(db: sqlite3.Database, doc: DocAddress, data: Uint8Array, now: number): Promise<void> {
  const { boardId } = doc;
  const key = docKey(doc);
  await run(
    db,
    `INSERT INTO doc_snapshots (board_id, doc_key, data, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (board_id, doc_key) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`,
    [boardId, key, toBlob(data), now],
  );
  await run(db, 'DELETE FROM doc_updates WHERE board_id = ? AND doc_key = ?', [boardId, key]);
}

/** The INSERT of `rows` update-log rows, built once per row count. */
const insertUpdatesSqls = new Map<number, string>();
function insertUpdatesSql(rows: number): string {
  let sql = insertUpdatesSqls.get(rows);
  if (!sql) {
    sql = `INSERT INTO doc_updates (board_id, doc_key, data, created_at) VALUES ${Array.from({ length: rows }, () => '(?, ?, ?, ?)').join(', ')}`;
    insertUpdatesSqls.set(rows, sql);
  }
  return sql;
}

async function requireBoard(db: sqlite3.Database, boardId: string): Promise<void> {
  if (!(await get(db, 'SELECT 1 FROM boards WHERE id = ?', [boardId]))) {
    throw new StoreError(STORE_ERROR.notFound, `board ${boardId} does not exist`);
  }
}




function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

const DRIVER_CODES: Record<string, StoreErrorCode> = {
  SQLITE_CORRUPT: STORE_ERROR.corrupt,
  SQLITE_NOTADB: STORE_ERROR.corrupt,
  SQLITE_READONLY: STORE_ERROR.notWritable,
  SQLITE_CANTOPEN: STORE_ERROR.notWritable,
  SQLITE_PERM: STORE_ERROR.notWritable,
};

/** Wraps a driver error as a StoreError naming the operation (StoreErrors pass through unchanged). */
function driverError(operation: string, err: unknown): StoreError {
  if (err instanceof StoreError) return err;
  const code = (err as SqliteDriverError | undefined)?.code;
  return new StoreError((code && DRIVER_CODES[code]) || STORE_ERROR.io, `${operation} failed: ${errorMessage(err)}`, { cause: err });
}

