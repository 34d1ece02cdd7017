import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CLOSE } from '../../shared/protocol.js';
import { ConnectionStatus, SAVED_SETTLE_MS, SLOW_AFTER_MS, type ConnectionView } from '../../client/src/session/connection-status.js';

/** A status and every view it announced, in order. */
function watched(): { status: ConnectionStatus; views: ConnectionView[] } {
  const status = new ConnectionStatus();
  const views: ConnectionView[] = [];
  status.subscribe((view) => views.push(view));
  return { status, views };
}

/** state, with "+slow" when the view is slow */
const shown = (views: ConnectionView[]): string[] => views.map((v) => v.state + (v.slow ? '+slow' : ''));

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('ConnectionStatus', () => {
  it('reads "Saving…" once for a run of typing, and "Saved" once everything has been acknowledged for a while', () => {
    const { status, views } = watched();
    status.live(true);
    expect(shown(views)).toEqual(['saved']);
    // ten keystrokes, 200 ms apart, each acknowledged 10 ms later
    for (let k = 0; k < 10; k++) {
      status.live(false);
      vi.advanceTimersByTime(10);
      status.live(true);
      vi.advanceTimersByTime(190);
    }
    expect(shown(views)).toEqual(['saved', 'saving']);
    // the last ack was 190 ms ago
    vi.advanceTimersByTime(SAVED_SETTLE_MS - 191);
    expect(status.current.state).toBe('saving');
    vi.advanceTimersByTime(1);
    expect(shown(views)).toEqual(['saved', 'saving', 'saved']);
  });

  it('never says "Saved" while an edit is unacknowledged', () => {
    const { status } = watched();
    status.live(true);
    status.live(false);
    status.live(true);
    vi.advanceTimersByTime(SAVED_SETTLE_MS - 1);
    status.live(false); // a new edit just before "Saved" would have shown
    vi.advanceTimersByTime(10 * SAVED_SETTLE_MS);
    expect(status.current.state).toBe('saving');
    status.live(true);
    vi.advanceTimersByTime(SAVED_SETTLE_MS);
    expect(status.current.state).toBe('saved');
  });

  it('calls a wait slow only once edits have waited a second for the server', () => {
    const { status, views } = watched();
    status.live(true);
    // quick acks for five seconds of typing: never slow
    for (let k = 0; k < 25; k++) {
      status.live(false);
      vi.advanceTimersByTime(10);
      status.live(true);
      vi.advanceTimersByTime(190);
    }
    expect(views.some((v) => v.slow)).toBe(false);

    // an edit the server does not acknowledge: slow after SLOW_AFTER_MS, more edits do not restart the clock
    vi.advanceTimersByTime(SAVED_SETTLE_MS);
    status.live(false);
    vi.advanceTimersByTime(SLOW_AFTER_MS / 2);
    status.live(false);
    vi.advanceTimersByTime(SLOW_AFTER_MS / 2 - 1);
    expect(status.current.slow).toBeFalsy();
    vi.advanceTimersByTime(1);
    expect(status.current).toMatchObject({ state: 'saving', slow: true });
    // acknowledged: no longer slow at once, "Saved" after the settle time
    status.live(true);
    expect(status.current).toMatchObject({ state: 'saving' });
    expect(status.current.slow).toBeFalsy();
    vi.advanceTimersByTime(SAVED_SETTLE_MS);
    expect(shown(views).slice(-4)).toEqual(['saving', 'saving+slow', 'saving', 'saved']);
  });

  it('says "Saved" at once when nothing was shown as pending: first sync, back online', () => {
    const { status, views } = watched();
    vi.advanceTimersByTime(SLOW_AFTER_MS);
    expect(status.current).toMatchObject({ state: 'connecting', slow: true });
    status.live(true);
    expect(status.current.state).toBe('saved');
    status.offline();
    status.live(true);
    expect(shown(views)).toEqual(['connecting+slow', 'saved', 'offline', 'saved']);
    // offline with edits kept: back online they are pending, then saved after the settle time
    status.offline();
    status.live(false);
    status.live(true);
    expect(status.current.state).toBe('saving');
    vi.advanceTimersByTime(SAVED_SETTLE_MS);
    expect(status.current.state).toBe('saved');
  });

  it('a refusal or going offline ends the wait: no later "Saved" or "slow" from before', () => {
    const { status } = watched();
    status.live(false);
    status.live(true);
    status.offline();
    vi.advanceTimersByTime(10 * SLOW_AFTER_MS);
    expect(status.current).toMatchObject({ state: 'offline' });
    status.live(false);
    status.refused(CLOSE.notPermitted);
    vi.advanceTimersByTime(10 * SLOW_AFTER_MS);
    expect(status.current).toMatchObject({ state: 'refused', code: CLOSE.notPermitted });
    expect(status.current.slow).toBeFalsy();
  });

  it('leaves no timer behind once disposed', () => {
    const { status } = watched();
    status.live(false);
    status.live(true);
    expect(vi.getTimerCount()).toBeGreaterThan(0);
    status.dispose();
    expect(vi.getTimerCount()).toBe(0);
  });
});
