/** The client's save tracker: edits are saved once the server acknowledged the writes that carried them. */
import { describe, expect, it } from 'vitest';
import { SaveTracker } from '../../client/src/session/save-tracker.js';

describe('SaveTracker', () => {
  it('is saved with no edits, saving after one, saved once its write is acknowledged', () => {
    const t = new SaveTracker();
    t.socketOpened();
    expect(t.saved).toBe(true);
    t.localUpdate(true);
    expect(t.saved).toBe(false);
    expect(t.savedUpTo(1)).toBe(true);
    expect(t.saved).toBe(true);
  });

  it('an acknowledgement covers only the writes sent before it', () => {
    const t = new SaveTracker();
    t.socketOpened();
    t.repliedToStep1();
    t.localUpdate(true); // write 2
    t.localUpdate(true); // write 3
    t.savedUpTo(2);
    expect(t.saved).toBe(false);
    t.savedUpTo(3);
    expect(t.saved).toBe(true);
  });

  it('offline edits are saved by the acknowledgement of the reply to the next SyncStep1', () => {
    const t = new SaveTracker();
    t.socketOpened();
    t.localUpdate(true); // write 1, never acknowledged: the socket drops
    t.localUpdate(false);
    t.localUpdate(false);
    t.socketOpened();
    // A stale acknowledgement count from the old socket means nothing on the new one.
    expect(t.savedUpTo(1)).toBe(false);
    expect(t.saved).toBe(false);
    t.repliedToStep1(); // write 1 on the new socket carries all three edits
    t.localUpdate(true); // write 2
    t.savedUpTo(1);
    expect(t.saved).toBe(false);
    t.savedUpTo(2);
    expect(t.saved).toBe(true);
  });
});
