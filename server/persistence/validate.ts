/**
 * Argument checks shared by every BoardStore implementation: only strings, finite numbers and byte arrays
 * reach the database (CVE-2022-43441: never bind objects), and bad input fails before anything is written.
 */
import { DOC_KINDS, MEMBER_ROLES, ROLES, docKey, type DocAddress } from '../../shared/protocol.js';
import type { BoardRecord, CredentialChange, InitialDoc, MemberRecord } from './board-directory.js';
import type { CheckpointRecord } from './checkpoint-store.js';
import type { WriteBatch } from './document-store.js';
import { STORE_ERROR, StoreError } from './store-error.js';

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
  return value;
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

/**
 * Asserts a typed doc address (kind, board id, and member id for private docs); returns its storage key, the
 * one encoding of shared/protocol.ts docKey.
 */
export function checkDocAddress(value: unknown, what: string): string {
  if (typeof value !== 'object' || value === null) fail(`${what} must be a doc address`);
  const address = value as DocAddress;
  if (!(DOC_KINDS as readonly string[]).includes(address.kind)) fail(`${what}.kind must be one of ${DOC_KINDS.join(', ')}`);
  checkId(address.boardId, `${what}.boardId`);
  if (address.kind === 'private') checkId(address.memberId, `${what}.memberId`);
  return docKey(address);
}

/** Validates the initial docs of a new board: byte arrays of distinct docs of that board. */
export function checkInitialDocs(boardId: string, docs: InitialDoc[]): void {
  if (!Array.isArray(docs)) fail('docs must be an array');
  const seen = new Set<string>();
  for (const initial of docs) {
    if (typeof initial !== 'object' || initial === null) fail('doc must be an object');
    const key = checkDocAddress(initial.doc, 'doc');
    if (initial.doc.boardId !== boardId) fail(`doc ${key} belongs to another board`);
    checkBytes(initial.update, `doc ${key} update`);
    if (seen.has(key)) fail(`doc ${key} is listed twice`);
    seen.add(key);
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

/** Validates a write batch; returns the docRef keys of the docs it compacts. */
export function checkBatch(batch: WriteBatch): Set<string> {
  if (typeof batch !== 'object' || batch === null) fail('batch must be an object');
  if (!Array.isArray(batch.appends) || !Array.isArray(batch.compactions)) fail('batch.appends and batch.compactions must be arrays');
  const compacted = new Set<string>();
  for (const c of batch.compactions) {
    const key = checkDocAddress(c.doc, 'compaction.doc');
    checkBytes(c.snapshot, 'compaction.snapshot');
    const ref = docRef(c.doc);
    if (compacted.has(ref)) fail(`doc ${c.doc.boardId}/${key} is compacted twice in one batch`);
    compacted.add(ref);
  }
  for (const a of batch.appends) {
    checkDocAddress(a.doc, 'append.doc');
    checkBytes(a.update, 'append.update');
  }
  return compacted;
}

/** One unambiguous string naming a doc of a board (a map key). */
export function docRef(doc: DocAddress): string {
  return JSON.stringify([doc.boardId, docKey(doc)]);
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

/** Asserts an attendance visit id as returned by recordJoin. */
export function checkVisitId(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) fail('visit id must be a positive whole number');
  return value;
}
