import { describe, expect, it } from 'vitest';
import { TokenBucket } from './rate-limit.js';

describe('TokenBucket', () => {
  it('allows a burst, refuses beyond it, and refills over time up to its capacity', () => {
    let now = 0;
    const bucket = new TokenBucket(3, 2, () => now);
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
    now += 500; // one token back
    expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
    now += 60_000; // refills to the capacity, not beyond
    expect(bucket.take(3)).toBe(true);
    expect(bucket.take()).toBe(false);
  });

  it('takes several tokens at once only when all are there', () => {
    const now = 0;
    const bucket = new TokenBucket(10, 1, () => now);
    expect(bucket.take(8)).toBe(true);
    expect(bucket.take(5)).toBe(false);
    expect(bucket.take(2)).toBe(true);
  });
});
