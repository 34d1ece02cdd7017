/**
 * The PostgreSQL schema as ordered steps, applied by the server at start (PgStore.open) under an advisory lock
 * so instances starting together migrate once. Append new steps, never edit a released one.
 */

/** One schema step: its target version and the SQL that gets there. */
export interface PgMigration {
  version: number;
  sql: string;
}

/** Every PostgreSQL schema step, in order. Times are ms since the epoch (BIGINT), docs and states BYTEA. */
export const PG_MIGRATIONS: readonly PgMigration[] = [
  {
    version: 1,
    // The same tables as the SQLite store, plus `writer` on the log and the snapshot: which store instance wrote
    // the row, so a compaction knows which rows its own snapshot already covers (pg-store.ts, compact()).
    sql: `
      CREATE TABLE boards (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        facilitator_hash TEXT NOT NULL,
        participant_hash TEXT NOT NULL,
        projector_hash TEXT NOT NULL,
        join_code TEXT NOT NULL DEFAULT ''
      );
      CREATE UNIQUE INDEX boards_by_join_code ON boards (join_code) WHERE join_code <> '';
      CREATE TABLE members (
        board_id TEXT NOT NULL REFERENCES boards(id),
        id TEXT NOT NULL,
        key_hash TEXT NOT NULL,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('customer', 'stakeholder', 'facilitator')),
        department TEXT NOT NULL,
        joined_at BIGINT NOT NULL,
        PRIMARY KEY (board_id, id)
      );
      CREATE TABLE doc_snapshots (
        board_id TEXT NOT NULL,
        doc_key TEXT NOT NULL,
        data BYTEA NOT NULL,
        writer TEXT NOT NULL,
        updated_at BIGINT NOT NULL,
        PRIMARY KEY (board_id, doc_key)
      );
      CREATE TABLE doc_updates (
        seq BIGSERIAL PRIMARY KEY,
        board_id TEXT NOT NULL,
        doc_key TEXT NOT NULL,
        data BYTEA NOT NULL,
        writer TEXT NOT NULL,
        created_at BIGINT NOT NULL
      );
      CREATE INDEX doc_updates_by_doc ON doc_updates (board_id, doc_key, seq);
      CREATE TABLE checkpoints (
        board_id TEXT NOT NULL REFERENCES boards(id),
        id TEXT NOT NULL,
        name TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        board_state BYTEA NOT NULL,
        session_state BYTEA NOT NULL,
        PRIMARY KEY (board_id, id)
      );
      CREATE INDEX checkpoints_by_time ON checkpoints (board_id, created_at, id);
      CREATE TABLE attendance (
        id BIGSERIAL PRIMARY KEY,
        board_id TEXT NOT NULL REFERENCES boards(id),
        member_id TEXT NOT NULL,
        joined_at BIGINT NOT NULL,
        left_at BIGINT
      );
      CREATE INDEX attendance_by_board ON attendance (board_id, joined_at, id);
    `,
  },
];

/** The PostgreSQL schema version this code creates and understands. */
export const PG_SCHEMA_VERSION = PG_MIGRATIONS.length;
