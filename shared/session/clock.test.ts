import { describe, expect, it } from 'vitest';
import { bestSample, clockSample, serverNow, timeResponseSchema, type ClockSample } from './clock.js';
import { timerRemainingMs } from './timer.js';

const HOUR = 3600_000;

/** A simulated exchange: the client's clock is `skew` ms off the server's; `up`/`down` are one-way delays. */
function exchange(serverStart: number, skew: number, up: number, down: number): { sample: ClockSample | undefined; serverTime: number } {
  const sentAt = serverStart + skew;
  const serverTime = serverStart + up;
  const receivedAt = serverStart + up + down + skew;
  return { sample: clockSample(sentAt, serverTime, receivedAt), serverTime };
}

describe('clock skew correction', () => {
  it.each([HOUR, -HOUR])('recovers a skew of %i ms within half the best round trip', (skew) => {
    const serverStart = 1_800_000_000_000;
    const samples = [
      exchange(serverStart, skew, 120, 30).sample,
      exchange(serverStart + 1000, skew, 8, 12).sample,
      exchange(serverStart + 2000, skew, 300, 5).sample,
    ];
    const best = bestSample(samples);
    expect(best?.rttMs).toBe(20);
    // The true offset is -skew; the midpoint estimate is off by (up - down) / 2 = -2 ms here.
    expect(Math.abs(best!.offsetMs - -skew)).toBeLessThanOrEqual(best!.rttMs / 2);

    // Two clients an hour apart compute the same remaining time for one timer.
    const localOfSkewed = serverStart + 5000 + skew;
    const localOfExact = serverStart + 5000;
    const exact = bestSample([exchange(serverStart, 0, 8, 12).sample])!;
    const timer = { status: 'running' as const, durationMs: 60_000, endsAt: serverStart + 60_000, remainingMs: null };
    const seenSkewed = timerRemainingMs(timer, serverNow(best!.offsetMs, localOfSkewed));
    const seenExact = timerRemainingMs(timer, serverNow(exact.offsetMs, localOfExact));
    expect(Math.abs(seenSkewed - seenExact)).toBeLessThanOrEqual(20);
    // Without correction the skewed client would see a timer that ended (or one an hour long).
    expect(timerRemainingMs(timer, localOfSkewed)).not.toBe(seenSkewed);
  });

  it('a screen whose estimate is a little behind the one that started the timer never shows more than its duration', () => {
    const startedAt = 1_800_000_000_000;
    const timer = { status: 'running' as const, durationMs: 180_000, endsAt: startedAt + 180_000, remainingMs: null };
    // 7 ms behind the facilitator's estimate, right after the start: 3:00, not 3:01.
    expect(timerRemainingMs(timer, startedAt - 7)).toBe(180_000);
    expect(timerRemainingMs(timer, startedAt + 1_000)).toBe(179_000);
    expect(timerRemainingMs(timer, startedAt + 200_000)).toBe(0);
  });

  it('rejects impossible samples and keeps the previous best', () => {
    expect(clockSample(100, 50, 90)).toBeUndefined();
    expect(clockSample(Number.NaN, 50, 90)).toBeUndefined();
    const good = clockSample(0, 1000, 10);
    expect(bestSample([good, undefined, clockSample(5, 1, 0)])).toEqual(good);
    expect(bestSample([])).toBeUndefined();
  });

  it('serverNow adds the offset and ignores a non-finite one', () => {
    expect(serverNow(500, 1000)).toBe(1500);
    expect(serverNow(Number.NaN, 1000)).toBe(1000);
  });

  it('validates the /api/time answer', () => {
    expect(timeResponseSchema.safeParse({ now: 123 }).success).toBe(true);
    expect(timeResponseSchema.safeParse({ now: '123' }).success).toBe(false);
    expect(timeResponseSchema.safeParse({}).success).toBe(false);
  });
});
