/**
 * Typed calls to the facilitation routes (shared/session/api.ts) and the join-code routes (shared/api.ts).
 * Same error model as session/api-client.ts: every failure is an ApiError with a code and a readable message.
 */
import { API_ERROR, isJoinCode, normalizeJoinCode, ROTATABLE_LINKS, type ApiErrorCode, type RotatableLink, type RotateLinkResponse, type VoteTallyResponse } from '../../../shared/api.js';
import type { BoardSnapshot } from '../../../shared/board/snapshot.js';
import type { RestoreResponse, RevealResponse } from '../../../shared/session/api.js';
import { timeResponseSchema } from '../../../shared/session/clock.js';
import type { AttendanceEntry, CheckpointInfo } from '../../../shared/session/schema.js';
import { ApiError, CLIENT_ERROR } from '../session/api-client.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const KNOWN_CODES: readonly string[] = Object.values(API_ERROR);

async function call(path: string, method: 'GET' | 'POST', token: string | undefined, body?: unknown): Promise<unknown> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
    });
  } catch (cause) {
    throw new ApiError(CLIENT_ERROR.network, `Cannot reach the Journeyroom server (${String(cause)}).`, 0);
  }
  const text = await response.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text) as unknown;
    } catch {
      throw new ApiError(CLIENT_ERROR.badResponse, `The server sent an unreadable answer (${response.status}).`, response.status);
    }
  }
  if (!response.ok) {
    const error = isRecord(parsed) && isRecord(parsed.error) ? parsed.error : undefined;
    const code = typeof error?.code === 'string' && KNOWN_CODES.includes(error.code) ? (error.code as ApiErrorCode) : API_ERROR.badRequest;
    const message = typeof error?.message === 'string' && error.message ? error.message : `The server answered ${response.status}.`;
    throw new ApiError(code, message, response.status);
  }
  return parsed;
}

function bad(what: string): ApiError {
  return new ApiError(CLIENT_ERROR.badResponse, `The server sent an unexpected ${what}.`, 200);
}

const board = (id: string) => `/api/boards/${encodeURIComponent(id)}`;

function checkpointInfo(value: unknown): CheckpointInfo {
  if (!isRecord(value) || typeof value.id !== 'string' || typeof value.name !== 'string' || typeof value.createdAt !== 'number') throw bad('checkpoint');
  return { id: value.id, name: value.name, createdAt: value.createdAt };
}

/** GET /api/time: the server clock in ms. */
export async function fetchServerTime(): Promise<number> {
  const parsed = timeResponseSchema.safeParse(await call('/api/time', 'GET', undefined));
  if (!parsed.success) throw bad('time');
  return parsed.data.now;
}

/** GET /api/join/:code → the board a join code opens. */
export async function resolveJoinCode(code: string): Promise<string> {
  const clean = normalizeJoinCode(code);
  if (!isJoinCode(clean)) throw new ApiError(API_ERROR.badRequest, 'That is not a join code (12 letters and digits, like ABCD-EFGH-JKMN).', 400);
  const body = await call(`/api/join/${encodeURIComponent(clean)}`, 'GET', undefined);
  if (!isRecord(body) || typeof body.boardId !== 'string') throw bad('join answer');
  return body.boardId;
}

/** The board's join code and the short join link the server built for it (on the room address). */
export interface JoinLink {
  joinCode: string;
  joinUrl: string;
}

/** GET /api/boards/:id → the join code and link (undefined when the server sent none). */
export async function fetchJoinLink(boardId: string, token: string): Promise<JoinLink | undefined> {
  const body = await call(board(boardId), 'GET', token);
  return isRecord(body) && typeof body.joinCode === 'string' && typeof body.joinUrl === 'string' ? { joinCode: body.joinCode, joinUrl: body.joinUrl } : undefined;
}

/** POST /api/boards/:id/links/:kind: issues a new link (the old one stops working). */
export async function rotateLink(boardId: string, token: string, kind: RotatableLink): Promise<RotateLinkResponse> {
  const body = await call(`${board(boardId)}/links/${kind}`, 'POST', token, {});
  if (!isRecord(body) || typeof body.link !== 'string' || !(ROTATABLE_LINKS as readonly unknown[]).includes(body.kind)) throw bad('link');
  return { kind: body.kind as RotatableLink, link: body.link, joinCode: typeof body.joinCode === 'string' ? body.joinCode : undefined };
}

/** POST /api/boards/:id/reveal: moves every member's drafts onto the board at once. */
export async function revealDrafts(boardId: string, token: string): Promise<RevealResponse> {
  const body = await call(`${board(boardId)}/reveal`, 'POST', token, {});
  if (!isRecord(body) || typeof body.revealed !== 'number') throw bad('reveal answer');
  return body as unknown as RevealResponse;
}

/** POST /api/boards/:id/checkpoints: takes a named checkpoint. */
export async function takeCheckpoint(boardId: string, token: string, name: string): Promise<CheckpointInfo> {
  return checkpointInfo(await call(`${board(boardId)}/checkpoints`, 'POST', token, { name }));
}

/** GET /api/boards/:id/checkpoints, oldest first. */
export async function listCheckpoints(boardId: string, token: string): Promise<CheckpointInfo[]> {
  const body = await call(`${board(boardId)}/checkpoints`, 'GET', token);
  if (!isRecord(body) || !Array.isArray(body.checkpoints)) throw bad('checkpoint list');
  return body.checkpoints.map(checkpointInfo);
}

/** GET /api/boards/:id/checkpoints/:cid: the board as it was. */
export async function openCheckpoint(boardId: string, token: string, checkpointId: string): Promise<BoardSnapshot> {
  const body = await call(`${board(boardId)}/checkpoints/${encodeURIComponent(checkpointId)}`, 'GET', token);
  if (!isRecord(body) || !Array.isArray(body.stages) || !Array.isArray(body.lanes) || !Array.isArray(body.notes) || !isRecord(body.meta)) {
    throw bad('checkpoint');
  }
  return body as unknown as BoardSnapshot;
}

/** POST /api/boards/:id/checkpoints/:cid/restore: restores as a new change, after an automatic undo checkpoint. */
export async function restoreCheckpoint(boardId: string, token: string, checkpointId: string): Promise<RestoreResponse> {
  const body = await call(`${board(boardId)}/checkpoints/${encodeURIComponent(checkpointId)}/restore`, 'POST', token, {});
  if (!isRecord(body) || !isRecord(body.restored) || !isRecord(body.undo)) throw bad('restore answer');
  return { ...(body as unknown as RestoreResponse), restored: checkpointInfo(body.restored), undo: checkpointInfo(body.undo) };
}

const ATTENDANCE_ROLES: readonly string[] = ['customer', 'stakeholder', 'facilitator'];

/** GET /api/boards/:id/attendance. */
export async function fetchAttendance(boardId: string, token: string): Promise<AttendanceEntry[]> {
  const body = await call(`${board(boardId)}/attendance`, 'GET', token);
  if (!isRecord(body) || !Array.isArray(body.attendance)) throw bad('attendance');
  const out: AttendanceEntry[] = [];
  for (const entry of body.attendance) {
    if (!isRecord(entry) || typeof entry.name !== 'string' || typeof entry.role !== 'string' || !ATTENDANCE_ROLES.includes(entry.role)) continue;
    out.push({
      memberId: typeof entry.memberId === 'string' ? entry.memberId : '',
      name: entry.name,
      role: entry.role as AttendanceEntry['role'],
      department: typeof entry.department === 'string' ? entry.department : '',
      firstJoinedAt: typeof entry.firstJoinedAt === 'number' ? entry.firstJoinedAt : 0,
      lastSeenAt: typeof entry.lastSeenAt === 'number' ? entry.lastSeenAt : 0,
      totalMs: typeof entry.totalMs === 'number' ? entry.totalMs : 0,
    });
  }
  return out;
}

/** GET /api/boards/:id/votes (facilitator): the running tally of the current vote, counted by the server. */
export async function fetchVoteTally(boardId: string, token: string): Promise<VoteTallyResponse> {
  const body = await call(`${board(boardId)}/votes`, 'GET', token);
  if (!isRecord(body) || typeof body.vote !== 'string' || !isRecord(body.dots)) throw bad('tally');
  const dots: VoteTallyResponse['dots'] = {};
  for (const [noteId, byMember] of Object.entries(body.dots)) {
    if (!isRecord(byMember)) continue;
    const clean: Record<string, number> = {};
    for (const [memberId, n] of Object.entries(byMember)) if (typeof n === 'number' && Number.isInteger(n) && n > 0) clean[memberId] = n;
    dots[noteId] = clean;
  }
  return { vote: body.vote, status: body.status === 'open' ? 'open' : 'closed', dots };
}
