/**
 * HTTP calls of journey series (shared/series/api.ts): where a board stands in its series, starting a
 * follow-up session, and fetching a comparison. Tokens travel as a Bearer header, never in a URL.
 */
import { API_ERROR, type ApiErrorCode } from '../../../shared/api.js';
import type { CompareFormat, FollowUpRequest, FollowUpResponse, SeriesInfoResponse } from '../../../shared/series/api.js';
import { ApiError, CLIENT_ERROR } from '../session/api-client.js';
import { fileNameFromDisposition } from '../session/content-disposition.js';

const KNOWN_CODES: readonly string[] = Object.values(API_ERROR);
const board = (id: string) => `/api/boards/${encodeURIComponent(id)}`;

async function send(path: string, token: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('Authorization', `Bearer ${token}`);
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers, credentials: 'same-origin', cache: 'no-store', referrerPolicy: 'no-referrer' });
  } catch (cause) {
    throw new ApiError(CLIENT_ERROR.network, `Cannot reach the Journeyroom server (${String(cause)}).`, 0);
  }
  if (response.ok) return response;
  let code: ApiErrorCode = API_ERROR.badRequest;
  let message = `The server answered ${response.status}.`;
  try {
    const body = (await response.json()) as { error?: { code?: unknown; message?: unknown } };
    if (typeof body.error?.code === 'string' && KNOWN_CODES.includes(body.error.code)) code = body.error.code as ApiErrorCode;
    if (typeof body.error?.message === 'string' && body.error.message) message = body.error.message;
  } catch {
    // Not JSON: keep the status text.
  }
  throw new ApiError(code, message, response.status);
}

/** GET /api/boards/:id/series. */
export async function fetchSeries(boardId: string, token: string): Promise<SeriesInfoResponse> {
  return (await (await send(`${board(boardId)}/series`, token)).json()) as SeriesInfoResponse;
}

/** POST /api/boards/:id/follow-up (facilitator). */
export async function startFollowUp(boardId: string, token: string, request: FollowUpRequest): Promise<FollowUpResponse> {
  const response = await send(`${board(boardId)}/follow-up`, token, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(request),
  });
  return (await response.json()) as FollowUpResponse;
}

/** Which state to compare this board with: another board of the series (default: the previous one) or a checkpoint. */
export type CompareTarget = { with?: string } | { checkpoint: string };

function compareQuery(target: CompareTarget): string {
  const params = new URLSearchParams();
  if ('checkpoint' in target) params.set('checkpoint', target.checkpoint);
  else if (target.with) params.set('with', target.with);
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** GET /api/boards/:id/compare.<format>: the file and the server's file name. */
export async function fetchComparison(boardId: string, token: string, format: CompareFormat, target: CompareTarget = {}): Promise<{ blob: Blob; fileName: string }> {
  const response = await send(`${board(boardId)}/compare.${format}${compareQuery(target)}`, token);
  return { blob: await response.blob(), fileName: fileNameFromDisposition(response.headers.get('content-disposition')) ?? `comparison.${format}` };
}

/** GET /api/boards/:id/export.actions.csv: the action items for an issue tracker. */
export async function fetchActionsCsv(boardId: string, token: string): Promise<{ blob: Blob; fileName: string }> {
  const response = await send(`${board(boardId)}/export.actions.csv`, token);
  return { blob: await response.blob(), fileName: fileNameFromDisposition(response.headers.get('content-disposition')) ?? 'actions.csv' };
}

/** Saves a fetched file under its name through an object URL (no token in any URL). */
export function saveFile(file: { blob: Blob; fileName: string }): void {
  const url = URL.createObjectURL(file.blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.click();
  // The download has started once click() returned; the URL can go after the current task.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
