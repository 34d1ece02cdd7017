/**
 * Clock-skew correction. A client asks `GET /api/time` (answer `{ now }`, server ms) a few times and keeps
 * the sample with the smallest round trip: the NTP-style midpoint estimate is off by at most half the round
 * trip, so the fastest exchange is the most accurate one. Pure functions; the fetch lives in the client.
 */
import * as z from '../zod.js';

/** The answer of GET /api/time. */
export const timeResponseSchema = z.object({ now: z.number().check(z.int(), z.gte(0)) });
export type TimeResponse = z.infer<typeof timeResponseSchema>;

/** One exchange: the offset to add to the local clock to read the server's, and its round-trip time. */
export interface ClockSample {
  offsetMs: number;
  rttMs: number;
}

/** How many samples a client usually takes at start (more are cheap but rarely change the best one). */
export const CLOCK_SAMPLES = 5;

/**
 * The sample of one exchange: sent at local `sentAt`, answered with server time `serverTime`, received at
 * local `receivedAt`. Assumes the server read its clock halfway through the round trip. Undefined for
 * impossible readings (non-finite, or the local clock going backwards during the exchange).
 */
export function clockSample(sentAt: number, serverTime: number, receivedAt: number): ClockSample | undefined {
  if (!Number.isFinite(sentAt) || !Number.isFinite(serverTime) || !Number.isFinite(receivedAt)) return undefined;
  const rttMs = receivedAt - sentAt;
  if (rttMs < 0) return undefined;
  return { offsetMs: Math.round(serverTime - (sentAt + rttMs / 2)), rttMs };
}

/** Keeps the better of two samples: the one with the smaller round trip (the newer one on a tie). */
export function betterSample(best: ClockSample | undefined, next: ClockSample | undefined): ClockSample | undefined {
  if (!next) return best;
  if (!best) return next;
  return next.rttMs <= best.rttMs ? next : best;
}

/** The best sample of many, or undefined when there is none. */
export function bestSample(samples: readonly (ClockSample | undefined)[]): ClockSample | undefined {
  let best: ClockSample | undefined;
  for (const sample of samples) best = betterSample(best, sample);
  return best;
}

/** The server's clock as seen from here: local time plus the learned offset (0 before any sample). */
export function serverNow(offsetMs: number, localNow: number = Date.now()): number {
  return localNow + (Number.isFinite(offsetMs) ? offsetMs : 0);
}
