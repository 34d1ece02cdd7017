import * as syncProtocol from 'y-protocols/sync';
import { describe, expect, it } from 'vitest';
import { MESSAGE } from '../../shared/protocol.js';
import { frameOf } from './frame-bytes.js';
import { StoredState } from './stored-state.js';

describe('StoredState', () => {
  const snapshot = Uint8Array.from({ length: 300 }, (_, i) => i % 251);
  const whole = frameOf(MESSAGE.sync, syncProtocol.messageYjsSyncStep2, snapshot);

  it('splits the SyncStep2 frame into a start it builds once and the rest of the snapshot, not copied', () => {
    const stored = new StoredState(snapshot);
    const [start, rest] = stored.parts(100);
    expect(Buffer.concat([start, rest]).equals(whole)).toBe(true);
    // The start carries the frame's header and the snapshot's first 100 bytes (the length 300 takes 2 bytes).
    expect(start.length).toBe(2 + 2 + 100);
    // The rest is the snapshot's own memory.
    expect(rest.buffer).toBe(snapshot.buffer);
    expect(rest.byteOffset).toBe(100);
    // Built once for every client asking with the same threshold.
    expect(stored.parts(100)[0]).toBe(start);
  });

  it('puts the whole frame in the start when the snapshot fits, and only the header when asked for none', () => {
    const stored = new StoredState(snapshot);
    const [start, rest] = stored.parts(16 * 1024);
    expect(start.equals(whole)).toBe(true);
    expect(rest.length).toBe(0);
    const [header, all] = stored.parts(0);
    expect(header.length).toBe(4);
    expect(Buffer.concat([header, all]).equals(whole)).toBe(true);
  });
});
