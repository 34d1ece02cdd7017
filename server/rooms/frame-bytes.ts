/**
 * Outgoing frames as Buffers, built with as few allocations as the bytes allow: these run once per edit (the
 * broadcast, the "saved" acknowledgement), and what they allocate is collected by the young generation's
 * scavenges that pause every room at once.
 */
import * as encoding from 'lib0/encoding';

/**
 * The encoder's bytes as a Buffer over the same memory. `ws` sends a Buffer as it is but wraps any other
 * Uint8Array in a new Buffer on every send: a frame fanned out to 49 peers would be wrapped 49 times.
 */
export function frameBytes(encoder: encoding.Encoder): Buffer {
  const bytes = encoding.toUint8Array(encoder);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Bytes of `n` as lib0's variable-length unsigned integer (7 bits a byte, lowest first). */
function varUintLength(n: number): number {
  let length = 1;
  while (n > 127) {
    n = Math.floor(n / 128);
    length++;
  }
  return length;
}

function writeVarUint(target: Buffer, at: number, n: number): number {
  while (n > 127) {
    target[at++] = 128 | (n & 127);
    n = Math.floor(n / 128);
  }
  target[at++] = n;
  return at;
}

/**
 * The frame lib0 would encode as writeVarUint(a), writeVarUint(b), then writeVarUint8Array(payload) or
 * writeVarUint(payload), written straight into one Buffer (small ones come from Node's shared pool) instead of
 * an encoder's 100-byte chunk and its copy.
 */
export function frameOf(a: number, b: number, payload: Uint8Array | number): Buffer {
  if (typeof payload !== 'number') return frameStartOf(a, b, payload, payload.length);
  const frame = Buffer.allocUnsafe(varUintLength(a) + varUintLength(b) + varUintLength(payload));
  writeVarUint(frame, writeVarUint(frame, writeVarUint(frame, 0, a), b), payload);
  return frame;
}

/**
 * The bytes of frameOf(a, b, payload) up to and including the payload's first `count` bytes: followed by
 * `payload.subarray(count)`, the same frame, without copying that rest.
 */
export function frameStartOf(a: number, b: number, payload: Uint8Array, count: number): Buffer {
  const kept = Math.max(0, Math.min(count, payload.length));
  const frame = Buffer.allocUnsafe(varUintLength(a) + varUintLength(b) + varUintLength(payload.length) + kept);
  const at = writeVarUint(frame, writeVarUint(frame, writeVarUint(frame, 0, a), b), payload.length);
  frame.set(kept === payload.length ? payload : payload.subarray(0, kept), at);
  return frame;
}
