/**
 * The SQLite schema as an ordered list of steps; step i brings `PRAGMA user_version` from i to i + 1.
 * Append new steps, never edit a released one: files already at that version will not run it again.
 */

/** One schema step: its target version and the SQL that gets there. */
export interface Migration {
  version: number;
  sql: string;
}

/** Every schema step, in order; the last one's version is the schema this code writes. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    // STRICT tables: SQLite refuses a value of the wrong type instead of storing it silently.
    // Token and member keys are stored as digests only. Docs are an update log compacted into a snapshot.
    sql: `
      CREATE TABLE boards (
        id TEXT PRIMARY KEY NOT NULL,
        title TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        facilitator_hash TEXT NOT NULL,
        participant_hash TEXT NOT NULL,
        projector_hash TEXT NOT NULL
      ) STRICT;
      CREATE TABLE members (
        id TEXT NOT NULL,
        board_id TEXT NOT NULL REFERENCES boards(id),
        key_hash TEXT NOT NULL,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('customer', 'stakeholder', 'facilitator')),
        department TEXT NOT NULL,
        joined_at INTEGER NOT NULL,
        PRIMARY KEY (board_id, id)
      ) STRICT;
      CREATE TABLE doc_snapshots (
        board_id TEXT NOT NULL,
        doc_key TEXT NOT NULL,
        data BLOB NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (board_id, doc_key)
      ) STRICT;
      CREATE TABLE doc_updates (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        board_id TEXT NOT NULL,
        doc_key TEXT NOT NULL,
        data BLOB NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX doc_updates_by_doc ON doc_updates (board_id, doc_key, seq);
    `,
  },
  {
    version: 2,
    // Checkpoints keep both docs' merged states; attendance keeps one row per connection (left_at NULL while open).
    sql: `
      CREATE TABLE checkpoints (
        board_id TEXT NOT NULL REFERENCES boards(id),
        id TEXT NOT NULL,
        name TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        board_state BLOB NOT NULL,
        session_state BLOB NOT NULL,
        PRIMARY KEY (board_id, id)
      ) STRICT;
      CREATE INDEX checkpoints_by_time ON checkpoints (board_id, created_at, id);
      CREATE TABLE attendance (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        board_id TEXT NOT NULL REFERENCES boards(id),
        member_id TEXT NOT NULL,
        joined_at INTEGER NOT NULL,
        left_at INTEGER
      ) STRICT;
      CREATE INDEX attendance_by_board ON attendance (board_id, joined_at, id);
    `,
  },
  {
    version: 3,
    // Join codes: a short participant credential shown on the projector; '' until assigned for older boards.
    sql: `
      ALTER TABLE boards ADD COLUMN join_code TEXT NOT NULL DEFAULT '';
      CREATE UNIQUE INDEX boards_by_join_code ON boards (join_code) WHERE join_code <> '';
    `,
  },
];

/** The schema version this code creates and understands. */
export const SCHEMA_VERSION = MIGRATIONS.length;
