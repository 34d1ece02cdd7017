/**
 * The server's clock as seen from this browser: samples GET /api/time a few times at start and again every
 * few minutes, keeps the exchange with the smallest round trip (shared/session/clock.ts), and answers
 * `now()` in server milliseconds, so every screen shows the same remaining time whatever its own clock says.
 */
import { CLOCK_SAMPLES, bestSample, clockSample, serverNow, type ClockSample } from '../../../shared/session/clock.js';

/** Reads the server time once (GET /api/time); throws on failure. */
export type TimeFetcher = () => Promise<number>;

/** How often the offset is learned again (laptops sleep, clocks drift). */
const RESAMPLE_MS = 3 * 60_000;

export class ServerClock {
  private best: ClockSample | undefined;
  private interval: ReturnType<typeof setInterval> | undefined;
  private readonly listeners = new Set<() => void>();
  private stopped = false;

  constructor(private readonly fetchTime: TimeFetcher) {}

  /** Offset to add to the local clock (0 until the first answer). */
  get offsetMs(): number {
    return this.best?.offsetMs ?? 0;
  }

  /** Server time now, in milliseconds. */
  now(): number {
    return serverNow(this.offsetMs);
  }

  /** Starts sampling now and every few minutes; idempotent. */
  start(): void {
    if (this.interval !== undefined || this.stopped) return;
    void this.sample();
    this.interval = setInterval(() => void this.sample(), RESAMPLE_MS);
  }

  stop(): void {
    this.stopped = true;
    if (this.interval !== undefined) clearInterval(this.interval);
    this.interval = undefined;
    this.listeners.clear();
  }

  /** Calls `listener` whenever the offset changes; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** One round of samples; the best of this round replaces the previous offset (it may have drifted). */
  async sample(count: number = CLOCK_SAMPLES): Promise<void> {
    const samples: (ClockSample | undefined)[] = [];
    for (let i = 0; i < count && !this.stopped; i++) {
      const sentAt = Date.now();
      try {
        const server = await this.fetchTime();
        samples.push(clockSample(sentAt, server, Date.now()));
      } catch (error) {
        // Offline for a moment: keep the offset we have and try again at the next round.
        console.warn('journeyroom: could not read the server clock', error);
        break;
      }
    }
    const best = bestSample(samples);
    if (!best || this.stopped) return;
    const changed = best.offsetMs !== this.best?.offsetMs;
    this.best = best;
    if (changed) for (const listener of this.listeners) listener();
  }
}
