/** HTTP request and response types and error codes, shared by server and client. See docs/api.md. */
import * as z from './zod.js';
import { departmentSchema, joinRoleSchema, nameSchema, personaPatchSchema, titleSchema } from './board/schema.js';
import { TEMPLATE_IDS } from './board/template.js';
import type { MemberRole, Role } from './protocol.js';

/** Machine-readable error codes of `{ error: { code, message } }`. */
export const API_ERROR = {
  badRequest: 'bad_request',
  invalidBody: 'invalid_body',
  unsupportedMediaType: 'unsupported_media_type',
  payloadTooLarge: 'payload_too_large',
  unauthorized: 'unauthorized',
  forbidden: 'forbidden',
  notFound: 'not_found',
  conflict: 'conflict',
  /** too many failed token or join-code attempts from this address; see the Retry-After header */
  tooManyAttempts: 'too_many_attempts',
  unavailable: 'unavailable',
  internal: 'internal',
  /** too many requests from one address (board creation, join-code lookups); retry after `Retry-After` seconds */
  rateLimited: 'rate_limited',
} as const;
export type ApiErrorCode = (typeof API_ERROR)[keyof typeof API_ERROR];

export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string; details?: unknown };
}

/** POST /api/boards */
export const createBoardRequestSchema = z.strictObject({
  title: titleSchema,
  template: z._default(z.enum(TEMPLATE_IDS), 'default'),
  persona: z.optional(personaPatchSchema),
});
export type CreateBoardRequest = z.input<typeof createBoardRequestSchema>;

export interface BoardLinks {
  facilitator: string;
  participant: string;
  projector: string;
}
export interface CreateBoardResponse {
  id: string;
  links: BoardLinks;
}

/** GET /api/boards/:id with a token: what the token may do there. */
export interface BoardInfoResponse {
  id: string;
  title: string;
  createdAt: number;
  role: Role;
  /**
   * The board's short join code: a participant credential meant to be shown to the room (projector QR code,
   * `/j/<code>`) and shared by participants ("Invite"). Every role but a participant's own is a superset of
   * it, and a participant may already share their link, so all roles receive it.
   */
  joinCode?: string;
  /** The short join link to show and share, built by the server on the room address (`roomUrl`). */
  joinUrl?: string;
  /** Base URL other devices use: PUBLIC_URL, else this machine's LAN address when opened as localhost. */
  roomUrl?: string;
  /** Set when other devices cannot open `roomUrl`: what is wrong and what to do (shown to the facilitator). */
  roomProblem?: string;
}

/** Join codes: 12 characters of an unambiguous alphabet (about 60 bits), shown grouped as XXXX-XXXX-XXXX. */
export const JOIN_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const JOIN_CODE_LENGTH = 12;

/** Normalises a typed or scanned join code: upper case, separators and spaces removed. */
export function normalizeJoinCode(value: string): string {
  return value.toUpperCase().replace(/[\s-]/g, '');
}

/** True when `value` (normalised) has the form of a join code. */
export function isJoinCode(value: string): boolean {
  return value.length === JOIN_CODE_LENGTH && [...value].every((c) => JOIN_CODE_ALPHABET.includes(c));
}

/** `XXXX-XXXX-XXXX`, for display. */
export function formatJoinCode(code: string): string {
  return code.replace(/(.{4})(?=.)/g, '$1-');
}

/** Path of the short join link: `/j/<code>`. */
export function joinLinkPath(code: string): string {
  return `/j/${code}`;
}

/** GET /api/join/:code → which board a join code opens (404 when unknown). The code itself is the participant token. */
export interface JoinCodeResponse {
  boardId: string;
}

/** POST /api/boards/:id/links/:kind (facilitator): issues a new link of that kind; the old one stops working. */
export const ROTATABLE_LINKS = ['participant', 'projector', 'join'] as const;
export type RotatableLink = (typeof ROTATABLE_LINKS)[number];
export interface RotateLinkResponse {
  kind: RotatableLink;
  /** absolute URL of the new link */
  link: string;
  /** the new join code when kind is `join` */
  joinCode?: string;
}

/** POST /api/boards/:id/members: join a board as a named person. */
export const joinRequestSchema = z.strictObject({
  name: nameSchema,
  /** ignored for facilitator links, required for participant links */
  role: z.optional(joinRoleSchema),
  department: z._default(departmentSchema, ''),
});
export type JoinRequest = z.input<typeof joinRequestSchema>;
export interface JoinResponse {
  memberId: string;
  /** secret that proves the member on reconnect: pass as `member=` on the WebSocket URL */
  memberKey: string;
  name: string;
  role: MemberRole;
  department: string;
}

export interface HealthResponse {
  status: 'ok' | 'degraded';
  rooms: number;
  connections: number;
  pendingUpdates: number;
  /** process memory, for operators and the benchmark: resident, V8's heap in use and committed */
  memory: { rssBytes: number; heapUsedBytes: number; heapTotalBytes: number };
  lastWriteError?: string;
  /** the shared store: which engine, and whether it answered just now */
  store?: { kind: 'sqlite' | 'postgres'; ok: boolean };
  /** the link to other instances: 'local' in the embedded mode */
  redis?: { state: 'local' | 'up' | 'down'; lagMs: number };
}

/** Link path for a board; the token travels in the fragment so it never reaches logs or Referer headers. */
export function boardLinkPath(boardId: string, token: string): string {
  return `/b/${boardId}#token=${token}`;
}

/** GET /api/boards/:id/votes (facilitator): the running tally of the current vote, noteId -> memberId -> dots. */
export interface VoteTallyResponse {
  vote: string;
  status: 'open' | 'closed';
  dots: Record<string, Record<string, number>>;
}
