/**
 * The HTTP side of the error model (app-error.ts): body parsing that throws AppErrors, and the one error
 * middleware that answers every failure (ours, store and room errors, body parser, router, static) as
 * `{ error: { code, message } }` with the status of its code's row in ERROR_TABLE. 5xx never echo internals.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import * as z from '../../shared/zod.js';
import type { ApiErrorBody, ApiErrorCode } from '../../shared/api.js';
import { AppError, ERROR_TABLE, answerFor } from '../app-error.js';
import type { Logger } from '../logger.js';
import { safePath } from '../logger.js';

/** Parses `value` with a zod schema or throws a 400 `invalid_body` naming each issue's path. */
export function parseBody<T>(schema: z.ZodMiniType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
  const first = details[0];
  throw new AppError('invalid_body', first ? `${first.path || 'body'}: ${first.message}` : 'invalid body', { details });
}

/** 404 for anything nothing else answered (JSON too, so every error has one shape). */
export const notFound: RequestHandler = (_req, _res, next) => {
  next(new AppError('not_found', 'not found'));
};

/** 404 for unknown API routes (static and SPA routes are handled before). */
export const apiNotFound: RequestHandler = (_req, _res, next) => {
  next(new AppError('not_found', 'no such API route'));
};

/** What the middleware answers. */
interface HttpAnswer {
  status: number;
  code: ApiErrorCode;
  message: string;
  details?: unknown;
}

interface HttpLikeError {
  status?: unknown;
  statusCode?: unknown;
  type?: unknown;
  expose?: unknown;
  message?: unknown;
}

/** Errors of express, its body parsers and serve-static carry a status and a type instead of our codes. */
function fromLibraryError(error: HttpLikeError): AppError | HttpAnswer {
  const status = typeof error.status === 'number' ? error.status : typeof error.statusCode === 'number' ? error.statusCode : 500;
  const type = typeof error.type === 'string' ? error.type : '';
  if (status === 413) return new AppError('payload_too_large', 'request body too large');
  if (status === 415 || type === 'charset.unsupported' || type === 'encoding.unsupported') {
    return new AppError('unsupported_media_type', 'unsupported content type or encoding');
  }
  if (type === 'entity.parse.failed') return new AppError('bad_request', 'request body is not valid JSON');
  if (status === 404) return new AppError('not_found', 'not found');
  if (status === 403) return new AppError('forbidden', 'forbidden');
  if (status >= 400 && status < 500) {
    const message = error.expose === true && typeof error.message === 'string' ? error.message.slice(0, 200) : 'bad request';
    return { status, code: ERROR_TABLE.bad_request.api, message };
  }
  return new AppError('internal', 'internal error');
}

/** The answer of one thrown value, by the error table. */
function httpAnswer(error: unknown): HttpAnswer {
  const known = error instanceof AppError ? error : fromLibraryError(error ?? {});
  if (!(known instanceof AppError)) return known;
  const row = answerFor(known);
  const message = row.exposeMessage ? known.message : row.publicMessage;
  return { status: row.status, code: row.api, message, details: row.status < 500 ? known.details : undefined };
}

/** The error middleware; mount last. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const answer = httpAnswer(error);
    const log = { status: answer.status, code: answer.code, method: req.method, path: safePath(req.originalUrl) };
    if (answer.status >= 500) logger.error({ ...log, err: error }, 'request failed');
    else logger.debug(log, 'request refused');
    const body: ApiErrorBody = { error: { code: answer.code, message: answer.message } };
    if (answer.details !== undefined) body.error.details = answer.details;
    res.status(answer.status).json(body);
  };
}
