/**
 * The one error model. Every error the server raises on purpose is an AppError with a code; ERROR_TABLE says,
 * once, what each code answers over HTTP (status and public API code) and over a WebSocket (close code). The
 * HTTP error middleware (http/errors.ts) and the connection's frame handling (sync/connection.ts) apply it,
 * so a route or a guard cannot forget the mapping. A guard that refuses a frame returns a Refusal.
 */
import { API_ERROR, type ApiErrorCode } from '../shared/api.js';
import { CLOSE, type CloseCode } from '../shared/protocol.js';

/** What one error code answers: HTTP status, public API code, WebSocket close code, and whether its message is public. */
export interface ErrorAnswer {
  status: number;
  api: ApiErrorCode;
  close: CloseCode;
  /** false: the message may hold internals; clients get `publicMessage` instead */
  exposeMessage: boolean;
  publicMessage: string;
}

const answer = (status: number, api: ApiErrorCode, close: CloseCode, exposeMessage: boolean, publicMessage: string): ErrorAnswer => ({
  status,
  api,
  close,
  exposeMessage,
  publicMessage,
});

/** The single table from error code to its HTTP and WebSocket answers. */
export const ERROR_TABLE = {
  // Public API codes: the message was written for the client.
  bad_request: answer(400, API_ERROR.badRequest, CLOSE.malformed, true, 'bad request'),
  invalid_body: answer(400, API_ERROR.invalidBody, CLOSE.malformed, true, 'invalid body'),
  unsupported_media_type: answer(415, API_ERROR.unsupportedMediaType, CLOSE.unsupportedData, true, 'unsupported content type or encoding'),
  payload_too_large: answer(413, API_ERROR.payloadTooLarge, CLOSE.messageTooBig, true, 'request body too large'),
  unauthorized: answer(401, API_ERROR.unauthorized, CLOSE.unauthorized, true, 'unauthorized'),
  forbidden: answer(403, API_ERROR.forbidden, CLOSE.forbidden, true, 'forbidden'),
  not_found: answer(404, API_ERROR.notFound, CLOSE.notFound, true, 'not found'),
  conflict: answer(409, API_ERROR.conflict, CLOSE.tryAgainLater, true, 'conflict'),
  unavailable: answer(503, API_ERROR.unavailable, CLOSE.tryAgainLater, true, 'unavailable, try again'),
  internal: answer(500, API_ERROR.internal, CLOSE.tryAgainLater, false, 'internal error'),
  rate_limited: answer(429, API_ERROR.rateLimited, CLOSE.tryAgainLater, true, 'too many requests, try again later'),
  // Too many failed credential attempts from one address (auth/guess-guard.ts): wait for Retry-After.
  too_many_attempts: answer(429, API_ERROR.tooManyAttempts, CLOSE.tooManyAttempts, true, 'too many failed attempts'),
  // Storage (persistence/store-error.ts): the client learns only whether to retry.
  exists: answer(409, API_ERROR.conflict, CLOSE.tryAgainLater, false, 'already exists'),
  closed: answer(503, API_ERROR.unavailable, CLOSE.tryAgainLater, false, 'storage is unavailable, try again'),
  corrupt: answer(503, API_ERROR.unavailable, CLOSE.tryAgainLater, false, 'storage is unavailable, try again'),
  not_writable: answer(503, API_ERROR.unavailable, CLOSE.tryAgainLater, false, 'storage is unavailable, try again'),
  future_version: answer(503, API_ERROR.unavailable, CLOSE.tryAgainLater, false, 'storage is unavailable, try again'),
  invalid: answer(503, API_ERROR.unavailable, CLOSE.tryAgainLater, false, 'storage is unavailable, try again'),
  io: answer(503, API_ERROR.unavailable, CLOSE.tryAgainLater, false, 'storage is unavailable, try again'),
  // Rooms: a doc that could not be loaded, or was unloaded under a request.
  room_load_failed: answer(503, API_ERROR.unavailable, CLOSE.tryAgainLater, false, 'storage is unavailable, try again'),
  // A stored checkpoint that cannot be read.
  invalid_checkpoint: answer(500, API_ERROR.internal, CLOSE.tryAgainLater, false, 'checkpoint cannot be read'),
} as const satisfies Record<string, ErrorAnswer>;

/** Every error code of the server. */
export type AppErrorCode = keyof typeof ERROR_TABLE;

/** An error the server raises on purpose: a code from ERROR_TABLE, a message, optional details for 4xx bodies. */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    options?: { cause?: unknown; details?: unknown },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.details = options?.details;
  }

  /** Extra facts for the client (4xx only), e.g. which fields of a body are wrong. */
  readonly details: unknown;
}

/** The answer to any thrown value: its table row for an AppError, `internal` for anything else. */
export function answerFor(error: unknown): ErrorAnswer {
  return error instanceof AppError ? ERROR_TABLE[error.code] : ERROR_TABLE.internal;
}

/** A refused frame or connection: close with `code`; `reason` goes to the log (and the close frame). */
export interface Refusal {
  ok: false;
  code: CloseCode;
  reason: string;
}

/** Builds a Refusal; reasons are cut to 200 characters. */
export function refuse(code: CloseCode, reason: string): Refusal {
  return { ok: false, code, reason: reason.slice(0, 200) };
}

/** A refusal carrying an AppError's close code, for errors thrown under a connection. */
export function refusalFor(error: unknown): Refusal {
  return refuse(answerFor(error).close, error instanceof Error ? error.message : String(error));
}
