import * as syncProtocol from 'y-protocols/sync';
import { describe, expect, it } from 'vitest';
import { MESSAGE } from '../../shared/protocol.js';
import { frameOf } from './frame-bytes.js';
import { StoredState } from './stored-state.js';

describe('StoredState', () => {
  it('builds the SyncStep2 frame once, and then holds the snapshot only inside it', () => {
    const snapshot = Uint8Array.from({ length: 300 }, (_, i) => i % 251);
    const stored = new StoredState(snapshot);
    expect(stored.snapshot).toBe(snapshot);

    const frame = stored.frame;
    expect(Buffer.from(frame).equals(frameOf(MESSAGE.sync, syncProtocol.messageYjsSyncStep2, snapshot))).toBe(true);
    expect(stored.frame).toBe(frame);
    // The same bytes, now read from the frame's memory: the original array can be collected.
    expect(stored.snapshot).not.toBe(snapshot);
    expect(stored.snapshot.buffer).toBe(frame.buffer);
    expect(Buffer.from(stored.snapshot).equals(Buffer.from(snapshot))).toBe(true);
  });
});
