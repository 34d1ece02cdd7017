/**
 * Per-connection budgets: a token bucket each for messages, bytes and awareness updates.
 * Generous enough for fast typing, drag and drop and an offline client catching up; a flood runs dry.
 */

/** Messages per connection: a burst of this many, refilled at MESSAGE_RATE_PER_S. */
export const MESSAGE_BURST = 600;
export const MESSAGE_RATE_PER_S = 200;
/** Bytes per connection: a burst of this many, refilled at BYTE_RATE_PER_S (a full 8 MiB frame fits). */
export const BYTE_BURST = 32 * 1024 * 1024;
export const BYTE_RATE_PER_S = 8 * 1024 * 1024;
/** Awareness updates per connection (presence changes on focus and selection, renewed every 15 s). */
export const AWARENESS_BURST = 40;
export const AWARENESS_RATE_PER_S = 10;

/** A token bucket: `take(n)` succeeds while tokens last; tokens refill continuously up to the capacity. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly capacity: number,
    private readonly refillPerSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = capacity;
    this.last = now();
  }

  /** Takes `n` tokens if there are that many; false (and nothing taken) otherwise. */
  take(n = 1): boolean {
    const t = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((t - this.last) / 1000) * this.refillPerSecond);
    this.last = t;
    if (this.tokens < n) return false;
    this.tokens -= n;
    return true;
  }
}
