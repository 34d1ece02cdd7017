/**
 * BoardStore on PostgreSQL through `pg` (a pool). Every write is one transaction and resolves only after
 * COMMIT, so "saved" still means committed. Several instances may share one database: compaction of a doc
 * takes a transaction-scoped advisory lock on that doc (one compacting writer at a time) and merges into its
 * snapshot whatever another instance logged or compacted that this instance's live doc may not have seen.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { pino, type Logger } from 'pino';
import * as Y from 'yjs';
import { PRIVATE_DOC_KEY_PREFIX, docKey, docRef, type DocAddress } from '../../../shared/protocol.js';
import type { AttendanceRecord } from '../attendance-store.js';
import type { BoardRecord, CredentialChange, InitialDoc, MemberRecord } from '../board-directory.js';
import type { BoardStore } from '../board-store.js';
import type { CheckpointRecord, CheckpointSummary } from '../checkpoint-store.js';
import type { Compaction, StoredDoc, WriteBatch } from '../document-store.js';
import { STORE_ERROR, StoreError } from '../store-error.js';
import {
  checkBatch,
  checkBoard,
  checkCheckpoint,
  checkCredentialChange,
  checkDocAddress,
  checkId,
  checkInitialDocs,
  checkJoinCode,
  checkMember,
  checkTime,
  checkVisitId,
} from '../validate.js';
import { PG_MIGRATIONS, PG_SCHEMA_VERSION } from './pg-migrations.js';
import { ownedBytes } from '../blob-bytes.js';
import { attendanceFromRow, boardFromRow, checkpointSummaryFromRow, memberFromRow, text, wholeNumber, type Row } from '../row-readers.js';

/** Connections in one instance's pool (commits are serialised by the write queue; reads are short). */
export const PG_POOL_SIZE = 8;
/** Give up connecting to PostgreSQL after this long (the write queue retries the commit). */
export const PG_CONNECT_TIMEOUT_MS = 5_000;
/** Cancel a statement that runs longer than this (a stuck lock must not hold a commit forever). */
export const PG_STATEMENT_TIMEOUT_MS = 30_000;
/** First key of every advisory lock this store takes (the second is a hash of what is locked). */
export const ADVISORY_LOCK_CLASS = 0x4a52; // "JR"
/** Second key of the advisory lock that serialises migrations. */
const MIGRATION_LOCK_KEY = 0;

/** A valid PostgreSQL schema name for our tables (quoted nowhere: only this shape is accepted). */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Everything of one board, for `importBoard` (moving up from SQLite: scripts/migrate-store.ts). */
export interface BoardBundle {
  board: BoardRecord;
  /** every doc of the board as one merged state each */
  docs: InitialDoc[];
  members: MemberRecord[];
  checkpoints: CheckpointRecord[];
  /** visits in join order; their ids are assigned anew */
  attendance: Omit<AttendanceRecord, 'id'>[];
}

/** Options of PgStore.open. */
export interface PgStoreOptions {
  /** postgres://user@host:port/database */
  connectionString: string;
  /** Schema that holds the tables (created if missing); default `journeyroom`. */
  schema?: string;
  logger?: Logger;
  /** Pool size; default PG_POOL_SIZE. */
  poolSize?: number;
}


/** BoardStore backed by PostgreSQL; create it with `PgStore.open`. */
export class PgStore implements BoardStore {
  private closing: Promise<void> | undefined;
  private readonly active = new Set<Promise<unknown>>();
  /** Identifies this store instance's log rows and snapshots (see compact()). */
  readonly writerId = randomBytes(9).toString('base64url');

  private constructor(
    private readonly pool: pg.Pool,
    /** Schema holding the tables. */
    readonly schema: string,
    private readonly logger: Logger,
  ) {}

  /** Connects, creates the schema if missing and migrates it. Rejects with a StoreError (`io`, `future_version`, `invalid`). */
  static async open(options: PgStoreOptions): Promise<PgStore> {
    const schema = options.schema ?? 'journeyroom';
    if (!SCHEMA_NAME.test(schema)) throw new StoreError(STORE_ERROR.invalid, `PostgreSQL schema name ${JSON.stringify(schema)} must match ${SCHEMA_NAME}`);
    const log = (options.logger ?? pino({ level: 'silent' })).child({ component: 'pg-store' });
    const pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.poolSize ?? PG_POOL_SIZE,
      connectionTimeoutMillis: PG_CONNECT_TIMEOUT_MS,
      statement_timeout: PG_STATEMENT_TIMEOUT_MS,
      options: `-c search_path=${schema}`,
    });
    // A connection that loses its server emits 'error': on the pool while idle, on the client while checked out
    // (then the query in flight rejects too). Without a listener either would crash the process.
    pool.on('error', (err) => log.warn({ err }, 'idle PostgreSQL connection failed'));
    pool.on('connect', (client) => client.on('error', (err) => log.warn({ err }, 'PostgreSQL connection failed')));
    try {
      await migrate(pool, schema);
    } catch (err) {
      await pool.end().catch((endErr: unknown) => log.error({ err: endErr }, 'closing the pool after a failed open failed'));
      throw driverError('opening PostgreSQL', err);
    }
    log.info({ schema, schemaVersion: PG_SCHEMA_VERSION }, 'PostgreSQL store open');
    return new PgStore(pool, schema, log);
  }

  async createBoard(board: BoardRecord, docs: InitialDoc[]): Promise<void> {
    checkBoard(board);
    checkInitialDocs(board.id, docs);
    const now = Date.now();
    await this.transaction('createBoard', async (c) => {
      const h = board.tokenHashes;
      const inserted = await c.query(
        `INSERT INTO boards (id, title, created_at, facilitator_hash, participant_hash, projector_hash, join_code)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING`,
        [board.id, board.title, board.createdAt, h.facilitator, h.participant, h.projector, board.joinCode],
      );
      if (inserted.rowCount === 0) throw new StoreError(STORE_ERROR.exists, `board ${board.id} already exists`);
      for (const initial of docs) await this.writeSnapshot(c, initial.doc, initial.update, now);
    });
  }

  async getBoard(id: string): Promise<BoardRecord | undefined> {
    checkId(id, 'board id');
    const rows = await this.query('getBoard', 'SELECT * FROM boards WHERE id = $1', [id]);
    return rows[0] && boardFromRow(rows[0]);
  }

  async findBoardByJoinCode(code: string): Promise<BoardRecord | undefined> {
    checkJoinCode(code);
    const rows = await this.query('findBoardByJoinCode', 'SELECT * FROM boards WHERE join_code = $1', [code]);
    return rows[0] && boardFromRow(rows[0]);
  }

  async updateCredentials(boardId: string, change: CredentialChange): Promise<void> {
    checkId(boardId, 'board id');
    checkCredentialChange(change);
    await this.transaction('updateCredentials', async (c) => {
      const found = await c.query('SELECT 1 FROM boards WHERE id = $1 FOR UPDATE', [boardId]);
      if (found.rowCount === 0) throw new StoreError(STORE_ERROR.notFound, `board ${boardId} not found`);
      if (change.joinCode !== undefined) {
        const taken = await c.query('SELECT 1 FROM boards WHERE join_code = $1 AND id <> $2', [change.joinCode, boardId]);
        if (taken.rowCount) throw new StoreError(STORE_ERROR.exists, 'join code already in use');
        await c.query('UPDATE boards SET join_code = $1 WHERE id = $2', [change.joinCode, boardId]);
      }
      for (const [role, hash] of Object.entries(change.tokenHashes ?? {})) {
        // Column names come from the fixed ROLES list (checked by checkCredentialChange), never from input.
        await c.query(`UPDATE boards SET ${role}_hash = $1 WHERE id = $2`, [hash, boardId]);
      }
    });
  }

  async addMember(member: MemberRecord): Promise<void> {
    checkMember(member);
    await this.transaction('addMember', async (c) => {
      await requireBoard(c, member.boardId);
      const inserted = await c.query(
        `INSERT INTO members (board_id, id, key_hash, name, role, department, joined_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (board_id, id) DO NOTHING`,
        [member.boardId, member.id, member.keyHash, member.name, member.role, member.department, member.joinedAt],
      );
      if (inserted.rowCount === 0) throw new StoreError(STORE_ERROR.exists, `member ${member.id} already exists on board ${member.boardId}`);
    });
  }

  async getMember(boardId: string, memberId: string): Promise<MemberRecord | undefined> {
    checkId(boardId, 'board id');
    checkId(memberId, 'member id');
    const rows = await this.query('getMember', 'SELECT * FROM members WHERE board_id = $1 AND id = $2', [boardId, memberId]);
    return rows[0] && memberFromRow(rows[0]);
  }

  async listMembers(boardId: string): Promise<MemberRecord[]> {
    checkId(boardId, 'board id');
    const rows = await this.query('listMembers', 'SELECT * FROM members WHERE board_id = $1 ORDER BY joined_at, id COLLATE "C"', [boardId]);
    return rows.map(memberFromRow);
  }

  async loadDoc(address: DocAddress): Promise<StoredDoc> {
    const key = checkDocAddress(address, 'doc');
    const { boardId } = address;
    // One REPEATABLE READ snapshot for both reads: a compaction committing in between cannot make us see the
    // new snapshot without the rows it merged, or the old rows without the snapshot they belong to.
    return this.transaction(
      'loadDoc',
      async (c) => {
        const snap = await c.query('SELECT data FROM doc_snapshots WHERE board_id = $1 AND doc_key = $2', [boardId, key]);
        const rows = await c.query('SELECT data FROM doc_updates WHERE board_id = $1 AND doc_key = $2 ORDER BY seq', [boardId, key]);
        const first = snap.rows[0] as Row | undefined;
        return {
          snapshot: first ? bytes(first, 'data') : null,
          updates: rows.rows.map((row: Row) => bytes(row, 'data')),
        };
      },
      'REPEATABLE READ',
    );
  }

  async write(batch: WriteBatch): Promise<void> {
    const compacted = checkBatch(batch);
    const now = Date.now();
    await this.transaction('write', async (c) => {
      for (const compaction of batch.compactions) await this.compact(c, compaction, now);
      const appends = batch.appends.filter((a) => !compacted.has(docRef(a.doc)));
      if (appends.length === 0) return;
      // One INSERT for the whole batch: a commit is one round trip however many docs it carries.
      await c.query(
        `INSERT INTO doc_updates (board_id, doc_key, data, writer, created_at)
         SELECT b, d, u, $4, $5 FROM unnest($1::text[], $2::text[], $3::bytea[]) WITH ORDINALITY AS t(b, d, u, n) ORDER BY n`,
        [appends.map((a) => a.doc.boardId), appends.map((a) => docKey(a.doc)), appends.map((a) => toBuffer(a.update)), this.writerId, now],
      );
    });
  }

  async countUpdates(address: DocAddress): Promise<number> {
    const key = checkDocAddress(address, 'doc');
    const rows = await this.query('countUpdates', 'SELECT COUNT(*)::int AS n FROM doc_updates WHERE board_id = $1 AND doc_key = $2', [address.boardId, key]);
    return rows[0] ? wholeNumber(rows[0], 'n') : 0;
  }

  async listPrivateDocMembers(boardId: string): Promise<string[]> {
    checkId(boardId, 'board id');
    const prefix = PRIVATE_DOC_KEY_PREFIX;
    // left() comparison instead of LIKE: no escaping of `%` and `_` in the prefix.
    const rows = await this.query(
      'listPrivateDocMembers',
      `SELECT doc_key FROM (
         SELECT doc_key FROM doc_snapshots WHERE board_id = $1 AND left(doc_key, length($2)) = $2
         UNION SELECT doc_key FROM doc_updates WHERE board_id = $1 AND left(doc_key, length($2)) = $2
       ) AS keys ORDER BY doc_key COLLATE "C"`,
      [boardId, prefix],
    );
    return rows.map((row) => text(row, 'doc_key').slice(prefix.length));
  }

  async createCheckpoint(checkpoint: CheckpointRecord): Promise<void> {
    checkCheckpoint(checkpoint);
    await this.transaction('createCheckpoint', async (c) => {
      await requireBoard(c, checkpoint.boardId);
      const inserted = await c.query(
        `INSERT INTO checkpoints (board_id, id, name, created_at, board_state, session_state) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (board_id, id) DO NOTHING`,
        [checkpoint.boardId, checkpoint.id, checkpoint.name, checkpoint.createdAt, toBuffer(checkpoint.boardState), toBuffer(checkpoint.sessionState)],
      );
      if (inserted.rowCount === 0) throw new StoreError(STORE_ERROR.exists, `checkpoint ${checkpoint.id} already exists on board ${checkpoint.boardId}`);
    });
  }

  async listCheckpoints(boardId: string): Promise<CheckpointSummary[]> {
    checkId(boardId, 'board id');
    const rows = await this.query(
      'listCheckpoints',
      'SELECT board_id, id, name, created_at FROM checkpoints WHERE board_id = $1 ORDER BY created_at, id COLLATE "C"',
      [boardId],
    );
    return rows.map(checkpointSummaryFromRow);
  }

  async getCheckpoint(boardId: string, id: string): Promise<CheckpointRecord | undefined> {
    checkId(boardId, 'board id');
    checkId(id, 'checkpoint id');
    const rows = await this.query('getCheckpoint', 'SELECT * FROM checkpoints WHERE board_id = $1 AND id = $2', [boardId, id]);
    const row = rows[0];
    if (!row) return undefined;
    return {
      id: text(row, 'id'),
      boardId: text(row, 'board_id'),
      name: text(row, 'name'),
      createdAt: wholeNumber(row, 'created_at'),
      boardState: bytes(row, 'board_state'),
      sessionState: bytes(row, 'session_state'),
    };
  }

  async recordJoin(boardId: string, memberId: string, at: number): Promise<number> {
    checkId(boardId, 'board id');
    checkId(memberId, 'member id');
    checkTime(at, 'at');
    return this.transaction('recordJoin', async (c) => {
      await requireBoard(c, boardId);
      const result = await c.query('INSERT INTO attendance (board_id, member_id, joined_at, left_at) VALUES ($1, $2, $3, NULL) RETURNING id', [
        boardId,
        memberId,
        at,
      ]);
      const row = result.rows[0] as Row | undefined;
      if (!row) throw new StoreError(STORE_ERROR.io, 'recordJoin: the insert returned no id');
      return wholeNumber(row, 'id');
    });
  }

  async recordLeave(visitId: number, at: number): Promise<void> {
    checkVisitId(visitId);
    checkTime(at, 'at');
    await this.transaction('recordLeave', async (c) => {
      const found = await c.query('SELECT 1 FROM attendance WHERE id = $1 FOR UPDATE', [visitId]);
      if (found.rowCount === 0) throw new StoreError(STORE_ERROR.notFound, `attendance visit ${visitId} does not exist`);
      await c.query('UPDATE attendance SET left_at = $1 WHERE id = $2 AND left_at IS NULL', [at, visitId]);
    });
  }

  async listAttendance(boardId: string): Promise<AttendanceRecord[]> {
    checkId(boardId, 'board id');
    const rows = await this.query('listAttendance', 'SELECT * FROM attendance WHERE board_id = $1 ORDER BY joined_at, id', [boardId]);
    return rows.map(attendanceFromRow);
  }

  /**
   * Stores a whole board in one transaction, or nothing when a board with its id exists already (resolves
   * false): an interrupted migration leaves every board either complete or absent, so it can be re-run.
   */
  async importBoard(bundle: BoardBundle): Promise<boolean> {
    const { board } = bundle;
    checkBoard(board);
    checkInitialDocs(board.id, bundle.docs);
    for (const member of bundle.members) checkMember(member);
    for (const checkpoint of bundle.checkpoints) checkCheckpoint(checkpoint);
    const now = Date.now();
    return this.transaction('importBoard', async (c) => {
      const h = board.tokenHashes;
      const inserted = await c.query(
        `INSERT INTO boards (id, title, created_at, facilitator_hash, participant_hash, projector_hash, join_code)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING`,
        [board.id, board.title, board.createdAt, h.facilitator, h.participant, h.projector, board.joinCode],
      );
      if (inserted.rowCount === 0) return false;
      for (const initial of bundle.docs) await this.writeSnapshot(c, initial.doc, initial.update, now);
      for (const m of bundle.members) {
        await c.query('INSERT INTO members (board_id, id, key_hash, name, role, department, joined_at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
          m.boardId,
          m.id,
          m.keyHash,
          m.name,
          m.role,
          m.department,
          m.joinedAt,
        ]);
      }
      for (const cp of bundle.checkpoints) {
        await c.query('INSERT INTO checkpoints (board_id, id, name, created_at, board_state, session_state) VALUES ($1, $2, $3, $4, $5, $6)', [
          cp.boardId,
          cp.id,
          cp.name,
          cp.createdAt,
          toBuffer(cp.boardState),
          toBuffer(cp.sessionState),
        ]);
      }
      for (const visit of bundle.attendance) {
        await c.query('INSERT INTO attendance (board_id, member_id, joined_at, left_at) VALUES ($1, $2, $3, $4)', [
          visit.boardId,
          visit.memberId,
          checkTime(visit.joinedAt, 'joinedAt'),
          visit.leftAt === null ? null : checkTime(visit.leftAt, 'leftAt'),
        ]);
      }
      return true;
    });
  }

  /** Ids of every board, sorted (the migration's check). */
  async listBoardIds(): Promise<string[]> {
    const rows = await this.query('listBoardIds', 'SELECT id FROM boards ORDER BY id COLLATE "C"', []);
    return rows.map((row) => text(row, 'id'));
  }

  /** True when PostgreSQL answers a trivial query now (health). */
  async ping(): Promise<boolean> {
    if (this.closing) return false;
    try {
      await this.pool.query('SELECT 1');
      return true;
    } catch (err) {
      this.logger.debug({ err }, 'PostgreSQL ping failed');
      return false;
    }
  }

  /** Waits for the operations already started, then ends the pool; idempotent. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await Promise.allSettled([...this.active]);
      await this.pool.end();
      this.logger.info({ schema: this.schema }, 'PostgreSQL store closed');
    })();
    return this.closing;
  }

  /**
   * Replaces a doc's snapshot and deletes the log rows it covers, as the single compacting writer of that doc.
   * The given snapshot covers this instance's own rows and own earlier snapshot (the write queue encodes it
   * from the live doc that loaded or wrote them). Rows and a snapshot written by another instance may hold
   * updates our live doc has not received yet (Redis down or behind): those are merged in with Yjs instead
   * of being deleted unseen. Only rows read under the lock are deleted, never rows committed meanwhile.
   */
  private async compact(c: pg.PoolClient, compaction: Compaction, now: number): Promise<void> {
    const { boardId } = compaction.doc;
    const key = docKey(compaction.doc);
    await c.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [ADVISORY_LOCK_CLASS, docRef(compaction.doc)]);
    const snap = await c.query('SELECT data, writer FROM doc_snapshots WHERE board_id = $1 AND doc_key = $2', [boardId, key]);
    const rows = await c.query('SELECT seq, data, writer FROM doc_updates WHERE board_id = $1 AND doc_key = $2 ORDER BY seq', [boardId, key]);
    const foreign: Uint8Array[] = [];
    const stored = snap.rows[0] as Row | undefined;
    if (stored && text(stored, 'writer') !== this.writerId) foreign.push(bytes(stored, 'data'));
    for (const row of rows.rows as Row[]) if (text(row, 'writer') !== this.writerId) foreign.push(bytes(row, 'data'));
    const snapshot = foreign.length > 0 ? mergeStates(compaction.snapshot, foreign) : compaction.snapshot;
    await c.query(
      `INSERT INTO doc_snapshots (board_id, doc_key, data, writer, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (board_id, doc_key) DO UPDATE SET data = excluded.data, writer = excluded.writer, updated_at = excluded.updated_at`,
      [boardId, key, toBuffer(snapshot), this.writerId, now],
    );
    const seqs = (rows.rows as Row[]).map((row) => String(row.seq));
    if (seqs.length > 0) await c.query('DELETE FROM doc_updates WHERE seq = ANY($1::bigint[])', [seqs]);
  }

  private async writeSnapshot(c: pg.PoolClient, doc: DocAddress, data: Uint8Array, now: number): Promise<void> {
    const { boardId } = doc;
    const key = docKey(doc);
    await c.query(
      `INSERT INTO doc_snapshots (board_id, doc_key, data, writer, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (board_id, doc_key) DO UPDATE SET data = excluded.data, writer = excluded.writer, updated_at = excluded.updated_at`,
      [boardId, key, toBuffer(data), this.writerId, now],
    );
    await c.query('DELETE FROM doc_updates WHERE board_id = $1 AND doc_key = $2', [boardId, key]);
  }

  /** Runs one statement outside a transaction; rejects with a typed StoreError. */
  private query(operation: string, sql: string, params: unknown[]): Promise<Row[]> {
    return this.track(operation, async () => (await this.pool.query(sql, params)).rows as Row[]);
  }

  /** Runs `body` between BEGIN and COMMIT on one pooled connection; any error rolls back and is re-thrown typed. */
  private transaction<T>(operation: string, body: (c: pg.PoolClient) => Promise<T>, isolation = 'READ COMMITTED'): Promise<T> {
    return this.track(operation, async () => {
      const client = await this.pool.connect();
      let broken: Error | undefined;
      try {
        await client.query(`BEGIN ISOLATION LEVEL ${isolation}`);
        const result = await body(client);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        try {
          await client.query('ROLLBACK');
        } catch (rollbackErr) {
          // The connection itself failed: give it back destroyed, not to the pool.
          broken = rollbackErr instanceof Error ? rollbackErr : new Error(String(rollbackErr));
          this.logger.debug({ err: rollbackErr, operation }, 'ROLLBACK failed');
        }
        throw err;
      } finally {
        client.release(broken);
      }
    });
  }

  /** Refuses calls after close, keeps a handle on running calls so close() waits for them, and types errors. */
  private track<T>(operation: string, run: () => Promise<T>): Promise<T> {
    if (this.closing) return Promise.reject(new StoreError(STORE_ERROR.closed, `${operation}: the store is closed`));
    const result = run().catch((err: unknown) => {
      throw driverError(operation, err);
    });
    this.active.add(result);
    const forget = (): void => {
      this.active.delete(result);
    };
    result.then(forget, forget);
    return result;
  }
}

/** Creates the schema if missing and applies every step above its recorded version, under one advisory lock. */
async function migrate(pool: pg.Pool, schema: string): Promise<void> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    // Instances starting together: the first migrates, the others wait here and then find nothing to do.
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', [ADVISORY_LOCK_CLASS, MIGRATION_LOCK_KEY]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
    const found = await client.query('SELECT version FROM schema_version');
    const current = found.rows[0] ? Number((found.rows[0] as Row).version) : 0;
    if (current > PG_SCHEMA_VERSION) {
      throw new StoreError(
        STORE_ERROR.futureVersion,
        `PostgreSQL schema ${schema} has version ${current}, newer than this Journeyroom knows (${PG_SCHEMA_VERSION}); run a newer version`,
      );
    }
    for (const step of PG_MIGRATIONS) if (step.version > current) await client.query(step.sql);
    if (found.rowCount === 0) await client.query('INSERT INTO schema_version (version) VALUES ($1)', [PG_SCHEMA_VERSION]);
    else await client.query('UPDATE schema_version SET version = $1', [PG_SCHEMA_VERSION]);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch((rollbackErr: unknown) => {
      broken = rollbackErr instanceof Error ? rollbackErr : new Error(String(rollbackErr));
    });
    throw err;
  } finally {
    client.release(broken);
  }
}

/** The merged state of `base` and `others` (Yjs updates): a union, whatever each already contains. */
function mergeStates(base: Uint8Array, others: Uint8Array[]): Uint8Array {
  const doc = new Y.Doc({ gc: true });
  try {
    doc.transact(() => {
      Y.applyUpdate(doc, base);
      for (const update of others) Y.applyUpdate(doc, update);
    });
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

async function requireBoard(c: pg.PoolClient, boardId: string): Promise<void> {
  const found = await c.query('SELECT 1 FROM boards WHERE id = $1', [boardId]);
  if (found.rowCount === 0) throw new StoreError(STORE_ERROR.notFound, `board ${boardId} does not exist`);
}

/** A byte array as a Buffer sharing its memory (what pg binds as BYTEA). */
function toBuffer(data: Uint8Array): Buffer {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

function bytes(row: Row, column: string): Uint8Array {
  const value = row[column];
  if (!(value instanceof Uint8Array)) throw new StoreError(STORE_ERROR.corrupt, `column ${column} is not BYTEA`);
  return ownedBytes(value);
}





/** Wraps a driver error as a StoreError naming the operation (StoreErrors pass through unchanged). */
function driverError(operation: string, err: unknown): StoreError {
  if (err instanceof StoreError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new StoreError(STORE_ERROR.io, `${operation} failed: ${message}`, { cause: err });
}
