/**
 * Bytes read from a database column (a BLOB or BYTEA Buffer) as a plain Uint8Array the caller owns. A Buffer
 * that is all of its memory (sqlite3 gives every BLOB its own, and so does pg for a large BYTEA) is wrapped, not
 * copied: a stored 10,000-note doc is 5 MB, and copying it cost a cold load about 20 ms on a small VM, where
 * touching fresh memory is slow. A Buffer that is a slice of a larger one (Node's pool for small Buffers) is
 * copied, so that keeping the bytes does not keep the rest of that memory alive.
 */
export function ownedBytes(value: Uint8Array): Uint8Array {
  if (value.byteOffset === 0 && value.byteLength === value.buffer.byteLength) return new Uint8Array(value.buffer, 0, value.byteLength);
  return new Uint8Array(value);
}
