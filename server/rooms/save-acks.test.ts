/** SaveAcks: a connection hears "saved n" once its writes up to n are durable or changed nothing. */
import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import { AUTH_MESSAGE, MESSAGE } from '../../shared/protocol.js';
import type { RoomPeer } from './room.js';
import { SaveAcks } from './save-acks.js';

function peer(id: string): RoomPeer & { acks: number[] } {
  const acks: number[] = [];
  return {
    id,
    acks,
    send(data: Uint8Array) {
      const d = decoding.createDecoder(data);
      expect(decoding.readVarUint(d)).toBe(MESSAGE.auth);
      expect(decoding.readVarUint(d)).toBe(AUTH_MESSAGE.saved);
      acks.push(decoding.readVarUint(d));
    },
    sendStored() {
      throw new Error('save acknowledgements never send a stored snapshot');
    },
    close() {},
  };
}

describe('SaveAcks', () => {
  it('acknowledges a write when the commit covering its update lands, and only the writer', () => {
    const acks = new SaveAcks();
    const a = peer('a');
    const b = peer('b');
    acks.handled(a, 1);
    acks.handled(a, 2);
    acks.committed(1);
    expect(a.acks).toEqual([1]);
    acks.committed(2);
    expect(a.acks).toEqual([1, 2]);
    expect(b.acks).toEqual([]);
    // A commit that covers nothing new of a sends nothing more.
    acks.committed(3);
    expect(a.acks).toEqual([1, 2]);
  });

  it('a write that changed nothing is acknowledged at once, or with the writes before it', () => {
    const acks = new SaveAcks();
    const a = peer('a');
    acks.handled(a, undefined);
    expect(a.acks).toEqual([1]);
    acks.handled(a, 5);
    acks.handled(a, undefined);
    expect(a.acks).toEqual([1]);
    acks.committed(5);
    expect(a.acks).toEqual([1, 3]);
  });

  it('a forgotten connection hears nothing more', () => {
    const acks = new SaveAcks();
    const a = peer('a');
    acks.handled(a, 1);
    acks.forget(a);
    acks.committed(1);
    expect(a.acks).toEqual([]);
  });
});
