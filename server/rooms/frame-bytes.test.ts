import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { frameBytes, frameOf } from './frame-bytes.js';

/** The same frame through lib0's encoder, the reference the stock client decodes. */
function reference(a: number, b: number, payload: Uint8Array | number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, a);
  encoding.writeVarUint(encoder, b);
  if (typeof payload === 'number') encoding.writeVarUint(encoder, payload);
  else encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

describe('frameOf', () => {
  it("writes the bytes lib0's encoder writes, across the varuint lengths", () => {
    for (const length of [0, 1, 97, 98, 127, 128, 300, 16_383, 16_384, 70_000]) {
      const payload = Uint8Array.from({ length }, (_, i) => (i * 31) & 255);
      expect(Buffer.compare(frameOf(0, 2, payload), reference(0, 2, payload))).toBe(0);
    }
    for (const n of [0, 1, 127, 128, 255, 16_384, 2 ** 21, 2 ** 28, 2 ** 31 + 5, Number.MAX_SAFE_INTEGER]) {
      expect(Buffer.compare(frameOf(2, 1, n), reference(2, 1, n))).toBe(0);
      expect(Buffer.compare(frameOf(n, 300, n), reference(n, 300, n))).toBe(0);
    }
  });

  it('returns Buffers, which ws sends without wrapping them again', () => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 5);
    expect(Buffer.isBuffer(frameBytes(encoder))).toBe(true);
    expect(Buffer.isBuffer(frameOf(0, 2, new Uint8Array(3)))).toBe(true);
  });
});
