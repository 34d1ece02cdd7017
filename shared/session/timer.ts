/** Timer arithmetic on server-clock milliseconds (see clock.ts for how a client learns the server's time). */
import type { TimerState } from './schema.js';

/**
 * Milliseconds left on `timer` at server time `serverNow`: 0 when idle or run out. Never more than the timer's
 * duration: each screen's estimate of the server clock is off by up to half its best round trip, and a screen a
 * few ms behind the one that started the timer would otherwise show "3:01" of a 3-minute timer.
 */
export function timerRemainingMs(timer: TimerState, serverNow: number): number {
  if (timer.status === 'running') return timer.endsAt === null ? 0 : Math.min(timer.durationMs, Math.max(0, timer.endsAt - serverNow));
  if (timer.status === 'paused') return Math.max(0, timer.remainingMs ?? 0);
  return 0;
}

/** True when a running timer has reached its end (the moment the UI gives its cue). */
export function timerHasEnded(timer: TimerState, serverNow: number): boolean {
  return timer.status === 'running' && timerRemainingMs(timer, serverNow) === 0;
}
