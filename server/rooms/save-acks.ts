/**
 * The durable "saved" signal, per connection. Each sync write a connection sends (SyncStep2 or update) is
 * counted in order; once every write up to n is on disk (or changed nothing), the connection gets one small
 * `saved n` message (auth subtype, shared/protocol.ts). Only connections that wrote since their last
 * acknowledgement hear anything, so readers cost nothing and writers a few bytes per commit. The stock
 * y-websocket client ignores the message; Journeyroom's client shows "Saved" from it.
 */
import { AUTH_MESSAGE, MESSAGE } from '../../shared/protocol.js';
import { frameOf } from './frame-bytes.js';
import type { RoomPeer } from './room-peer.js';

/** Writes of one connection. */
interface PeerWrites {
  /** sync writes handled so far */
  handled: number;
  /** the count last acknowledged */
  acked: number;
  /** writes that queued updates not yet durable, oldest first: the write's number and the queue seq it needs */
  waiting: { write: number; seq: number }[];
}

/** Builds the `saved n` frame. */
export function savedFrame(count: number): Uint8Array {
  return frameOf(MESSAGE.auth, AUTH_MESSAGE.saved, count);
}

/** Tracks every connection's writes of one doc and acknowledges them once durable. */
export class SaveAcks {
  private readonly peers = new Map<RoomPeer, PeerWrites>();
  /** peers with writes waiting for a commit */
  private readonly waiting = new Set<RoomPeer>();

  /**
   * One write of `peer` was handled. `seq` is the write queue's sequence number of the last update it queued,
   * or undefined when it queued nothing (a no-op, or dropped): then it is acknowledged at once unless earlier
   * writes still wait.
   */
  handled(peer: RoomPeer, seq: number | undefined): void {
    let writes = this.peers.get(peer);
    if (!writes) this.peers.set(peer, (writes = { handled: 0, acked: 0, waiting: [] }));
    writes.handled++;
    if (seq !== undefined) {
      writes.waiting.push({ write: writes.handled, seq });
      this.waiting.add(peer);
    } else if (writes.waiting.length === 0) {
      this.acknowledge(peer, writes, writes.handled);
    }
  }

  /** Every update queued up to `committedSeq` is durable: acknowledge what that covers. */
  committed(committedSeq: number): void {
    for (const peer of this.waiting) {
      const writes = this.peers.get(peer);
      if (!writes) {
        this.waiting.delete(peer);
        continue;
      }
      while (writes.waiting.length > 0 && writes.waiting[0]!.seq <= committedSeq) writes.waiting.shift();
      const upTo = writes.waiting.length > 0 ? writes.waiting[0]!.write - 1 : writes.handled;
      if (writes.waiting.length === 0) this.waiting.delete(peer);
      this.acknowledge(peer, writes, upTo);
    }
  }

  /** A connection left. */
  forget(peer: RoomPeer): void {
    this.peers.delete(peer);
    this.waiting.delete(peer);
  }

  private acknowledge(peer: RoomPeer, writes: PeerWrites, upTo: number): void {
    if (upTo <= writes.acked) return;
    writes.acked = upTo;
    peer.send(savedFrame(upTo));
  }
}
