/**
 * HTTP calls of the Export menu and the metrics import: exports fetched with the token as a Bearer header
 * (never in a URL a download manager, history or log could keep), saved through an object URL under the
 * server's file name; metrics CSV upload and clearing; the checkpoint list.
 */
import { API_ERROR, type ApiErrorCode } from '../../../shared/api.js';
import type { CheckpointListResponse } from '../../../shared/session/api.js';
import type { CheckpointInfo } from '../../../shared/session/schema.js';
import { ApiError, CLIENT_ERROR } from './api-client.js';
import { fileNameFromDisposition } from './content-disposition.js';

/** The formats the server renders (server/export/index.ts EXPORT_FORMATS). */
export const EXPORT_FORMAT_IDS = ['pdf', 'html', 'md', 'csv', 'json', 'svg', 'png'] as const;
export type ExportFormatId = (typeof EXPORT_FORMAT_IDS)[number];

/** One line of a rejected metrics import. */
export interface MetricsLineError {
  line: number;
  message: string;
}

/** A metrics import the server refused because of bad rows: nothing was stored. */
export class MetricsImportError extends ApiError {
  constructor(
    message: string,
    readonly lines: readonly MetricsLineError[],
  ) {
    super(API_ERROR.invalidBody, message, 400);
    this.name = 'MetricsImportError';
  }
}

/** Answer of a successful metrics import. */
export interface MetricsImportResult {
  rows: number;
  stages: number;
}

/** A fetched export, ready to save. */
export interface ExportFile {
  blob: Blob;
  fileName: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const KNOWN_CODES: readonly string[] = Object.values(API_ERROR);

function boardPath(boardId: string, rest: string): string {
  return `/api/boards/${encodeURIComponent(boardId)}/${rest}`;
}

async function send(path: string, token: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('Authorization', `Bearer ${token}`);
  try {
    return await fetch(path, { ...init, headers, credentials: 'same-origin', cache: 'no-store', referrerPolicy: 'no-referrer' });
  } catch (cause) {
    throw new ApiError(CLIENT_ERROR.network, `Cannot reach the Journeyroom server (${String(cause)}).`, 0);
  }
}

/** `the board is busy; try again` -> `The board is busy; try again.` (server messages are lower-case fragments). */
function sentence(text: string): string {
  const trimmed = text.trim();
  const first = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(first) ? first : `${first}.`;
}

/** Reads a failed response's `{ error: { code, message, details } }` (or says what the status means). */
async function failure(response: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = JSON.parse(await response.text()) as unknown;
  } catch {
    body = undefined;
  }
  const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  const raw = typeof error?.code === 'string' && KNOWN_CODES.includes(error.code) ? (error.code as ApiErrorCode) : undefined;
  const code = raw ?? (response.status === 503 ? API_ERROR.unavailable : response.status >= 500 ? API_ERROR.internal : API_ERROR.badRequest);
  const fallback = response.status === 503 ? 'The server is busy. Please try again in a few seconds.' : `The server answered ${response.status}.`;
  const message = typeof error?.message === 'string' && error.message ? sentence(error.message) : fallback;
  const details = isRecord(error?.details) ? error.details : undefined;
  if (response.status === 400 && code === API_ERROR.invalidBody && Array.isArray(details?.errors)) {
    const lines = details.errors.filter(isRecord).map((e) => ({
      line: typeof e.line === 'number' ? e.line : 0,
      message: typeof e.message === 'string' ? e.message : 'invalid row',
    }));
    return new MetricsImportError(message, lines);
  }
  return new ApiError(code, message, response.status);
}

function exportQuery(checkpointId: string | undefined): string {
  return checkpointId ? `?checkpoint=${encodeURIComponent(checkpointId)}` : '';
}

/** GET export.<format> with the Bearer token; the body as a Blob plus the server's file name. */
export async function fetchExport(boardId: string, token: string, format: ExportFormatId, checkpointId?: string): Promise<ExportFile> {
  const response = await send(boardPath(boardId, `export.${format}${exportQuery(checkpointId)}`), token);
  if (!response.ok) throw await failure(response);
  let blob: Blob;
  try {
    blob = await response.blob();
  } catch (cause) {
    throw new ApiError(CLIENT_ERROR.network, `The download broke off (${String(cause)}).`, 0);
  }
  const fileName = fileNameFromDisposition(response.headers.get('Content-Disposition')) ?? `journeyroom-board.${format}`;
  return { blob, fileName };
}

/** The summary as one standalone HTML page (for the preview). */
export async function fetchSummaryHtml(boardId: string, token: string, checkpointId?: string): Promise<string> {
  const response = await send(boardPath(boardId, `export.html${exportQuery(checkpointId)}`), token, { headers: { Accept: 'text/html' } });
  if (!response.ok) throw await failure(response);
  return response.text();
}

/** Saves a Blob as a download under `fileName` through a short-lived object URL. */
export function saveFile({ blob, fileName }: ExportFile): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The click has started the download synchronously; revoke later so slow browsers still read the blob.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** POST metrics as text/csv (facilitator): all rows or none; bad rows throw a MetricsImportError. */
export async function importMetrics(boardId: string, token: string, csv: string): Promise<MetricsImportResult> {
  const response = await send(boardPath(boardId, 'metrics'), token, {
    method: 'POST',
    headers: { 'Content-Type': 'text/csv; charset=utf-8', Accept: 'application/json' },
    body: csv,
  });
  if (!response.ok) throw await failure(response);
  let body: unknown;
  try {
    body = (await response.json()) as unknown;
  } catch {
    throw new ApiError(CLIENT_ERROR.badResponse, 'The server sent an unreadable answer.', response.status);
  }
  if (!isRecord(body) || typeof body.rows !== 'number' || typeof body.stages !== 'number') {
    throw new ApiError(CLIENT_ERROR.badResponse, 'The server sent an unexpected answer.', response.status);
  }
  return { rows: body.rows, stages: body.stages };
}

/** DELETE metrics (facilitator). */
export async function clearMetrics(boardId: string, token: string): Promise<void> {
  const response = await send(boardPath(boardId, 'metrics'), token, { method: 'DELETE' });
  if (!response.ok) throw await failure(response);
}

/** GET checkpoints, oldest first; entries that are not checkpoints are skipped. */
export async function listCheckpoints(boardId: string, token: string): Promise<CheckpointInfo[]> {
  const response = await send(boardPath(boardId, 'checkpoints'), token, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw await failure(response);
  let body: unknown;
  try {
    body = (await response.json()) as unknown;
  } catch {
    throw new ApiError(CLIENT_ERROR.badResponse, 'The server sent an unreadable list of checkpoints.', response.status);
  }
  const list = isRecord(body) && Array.isArray((body as Partial<CheckpointListResponse>).checkpoints) ? (body.checkpoints as unknown[]) : [];
  return list
    .filter(isRecord)
    .filter((c) => typeof c.id === 'string' && typeof c.name === 'string' && typeof c.createdAt === 'number')
    .map((c) => ({ id: c.id as string, name: c.name as string, createdAt: c.createdAt as number }));
}
