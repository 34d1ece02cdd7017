/**
 * HTTP errors: a typed error with an API_ERROR code, and the one error middleware that answers every
 * failure (ours, body parser, router, static) as `{ error: { code, message } }`. 5xx never echo internals.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { z } from 'zod';
import { API_ERROR, type ApiErrorBody, type ApiErrorCode } from '../../shared/api.js';
import type { Logger } from '../logger.js';
import { safePath } from '../logger.js';

/** An error with an HTTP status and a public code and message. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** Parses `value` with a zod schema or throws a 400 `invalid_body` naming each issue's path. */
export function parseBody<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
  const first = details[0];
  throw new HttpError(400, API_ERROR.invalidBody, first ? `${first.path || 'body'}: ${first.message}` : 'invalid body', details);
}

/** 404 for anything nothing else answered (JSON too, so every error has one shape). */
export const notFound: RequestHandler = (_req, _res, next) => {
  next(new HttpError(404, API_ERROR.notFound, 'not found'));
};

/** 404 for unknown API routes (static and SPA routes are handled before). */
export const apiNotFound: RequestHandler = (_req, _res, next) => {
  next(new HttpError(404, API_ERROR.notFound, 'no such API route'));
};

interface HttpLikeError {
  status?: unknown;
  statusCode?: unknown;
  type?: unknown;
  expose?: unknown;
  message?: unknown;
}

function fromLibraryError(error: HttpLikeError): HttpError {
  const status = typeof error.status === 'number' ? error.status : typeof error.statusCode === 'number' ? error.statusCode : 500;
  const type = typeof error.type === 'string' ? error.type : '';
  if (status === 413) return new HttpError(413, API_ERROR.payloadTooLarge, 'request body too large');
  if (status === 415 || type === 'charset.unsupported' || type === 'encoding.unsupported') {
    return new HttpError(415, API_ERROR.unsupportedMediaType, 'unsupported content type or encoding');
  }
  if (type === 'entity.parse.failed') return new HttpError(400, API_ERROR.badRequest, 'request body is not valid JSON');
  if (status === 404) return new HttpError(404, API_ERROR.notFound, 'not found');
  if (status === 403) return new HttpError(403, API_ERROR.forbidden, 'forbidden');
  if (status >= 400 && status < 500) {
    return new HttpError(status, API_ERROR.badRequest, error.expose === true && typeof error.message === 'string' ? error.message.slice(0, 200) : 'bad request');
  }
  return new HttpError(500, API_ERROR.internal, 'internal error');
}

/** The error middleware; mount last. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const httpError = error instanceof HttpError ? error : fromLibraryError((error ?? {}) as HttpLikeError);
    const log = { status: httpError.status, code: httpError.code, method: req.method, path: safePath(req.originalUrl) };
    if (httpError.status >= 500) logger.error({ ...log, err: error }, 'request failed');
    else logger.debug(log, 'request refused');
    const body: ApiErrorBody = { error: { code: httpError.code, message: httpError.message } };
    if (httpError.details !== undefined && httpError.status < 500) body.error.details = httpError.details;
    res.status(httpError.status).json(body);
  };
}
