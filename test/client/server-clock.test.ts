/** The browser's view of the server clock: fastest exchange wins, failures keep the offset, resampling, stop. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ServerClock, type TimeFetcher } from '../../client/src/facilitation/server-clock.js';

const T0 = 1_800_000_000_000;

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** A server `offsetMs` ahead whose answers take the given round trips (the server reads its clock half-way). */
function server(offsetMs: number, rtts: readonly (number | Error)[]): TimeFetcher & { calls: number } {
  const fetcher = Object.assign(
    async () => {
      const rtt = rtts[fetcher.calls++ % rtts.length] ?? 0;
      if (rtt instanceof Error) throw rtt;
      vi.setSystemTime(Date.now() + rtt / 2);
      const answer = Date.now() + offsetMs;
      vi.setSystemTime(Date.now() + rtt / 2);
      return answer;
    },
    { calls: 0 },
  );
  return fetcher;
}

describe('ServerClock', () => {
  it('reads 0 offset before any answer, then the offset of the exchange with the smallest round trip', async () => {
    const clock = new ServerClock(server(5_000, [400, 20, 900]));
    expect(clock.offsetMs).toBe(0);
    expect(clock.now()).toBe(Date.now());
    await clock.sample(3);
    expect(clock.offsetMs).toBe(5_000);
    expect(clock.now()).toBe(Date.now() + 5_000);
  });

  it('keeps the offset it has when the server cannot be reached, and tells listeners only about changes', async () => {
    const fetcher = server(-2_000, [10]);
    const clock = new ServerClock(fetcher);
    const heard = vi.fn();
    const unsubscribe = clock.subscribe(heard);
    await clock.sample(2);
    expect(clock.offsetMs).toBe(-2_000);
    expect(heard).toHaveBeenCalledTimes(1);
    await clock.sample(2);
    expect(heard).toHaveBeenCalledTimes(1);

    const offline = new ServerClock(server(0, [new Error('offline')]));
    await offline.sample(3);
    expect(offline.offsetMs).toBe(0);
    unsubscribe();
    clock.stop();
  });

  it('samples again every few minutes once started, and not after stop', async () => {
    const fetcher = server(1_000, [10]);
    const clock = new ServerClock(fetcher);
    clock.start();
    clock.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(fetcher.calls).toBe(5);
    await vi.advanceTimersByTimeAsync(3 * 60_000);
    expect(fetcher.calls).toBe(10);
    clock.stop();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(fetcher.calls).toBe(10);
    clock.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(fetcher.calls).toBe(10);
  });
});
