/**
 * Credential tags: a short, one-way name for each credential of a board (the three links and the join code),
 * so the server can tell which credential admitted a connection or made a member key, and end those when the
 * facilitator replaces the credential. A tag is derived from the stored digest, never from the secret itself,
 * and reveals nothing about it. Member keys carry the tag of the credential they were made with
 * (`<secret>.<tag>`); the stored digest covers the whole key, so the tag cannot be altered.
 */
import { createHash } from 'node:crypto';
import { ROLES, type Role } from '../../shared/protocol.js';
import type { BoardRecord } from '../persistence/board-directory.js';
import { hashSecret, joinCodeMatches, newSecret, secretMatches } from './tokens.js';

/** The credentials of a board: its three links and its join code. */
export type CredentialKind = Role | 'join';

/** Hex characters of a tag (64 bits: unique among a board's credentials over any number of rotations). */
const TAG_CHARS = 16;

/** The tag of one credential of a board, from its stored digest (or, for the join code, the code's digest). */
export function credentialTag(boardId: string, kind: CredentialKind, digest: string): string {
  return createHash('sha256').update(`${boardId}\n${kind}\n${digest}`, 'utf8').digest('hex').slice(0, TAG_CHARS);
}

/** The tag of a board's current credential of `kind` ('' when the board has no join code yet). */
export function currentTag(board: BoardRecord, kind: CredentialKind): string {
  if (kind === 'join') return board.joinCode ? credentialTag(board.id, 'join', hashSecret(board.joinCode)) : '';
  return credentialTag(board.id, kind, board.tokenHashes[kind]);
}

/** Which credential `token` is (role and tag), or undefined. Compares against all of them (no early exit). */
export function credentialForToken(board: BoardRecord, token: string | undefined): { role: Role; kind: CredentialKind; tag: string } | undefined {
  let found: { role: Role; kind: CredentialKind } | undefined;
  for (const role of ROLES) {
    if (secretMatches(token, board.tokenHashes[role]) && !found) found = { role, kind: role };
  }
  if (joinCodeMatches(board, token) && !found) found = { role: 'participant', kind: 'join' };
  return found && { ...found, tag: currentTag(board, found.kind) };
}

/** A new member key bound to the credential with tag `tag`. */
export function newMemberKey(tag: string): string {
  return `${newSecret()}.${tag}`;
}

/** The credential tag a member key was made with; undefined for keys made before tags existed. */
export function memberKeyTag(memberKey: string): string | undefined {
  const dot = memberKey.lastIndexOf('.');
  return dot > 0 ? memberKey.slice(dot + 1) : undefined;
}

/** True while the credential a member key was made with is still a current credential of the board. */
export function memberKeyIsCurrent(board: BoardRecord, memberKey: string): boolean {
  const tag = memberKeyTag(memberKey);
  if (tag === undefined) return true;
  return (['facilitator', 'participant', 'projector', 'join'] as const).some((kind) => currentTag(board, kind) === tag);
}
