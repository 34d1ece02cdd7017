/**
 * A doc's stored snapshot, while it is all the store holds for the doc, as every new client's first sync. A
 * 10,000-note board's snapshot is 5 MB, and on a small VM every copy of it costs ~20 ms (fresh memory), once
 * per joining client when each built its own frame, and a workshop joins all at once. So the SyncStep2 message
 * goes out as two fragments of one WebSocket message: its start, built once and shared by every client, and the
 * rest of the snapshot as the store returned it, never copied.
 */
import * as syncProtocol from 'y-protocols/sync';
import { MESSAGE } from '../../shared/protocol.js';
import { frameStartOf } from './frame-bytes.js';

export class StoredState {
  private start: { snapshotBytes: number; bytes: Buffer } | undefined;

  constructor(readonly snapshot: Uint8Array) {}

  /**
   * The y-websocket SyncStep2 message carrying the snapshot, in two parts: the message's start with the
   * snapshot's first `firstBytes` bytes (at most all of them), then the rest of the snapshot, empty when the
   * start holds it all. `ws` decides whether to compress a message from its first fragment alone, so a caller
   * with a compression threshold asks for at least that many bytes in the start.
   */
  parts(firstBytes: number): [Buffer, Uint8Array] {
    const kept = Math.max(0, Math.min(firstBytes, this.snapshot.length));
    if (this.start?.snapshotBytes !== kept) {
      this.start = { snapshotBytes: kept, bytes: frameStartOf(MESSAGE.sync, syncProtocol.messageYjsSyncStep2, this.snapshot, kept) };
    }
    return [this.start.bytes, this.snapshot.subarray(kept)];
  }
}
