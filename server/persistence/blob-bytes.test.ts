import { describe, expect, it } from 'vitest';
import { ownedBytes } from './blob-bytes.js';

describe('ownedBytes', () => {
  it('wraps a Buffer that is all of its memory, without copying, as a plain Uint8Array', () => {
    const blob = Buffer.alloc(64 * 1024, 7);
    const bytes = ownedBytes(blob);
    expect(Buffer.isBuffer(bytes)).toBe(false);
    expect(bytes.buffer).toBe(blob.buffer);
    expect(bytes.byteLength).toBe(blob.byteLength);
    expect(bytes[0]).toBe(7);
  });

  it("copies a Buffer that is a slice of a larger one (Node's pool), so the rest of that memory is not kept", () => {
    const pooled = Buffer.from('a small value');
    expect(pooled.buffer.byteLength).toBeGreaterThan(pooled.byteLength);
    const bytes = ownedBytes(pooled);
    expect(bytes.buffer).not.toBe(pooled.buffer);
    expect(bytes.buffer.byteLength).toBe(pooled.byteLength);
    expect(Buffer.from(bytes).toString()).toBe('a small value');
  });
});
