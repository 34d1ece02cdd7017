/**
 * The HTTP side of the guess guard (server/auth/guess-guard.ts): every request presenting a board token or a
 * join code is checked against its address's failures first (429 with Retry-After when blocked), and its answer
 * counts: 401 (wrong or missing token) and an unknown join code are failures, a success proves the credential.
 */
import type { Request, RequestHandler } from 'express';
import { normalizeJoinCode } from '../../shared/api.js';
import type { GuessGuard } from '../auth/guess-guard.js';
import type { Logger } from '../logger.js';
import { AppError } from '../app-error.js';
import { requestToken } from './request-auth.js';

/** What a request presents, as a guard credential, and whether a 404 means a wrong guess (join codes). */
function presented(req: Request): { credential: string; notFoundFails: boolean } | undefined {
  const [, area, key] = req.path.split('/');
  if (area === 'boards' && key) return { credential: `board\n${key}\n${requestToken(req) ?? ''}`, notFoundFails: false };
  if (area === 'join' && key) return { credential: `join\n${normalizeJoinCode(key)}`, notFoundFails: true };
  return undefined;
}

/** Middleware for `/api`: refuses blocked addresses before any lookup and counts each answer. */
export function guessLimit(guard: GuessGuard, logger: Logger): RequestHandler {
  return (req, res, next) => {
    const what = presented(req);
    if (!what) {
      next();
      return;
    }
    const address = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    guard.check(address, what.credential).then(
      (verdict) => {
        if (!verdict.ok) {
          const seconds = Math.max(1, Math.ceil(verdict.retryAfterMs / 1000));
          res.set('Retry-After', String(seconds));
          logger.warn({ address, path: req.path.split('/').slice(0, 2).join('/') }, 'request refused: too many failed attempts');
          next(new AppError('too_many_attempts', `too many failed attempts from this address; try again in ${seconds} s`));
          return;
        }
        res.on('finish', () => {
          const failed = res.statusCode === 401 || (what.notFoundFails && res.statusCode === 404);
          if (failed) guard.failed(address).catch((error: unknown) => logger.error({ err: error }, 'failed attempt not counted'));
          else if (res.statusCode < 400) guard.succeeded(address, what.credential);
        });
        next();
      },
      (error: unknown) => next(error),
    );
  };
}
