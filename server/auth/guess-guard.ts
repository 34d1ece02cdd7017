/**
 * Guessing is slow: failed credential attempts (capability token, member key, join code) are counted per client
 * address, and an address that used up its failures is refused for a while without its credential even being
 * checked. A credential this address already used successfully is still accepted meanwhile, so a real
 * participant behind the same network address (the venue's NAT) is not locked out by someone guessing next to
 * them; a guesser cannot learn anything from that, because only credentials it already proved are evaluated.
 * The counting sits behind AttemptCounter so a shared backend (rate-limiter-flexible's Redis limiter) can be
 * plugged in for several instances; the memory backend is the default.
 */
import { createHash } from 'node:crypto';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/** Counts failed attempts per key; the port a shared backend implements. */
export interface AttemptCounter {
  /** Milliseconds until `key` may try again; 0 while it has failures left. */
  blockedForMs(key: string): Promise<number>;
  /** Counts one failure of `key` (blocking it once over the limit). */
  fail(key: string): Promise<void>;
}

/** Limits of the guard (from server/config.ts). */
export interface GuessLimits {
  failuresPerWindow: number;
  windowS: number;
  blockS: number;
}

/** AttemptCounter on rate-limiter-flexible's in-process memory store. */
export class MemoryAttemptCounter implements AttemptCounter {
  private readonly limiter: RateLimiterMemory;

  constructor(private readonly limits: GuessLimits) {
    this.limiter = new RateLimiterMemory({ points: limits.failuresPerWindow, duration: limits.windowS, blockDuration: limits.blockS });
  }

  async blockedForMs(key: string): Promise<number> {
    const res = await this.limiter.get(key);
    if (!res || res.consumedPoints < this.limits.failuresPerWindow) return 0;
    return Math.max(1, res.msBeforeNext);
  }

  async fail(key: string): Promise<void> {
    let res: RateLimiterRes;
    try {
      res = await this.limiter.consume(key);
    } catch (error) {
      // Already over the limit (a failure that was checked before the block began): it stays blocked.
      if (error instanceof RateLimiterRes) return;
      throw error;
    }
    // The failure that uses up the window blocks the address for the whole block time.
    if (res.remainingPoints <= 0) await this.limiter.block(key, this.limits.blockS);
  }
}

/** Credentials remembered as proven per address (bounded: the oldest addresses are forgotten first). */
const MAX_ADDRESSES = 10_000;
const MAX_CREDENTIALS_PER_ADDRESS = 64;

/** The verdict before checking a credential: go on, or refuse for `retryAfterMs`. */
export type GuessVerdict = { ok: true } | { ok: false; retryAfterMs: number };

/** Per-address failure counting plus the credentials each address has proven. */
export class GuessGuard {
  private readonly proven = new Map<string, Set<string>>();

  constructor(private readonly counter: AttemptCounter) {}

  /** Whether `credential` (any string naming what is presented, e.g. board id + token) may be checked now. */
  async check(address: string, credential: string): Promise<GuessVerdict> {
    const blockedMs = await this.counter.blockedForMs(address);
    if (blockedMs === 0 || this.proven.get(address)?.has(digest(credential))) return { ok: true };
    return { ok: false, retryAfterMs: blockedMs };
  }

  /** Records a failed attempt from `address`. */
  failed(address: string): Promise<void> {
    return this.counter.fail(address);
  }

  /** Records that `credential` was valid from `address`: it keeps working there while the address is blocked. */
  succeeded(address: string, credential: string): void {
    let set = this.proven.get(address);
    if (set) {
      // Re-insert: Map order is the recency order used for eviction.
      this.proven.delete(address);
    } else {
      set = new Set();
    }
    this.proven.set(address, set);
    set.add(digest(credential));
    if (set.size > MAX_CREDENTIALS_PER_ADDRESS) set.delete(set.values().next().value as string);
    if (this.proven.size > MAX_ADDRESSES) this.proven.delete(this.proven.keys().next().value as string);
  }
}

function digest(credential: string): string {
  return createHash('sha256').update(credential, 'utf8').digest('base64url');
}

/** The guard with the memory backend, from the configured limits. */
export function createGuessGuard(limits: GuessLimits): GuessGuard {
  return new GuessGuard(new MemoryAttemptCounter(limits));
}
