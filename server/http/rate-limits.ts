/**
 * Per-address limits on the unauthenticated requests that cost something or could be used to guess: creating
 * boards and looking up join codes. With Redis (scale-out) the counts live in Redis (rate-limiter-flexible),
 * so every instance counts against the same budget; in memory otherwise, and as the insurance while Redis is
 * down. Refusals are 429 with Retry-After.
 */
import type { RequestHandler } from 'express';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { AppError } from '../app-error.js';

/** Window of every limit. */
export const RATE_WINDOW_S = 60;

/** The limits of one server. */
export interface RateLimits {
  createBoard: RequestHandler;
  joinLookup: RequestHandler;
}

/** Settings of the limits. */
export interface RateLimitOptions {
  boardsPerMinute: number;
  joinLookupsPerMinute: number;
  /** shared counters; memory only when absent */
  redis?: Redis;
  /** Redis key prefix (REDIS_PREFIX) */
  prefix: string;
}

function limiter(name: string, points: number, options: RateLimitOptions): RateLimiterAbstract {
  const memory = new RateLimiterMemory({ keyPrefix: name, points, duration: RATE_WINDOW_S });
  if (!options.redis) return memory;
  return new RateLimiterRedis({
    storeClient: options.redis,
    keyPrefix: `${options.prefix}:rl:${name}`,
    points,
    duration: RATE_WINDOW_S,
    // While Redis is down each instance counts on its own rather than refusing everyone or no one.
    insuranceLimiter: memory,
  });
}

function middleware(limit: RateLimiterAbstract, what: string): RequestHandler {
  return (req, res, next) => {
    limit.consume(req.ip ?? 'unknown').then(
      () => next(),
      (rejection: unknown) => {
        if (rejection instanceof RateLimiterRes) {
          res.set('Retry-After', String(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000))));
          next(new AppError('rate_limited', `too many ${what} from this address; try again in a minute`));
        } else {
          next(rejection);
        }
      },
    );
  };
}

/** Builds the limits. */
export function createRateLimits(options: RateLimitOptions): RateLimits {
  return {
    createBoard: middleware(limiter('create-board', options.boardsPerMinute, options), 'new boards'),
    joinLookup: middleware(limiter('join-lookup', options.joinLookupsPerMinute, options), 'join-code lookups'),
  };
}
