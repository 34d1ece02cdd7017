/**
 * The typed error every BoardStore implementation rejects with, so callers branch on `code`, never on text.
 * Its codes are rows of the one error table (app-error.ts).
 */
import { AppError } from '../app-error.js';

/** Why a store operation failed. */
export const STORE_ERROR = {
  /** a board or member with that id already exists */
  exists: 'exists',
  /** the referenced board does not exist */
  notFound: 'not_found',
  /** the store was closed */
  closed: 'closed',
  /** the database file failed its integrity check at open; it was left untouched */
  corrupt: 'corrupt',
  /** the data file or its folder cannot be created or written */
  notWritable: 'not_writable',
  /** the file was written by a newer Journeyroom (schema version above what this code knows) */
  futureVersion: 'future_version',
  /** an argument has the wrong type or shape; nothing was written */
  invalid: 'invalid',
  /** the database reported an error (I/O, disk full, ...); the transaction was rolled back */
  io: 'io',
} as const;
export type StoreErrorCode = (typeof STORE_ERROR)[keyof typeof STORE_ERROR];

/** A storage failure with a machine-readable code; `cause` keeps the driver's error when there is one. */
export class StoreError extends AppError {
  declare readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'StoreError';
  }
}

/** True when `err` is a StoreError (optionally with that code). */
export function isStoreError(err: unknown, code?: StoreErrorCode): err is StoreError {
  return err instanceof StoreError && (code === undefined || err.code === code);
}
