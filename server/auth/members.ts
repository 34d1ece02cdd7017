/**
 * Members: people who joined a board by name. A member proves who they are on every WebSocket with a
 * member key (stored as a digest only); the server stamps their identity into presence from this record.
 */
import { timingSafeEqual } from 'node:crypto';
import { AppError } from '../app-error.js';
import type { JoinResponse } from '../../shared/api.js';
import type { JoinRole, PresenceUser, Role } from '../../shared/protocol.js';
import type { BoardDirectory, MemberRecord } from '../persistence/board-directory.js';
import { newMemberKey } from './credential-tag.js';
import { hashSecret, newMemberId } from './tokens.js';

/** A validated join request (after joinRequestSchema). */
export type JoinInput = { name: string; role?: JoinRole; department: string };

/** Why a join was refused. */
export class JoinError extends AppError {
  declare readonly code: 'forbidden' | 'invalid_body';
  constructor(code: 'forbidden' | 'invalid_body', message: string) {
    super(code, message);
    this.name = 'JoinError';
  }
}

/**
 * Creates a member for a token's role: a facilitator link makes a facilitator; a participant link needs
 * `customer` or `stakeholder`; a projector link cannot join. The key is bound to the credential (its tag) it
 * was made with, so replacing that link or join code ends the key too.
 */
export async function createMember(
  store: BoardDirectory,
  boardId: string,
  tokenRole: Role,
  input: JoinInput,
  credentialTag: string,
  now = Date.now(),
): Promise<JoinResponse> {
  if (tokenRole === 'projector') throw new JoinError('forbidden', 'a projector link cannot join as a member');
  let role: MemberRecord['role'];
  if (tokenRole === 'facilitator') role = 'facilitator';
  else if (input.role) role = input.role;
  else throw new JoinError('invalid_body', 'role: choose customer or stakeholder');
  const memberKey = newMemberKey(credentialTag);
  const record: MemberRecord = {
    id: newMemberId(),
    boardId,
    keyHash: hashSecret(memberKey),
    name: input.name,
    role,
    department: input.department,
    joinedAt: now,
  };
  await store.addMember(record);
  return { memberId: record.id, memberKey, name: record.name, role, department: record.department };
}

function digestEquals(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The member whose key is `memberKey`, looked up by id when known (private docs) or among the board's members. */
export async function findMemberByKey(store: BoardDirectory, boardId: string, memberKey: string, memberId?: string): Promise<MemberRecord | undefined> {
  if (!memberKey || memberKey.length > 256) return undefined;
  const digest = hashSecret(memberKey);
  if (memberId) {
    const member = await store.getMember(boardId, memberId);
    return member && digestEquals(digest, member.keyHash) ? member : undefined;
  }
  const members = await store.listMembers(boardId);
  let found: MemberRecord | undefined;
  for (const member of members) if (digestEquals(digest, member.keyHash) && !found) found = member;
  return found;
}

/** The identity the server stamps into a connection's presence. */
export function presenceFor(role: Role, member: MemberRecord | undefined): PresenceUser {
  if (role === 'projector') return { memberId: '', name: 'Projector', role: 'projector', department: '' };
  if (!member) return { memberId: '', name: 'Anonymous', role: role === 'facilitator' ? 'facilitator' : 'stakeholder', department: '' };
  return { memberId: member.id, name: member.name, role: member.role, department: member.department };
}
