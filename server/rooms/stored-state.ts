/**
 * A doc's stored snapshot, while it is all the store holds for the doc, as every new client's first sync: the
 * SyncStep2 frame is built once and the same Buffer goes to each of them. A 10,000-note board's snapshot is
 * 5 MB: a copy per joining client cost ~20 ms each on a small VM, and a workshop joins all at once.
 */
import * as syncProtocol from 'y-protocols/sync';
import { MESSAGE } from '../../shared/protocol.js';
import { frameOf } from './frame-bytes.js';

export class StoredState {
  private builtFrame: Buffer | undefined;

  constructor(private bytes: Uint8Array) {}

  /** The snapshot as stored (once the frame exists, its bytes inside the frame: the two are held once). */
  get snapshot(): Uint8Array {
    return this.bytes;
  }

  /** The y-websocket SyncStep2 frame carrying the snapshot, built on first use. */
  get frame(): Buffer {
    if (!this.builtFrame) {
      const frame = frameOf(MESSAGE.sync, syncProtocol.messageYjsSyncStep2, this.bytes);
      this.bytes = frame.subarray(frame.length - this.bytes.length);
      this.builtFrame = frame;
    }
    return this.builtFrame;
  }
}
