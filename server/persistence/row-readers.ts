/**
 * Turns database rows into the store's records, the same way for SQLite and PostgreSQL: every column is
 * checked for its kind, so a damaged row is a StoreError (`corrupt`) instead of a wrong value downstream.
 * Blobs are read by each store (the drivers hand them over differently).
 */
import type { AttendanceRecord } from './attendance-store.js';
import type { BoardRecord, MemberRecord } from './board-directory.js';
import type { CheckpointSummary } from './checkpoint-store.js';
import { STORE_ERROR, StoreError } from './store-error.js';

/** A row as a driver returns it; each reader narrows its columns. */
export type Row = Record<string, unknown>;

/** A text column. */
export function text(row: Row, column: string): string {
  const value = row[column];
  if (typeof value !== 'string') throw new StoreError(STORE_ERROR.corrupt, `column ${column} is not text`);
  return value;
}

/**
 * A whole-number column. PostgreSQL's BIGINT arrives as a string (pg keeps 64-bit precision), SQLite's
 * INTEGER as a number; ours are ms times and ids well below 2^53.
 */
export function wholeNumber(row: Row, column: string): number {
  const value = row[column];
  const n = typeof value === 'string' && value !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw new StoreError(STORE_ERROR.corrupt, `column ${column} is not a whole number`);
  return n;
}

export function memberFromRow(row: Row): MemberRecord {
  const role = text(row, 'role');
  if (role !== 'customer' && role !== 'stakeholder' && role !== 'facilitator') {
    throw new StoreError(STORE_ERROR.corrupt, `members.role has an unknown value ${JSON.stringify(role)}`);
  }
  return {
    id: text(row, 'id'),
    boardId: text(row, 'board_id'),
    keyHash: text(row, 'key_hash'),
    name: text(row, 'name'),
    role,
    department: text(row, 'department'),
    joinedAt: wholeNumber(row, 'joined_at'),
  };
}

export function boardFromRow(row: Row): BoardRecord {
  return {
    id: text(row, 'id'),
    title: text(row, 'title'),
    createdAt: wholeNumber(row, 'created_at'),
    tokenHashes: { facilitator: text(row, 'facilitator_hash'), participant: text(row, 'participant_hash'), projector: text(row, 'projector_hash') },
    joinCode: text(row, 'join_code'),
  };
}

export function checkpointSummaryFromRow(row: Row): CheckpointSummary {
  return { id: text(row, 'id'), boardId: text(row, 'board_id'), name: text(row, 'name'), createdAt: wholeNumber(row, 'created_at') };
}

export function attendanceFromRow(row: Row): AttendanceRecord {
  return {
    id: wholeNumber(row, 'id'),
    boardId: text(row, 'board_id'),
    memberId: text(row, 'member_id'),
    joinedAt: wholeNumber(row, 'joined_at'),
    leftAt: row.left_at === null ? null : wholeNumber(row, 'left_at'),
  };
}
