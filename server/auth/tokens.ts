/**
 * Capability tokens and member keys: unguessable random secrets, stored only as SHA-256 digests and
 * compared in constant time. The role a connection or request gets comes from here, never from the client.
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, isJoinCode, normalizeJoinCode } from '../../shared/api.js';
import { ROLES, type Role } from '../../shared/protocol.js';
import type { BoardRecord } from '../persistence/board-directory.js';

/** Bytes of entropy of a capability token or member key (256 bits). */
export const SECRET_BYTES = 32;
/** Bytes of a board id (96 bits; 16 base64url characters, matches BOARD_ID_PATTERN). */
export const BOARD_ID_BYTES = 12;
/** Bytes of a member id (128 bits). */
export const MEMBER_ID_BYTES = 16;
/** Longest secret we even hash; longer inputs are refused without work. */
const MAX_SECRET_CHARS = 256;

/** A new random secret (token or member key) as base64url. */
export function newSecret(): string {
  return randomBytes(SECRET_BYTES).toString('base64url');
}

/** A new random board id. */
export function newBoardId(): string {
  return randomBytes(BOARD_ID_BYTES).toString('base64url');
}

/** A new random member id. */
export function newMemberId(): string {
  return randomBytes(MEMBER_ID_BYTES).toString('base64url');
}

/** The SHA-256 hex digest stored in place of a secret. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** True when `secret` hashes to `digest`; constant time in the digest comparison. */
export function secretMatches(secret: string | undefined, digest: string): boolean {
  if (!secret || secret.length > MAX_SECRET_CHARS) return false;
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(digest, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The three tokens of a new board and the digests to store. */
export function newBoardTokens(): { tokens: Record<Role, string>; hashes: Record<Role, string> } {
  const tokens = { facilitator: newSecret(), participant: newSecret(), projector: newSecret() };
  return {
    tokens,
    hashes: {
      facilitator: hashSecret(tokens.facilitator),
      participant: hashSecret(tokens.participant),
      projector: hashSecret(tokens.projector),
    },
  };
}

/** A new random join code (JOIN_CODE_LENGTH characters of an unambiguous alphabet, about 60 bits). */
export function newJoinCode(): string {
  let code = '';
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  return code;
}

/** True when `token` is the board's join code (as typed: case and dashes ignored); constant-time comparison. */
export function joinCodeMatches(board: BoardRecord, token: string | undefined): boolean {
  if (!token || token.length > 32 || !board.joinCode) return false;
  const a = Buffer.from(normalizeJoinCode(token));
  const b = Buffer.from(board.joinCode);
  return isJoinCode(normalizeJoinCode(token)) && a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The role a token grants on a board, or undefined for a missing or unknown token. Checks every role, and the
 * board's join code, which grants the participant role (it is the short, shareable form of the participant link).
 */
export function roleForToken(board: BoardRecord, token: string | undefined): Role | undefined {
  let found: Role | undefined;
  // Compare against all three digests (no early exit) so timing does not reveal which role matched.
  for (const role of ROLES) {
    if (secretMatches(token, board.tokenHashes[role]) && !found) found = role;
  }
  if (joinCodeMatches(board, token) && !found) found = 'participant';
  return found;
}
