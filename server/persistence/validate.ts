/**
 * Argument checks shared by every BoardStore implementation: only strings, finite numbers and byte arrays
 * reach the database (CVE-2022-43441: never bind objects), and bad input fails before anything is written.
 */
import type { BoardRecord, CheckpointRecord, CredentialChange, MemberRecord, WriteBatch } from './board-store.js';
import { ROLES } from '../../shared/protocol.js';
import { STORE_ERROR, StoreError } from './store-error.js';

const MEMBER_ROLES = ['customer', 'stakeholder', 'facilitator'] as const;

function fail(message: string): never {
  throw new StoreError(STORE_ERROR.invalid, message);
}

/** Asserts a non-empty string (ids, keys, hashes). */
export function checkId(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.length === 0) fail(`${what} must be a non-empty string`);
  return value;
}

function checkText(value: unknown, what: string): string {
  if (typeof value !== 'string') fail(`${what} must be a string`);
  return value;
}

/** Asserts a whole number of ms since the epoch. */
export function checkTime(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) fail(`${what} must be a whole number (ms since epoch)`);
  return value;
}

/** Asserts a byte array (Buffer is one too). */
export function checkBytes(value: unknown, what: string): Uint8Array {
  if (!(value instanceof Uint8Array)) fail(`${what} must be a Uint8Array`);
  return value;
}

/** Validates a board record before it is stored. */
export function checkBoard(board: BoardRecord): void {
  if (typeof board !== 'object' || board === null) fail('board must be an object');
  checkId(board.id, 'board.id');
  checkText(board.title, 'board.title');
  checkTime(board.createdAt, 'board.createdAt');
  if (typeof board.tokenHashes !== 'object' || board.tokenHashes === null) fail('board.tokenHashes must be an object');
  for (const role of ROLES) checkId(board.tokenHashes[role], `board.tokenHashes.${role}`);
  checkJoinCode(board.joinCode, true);
}

/** A join code: '' (none yet) when `allowEmpty`, else 4..32 upper-case letters and digits. */
export function checkJoinCode(value: unknown, allowEmpty = false): string {
  if (typeof value !== 'string' || (value === '' ? !allowEmpty : !/^[A-Z0-9]{4,32}$/.test(value))) fail('join code must be 4..32 upper-case letters and digits');
  return value as string;
}

/** Validates a credential change: only known roles, ids as digests, a non-empty join code. */
export function checkCredentialChange(change: CredentialChange): void {
  if (typeof change !== 'object' || change === null) fail('credential change must be an object');
  for (const [role, hash] of Object.entries(change.tokenHashes ?? {})) {
    if (!(ROLES as readonly string[]).includes(role)) fail(`unknown role ${role.slice(0, 20)}`);
    checkId(hash, `tokenHashes.${role}`);
  }
  if (change.joinCode !== undefined) checkJoinCode(change.joinCode);
}

/** Validates the initial docs of a new board: byte arrays under distinct keys. */
export function checkInitialDocs(docs: { docKey: string; update: Uint8Array }[]): void {
  if (!Array.isArray(docs)) fail('docs must be an array');
  const seen = new Set<string>();
  for (const doc of docs) {
    checkId(doc.docKey, 'doc.docKey');
    checkBytes(doc.update, `doc ${doc.docKey} update`);
    if (seen.has(doc.docKey)) fail(`doc ${doc.docKey} is listed twice`);
    seen.add(doc.docKey);
  }
}

/** Validates a member record before it is stored. */
export function checkMember(member: MemberRecord): void {
  if (typeof member !== 'object' || member === null) fail('member must be an object');
  checkId(member.id, 'member.id');
  checkId(member.boardId, 'member.boardId');
  checkId(member.keyHash, 'member.keyHash');
  checkText(member.name, 'member.name');
  checkText(member.department, 'member.department');
  checkTime(member.joinedAt, 'member.joinedAt');
  if (!(MEMBER_ROLES as readonly string[]).includes(member.role)) fail(`member.role must be one of ${MEMBER_ROLES.join(', ')}`);
}

/** Validates a write batch; returns the set of `boardId\0docKey` keys it compacts. */
export function checkBatch(batch: WriteBatch): Set<string> {
  if (typeof batch !== 'object' || batch === null) fail('batch must be an object');
  if (!Array.isArray(batch.appends) || !Array.isArray(batch.compactions)) fail('batch.appends and batch.compactions must be arrays');
  const compacted = new Set<string>();
  for (const c of batch.compactions) {
    checkId(c.boardId, 'compaction.boardId');
    checkId(c.docKey, 'compaction.docKey');
    checkBytes(c.snapshot, 'compaction.snapshot');
    const key = docRef(c.boardId, c.docKey);
    if (compacted.has(key)) fail(`doc ${c.boardId}/${c.docKey} is compacted twice in one batch`);
    compacted.add(key);
  }
  for (const a of batch.appends) {
    checkId(a.boardId, 'append.boardId');
    checkId(a.docKey, 'append.docKey');
    checkBytes(a.update, 'append.update');
  }
  return compacted;
}

/** One unambiguous string naming a doc of a board (a map key). */
export function docRef(boardId: string, docKey: string): string {
  return JSON.stringify([boardId, docKey]);
}

/** Validates a checkpoint before it is stored. */
export function checkCheckpoint(checkpoint: CheckpointRecord): void {
  if (typeof checkpoint !== 'object' || checkpoint === null) fail('checkpoint must be an object');
  checkId(checkpoint.id, 'checkpoint.id');
  checkId(checkpoint.boardId, 'checkpoint.boardId');
  checkText(checkpoint.name, 'checkpoint.name');
  checkTime(checkpoint.createdAt, 'checkpoint.createdAt');
  checkBytes(checkpoint.boardState, 'checkpoint.boardState');
  checkBytes(checkpoint.sessionState, 'checkpoint.sessionState');
}

/** Asserts an attendance session id as returned by recordJoin. */
export function checkSessionId(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) fail('session id must be a positive whole number');
  return value;
}

/** Asserts a doc-key prefix: a string, possibly empty. */
export function checkPrefix(value: unknown): string {
  return checkText(value, 'prefix');
}
