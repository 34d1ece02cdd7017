/** Typed calls to the Journeyroom HTTP API (shared/api.ts). Tokens go only to our own origin, as a Bearer header. */
import {
  API_ERROR,
  type ApiErrorCode,
  type BoardInfoResponse,
  type CreateBoardRequest,
  type CreateBoardResponse,
  type JoinRequest,
  type JoinResponse,
} from '../../../shared/api.js';
import { MEMBER_ROLES, ROLES, type Role } from '../../../shared/protocol.js';

/** Client-side failure kinds besides the server's error codes. */
export const CLIENT_ERROR = {
  network: 'network',
  badResponse: 'bad_response',
} as const;
export type ClientErrorCode = (typeof CLIENT_ERROR)[keyof typeof CLIENT_ERROR];

/** A failed API call: the server's `{ error: { code, message } }`, or a network / response problem. */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode | ClientErrorCode,
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const KNOWN_CODES: readonly string[] = Object.values(API_ERROR);

function errorFromBody(status: number, body: unknown): ApiError {
  const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  const code = typeof error?.code === 'string' && KNOWN_CODES.includes(error.code) ? (error.code as ApiErrorCode) : undefined;
  const message = typeof error?.message === 'string' && error.message ? error.message : `The server answered ${status}.`;
  return new ApiError(code ?? (status >= 500 ? API_ERROR.internal : API_ERROR.badRequest), message, status);
}

async function request(path: string, init: RequestInit): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(path, { ...init, credentials: 'same-origin', cache: 'no-store', referrerPolicy: 'no-referrer' });
  } catch (cause) {
    throw new ApiError(CLIENT_ERROR.network, `Cannot reach the Journeyroom server (${String(cause)}).`, 0);
  }
  let body: unknown = undefined;
  const text = await response.text();
  if (text) {
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      throw new ApiError(CLIENT_ERROR.badResponse, `The server sent an unreadable answer (${response.status}).`, response.status);
    }
  }
  if (!response.ok) throw errorFromBody(response.status, body);
  return body;
}

function jsonInit(method: string, body: unknown, token?: string): RequestInit {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  return { method, headers, body: JSON.stringify(body) };
}

function bad(what: string): ApiError {
  return new ApiError(CLIENT_ERROR.badResponse, `The server sent an unexpected ${what}.`, 200);
}

/** POST /api/boards: creates a board and returns its id and three links. */
export async function createBoard(input: CreateBoardRequest): Promise<CreateBoardResponse> {
  const body = await request('/api/boards', jsonInit('POST', input));
  if (!isRecord(body) || typeof body.id !== 'string' || !isRecord(body.links)) throw bad('board');
  const { facilitator, participant, projector } = body.links;
  if (typeof facilitator !== 'string' || typeof participant !== 'string' || typeof projector !== 'string') throw bad('set of links');
  return { id: body.id, links: { facilitator, participant, projector } };
}

/** GET /api/boards/:id: the board's title and what this token may do there. */
export async function getBoardInfo(boardId: string, token: string): Promise<BoardInfoResponse> {
  const body = await request(`/api/boards/${encodeURIComponent(boardId)}`, {
    method: 'GET',
    headers: { Accept: 'application/json', Authorization: `Bearer ${token}` },
  });
  if (!isRecord(body) || typeof body.title !== 'string' || typeof body.role !== 'string') throw bad('board description');
  if (!(ROLES as readonly string[]).includes(body.role)) throw bad('role');
  return {
    id: typeof body.id === 'string' ? body.id : boardId,
    title: body.title,
    createdAt: typeof body.createdAt === 'number' ? body.createdAt : 0,
    role: body.role as Role,
    ...(typeof body.joinCode === 'string' ? { joinCode: body.joinCode } : {}),
  };
}

/** POST /api/boards/:id/members: joins as a named person; the answer's memberKey proves them on the WebSocket. */
export async function joinBoard(boardId: string, token: string, input: JoinRequest): Promise<JoinResponse> {
  const body = await request(`/api/boards/${encodeURIComponent(boardId)}/members`, jsonInit('POST', input, token));
  if (
    !isRecord(body) ||
    typeof body.memberId !== 'string' ||
    typeof body.memberKey !== 'string' ||
    typeof body.name !== 'string' ||
    typeof body.role !== 'string' ||
    !(MEMBER_ROLES as readonly string[]).includes(body.role)
  ) {
    throw bad('membership');
  }
  return {
    memberId: body.memberId,
    memberKey: body.memberKey,
    name: body.name,
    role: body.role as JoinResponse['role'],
    department: typeof body.department === 'string' ? body.department : '',
  };
}
