/**
 * Promise wrappers around npm sqlite3's callback API. Parameters are typed as plain SQL values so an object
 * can never be bound (CVE-2022-43441: sqlite3 < 5.1.5 ran code from crafted objects bound as parameters).
 */
import sqlite3 from 'sqlite3';
import { ownedBytes } from './blob-bytes.js';

/** The only values we bind: text, numbers, blobs and NULL. */
export type SqlValue = string | number | Buffer | null;

/** A row as sqlite3 returns it; callers narrow each column. */
export type SqlRow = Record<string, unknown>;

/** The driver's error: an Error with sqlite's code name (`SQLITE_BUSY`, `SQLITE_IOERR`, ...). */
export type SqliteDriverError = Error & { code?: string; errno?: number };

/** Opens (and, with `create`, creates) a database file. */
export function openDatabase(file: string, create: boolean): Promise<sqlite3.Database> {
  const mode = sqlite3.OPEN_READWRITE | (create ? sqlite3.OPEN_CREATE : 0);
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, mode, (err) => (err ? reject(err) : resolve(db)));
  });
}

/** Runs one statement; resolves with the number of changed rows. */
export function run(db: sqlite3.Database, sql: string, params: readonly SqlValue[] = []): Promise<number> {
  return new Promise((resolve, reject) => {
    db.run(sql, params, function (this: sqlite3.RunResult, err: Error | null) {
      if (err) reject(err);
      else resolve(this.changes);
    });
  });
}

/** Runs a query; resolves with its first row or undefined. */
export function get(db: sqlite3.Database, sql: string, params: readonly SqlValue[] = []): Promise<SqlRow | undefined> {
  return new Promise((resolve, reject) => {
    db.get<SqlRow | undefined>(sql, params, (err, row) => (err ? reject(err) : resolve(row)));
  });
}

/** Runs a query; resolves with all its rows. */
export function all(db: sqlite3.Database, sql: string, params: readonly SqlValue[] = []): Promise<SqlRow[]> {
  return new Promise((resolve, reject) => {
    db.all<SqlRow>(sql, params, (err, rows) => (err ? reject(err) : resolve(rows)));
  });
}

/** Runs several statements without parameters (migrations). */
export function exec(db: sqlite3.Database, sql: string): Promise<void> {
  return new Promise((resolve, reject) => {
    db.exec(sql, (err) => (err ? reject(err) : resolve()));
  });
}

/** Closes the database handle. */
export function closeDatabase(db: sqlite3.Database): Promise<void> {
  return new Promise((resolve, reject) => {
    db.close((err) => (err ? reject(err) : resolve()));
  });
}
/** A byte array as a Buffer sharing its memory (what sqlite3 binds as a BLOB). */
export function toBlob(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** A BLOB column as a plain Uint8Array owned by the caller (blob-bytes.ts: wrapped, not copied). */
export function fromBlob(value: unknown, column: string): Uint8Array {
  if (!(value instanceof Uint8Array)) throw new TypeError(`column ${column} is not a BLOB`);
  return ownedBytes(value);
}

/**
 * Prepared statements kept for the writes a store runs again and again (a commit's BEGIN, INSERT and COMMIT).
 * `run()` prepares and finalizes a statement on every call, which cost a busy board more main-thread CPU than
 * anything else in storage (docs/benchmarks.md). Only statements that do not return rows are kept: a SELECT left
 * unreset would hold a read snapshot. The owner runs one statement at a time (the store's serial chain).
 */
export class StatementCache {
  private readonly statements = new Map<string, sqlite3.Statement>();

  constructor(
    private readonly db: sqlite3.Database,
    /** Distinct SQL texts kept at most; others run uncached. */
    private readonly limit = 64,
  ) {}

  /** Runs `sql` with `params` through its kept statement; resolves with the number of changed rows. */
  run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    let statement = this.statements.get(sql);
    if (!statement) {
      if (this.statements.size >= this.limit) return run(this.db, sql, params);
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    const kept = statement;
    return new Promise((resolve, reject) => {
      kept.run(params, function (this: sqlite3.RunResult, err: Error | null) {
        if (err) reject(err);
        else resolve(this.changes);
      });
    });
  }

  /** Finalizes every kept statement (before the database closes). */
  async finalizeAll(): Promise<void> {
    const statements = [...this.statements.values()];
    this.statements.clear();
    await Promise.all(statements.map((statement) => new Promise<void>((resolve) => statement.finalize(() => resolve()))));
  }
}
