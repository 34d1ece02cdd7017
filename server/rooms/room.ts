/**
 * A room: one doc of one board in memory (Y.Doc + Awareness) and the connections on it. It applies checked
 * client updates, fans them out, hands them to the write queue, trims over-long note texts, keeps awareness
 * per connection, and after each commit tells each connection that wrote which of its writes are stored.
 */
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import { LIMITS } from '../../shared/board/schema.js';
import { MESSAGE, type DocAddress } from '../../shared/protocol.js';
import type { Logger } from '../logger.js';
import { NO_REPLICATION, type Replicator } from './replicator.js';
import { frameBytes, frameOf } from './frame-bytes.js';
import { SaveAcks } from './save-acks.js';
import type { DocHandle } from './write-queue.js';
import type { StoredState } from './stored-state.js';

import type { RoomPeer } from './room-peer.js';

export type { RoomPeer } from './room-peer.js';

/** Transaction origin of updates the server makes itself (e.g. trimming a note's text). */
export const SERVER_ORIGIN = Symbol('server');
/** Transaction origin of the stored state applied while loading; never re-enqueued. */
export const LOAD_ORIGIN = Symbol('load');
/**
 * Origin of updates and awareness received from another instance: fanned out to this room's clients and
 * stored like local ones, but never published again (no loops).
 */
export const REMOTE_ORIGIN = Symbol('remote');

/** Builds a y-websocket sync frame around `write`. */
export function syncFrame(write: (encoder: encoding.Encoder) => void): Buffer {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE.sync);
  write(encoder);
  return frameBytes(encoder);
}

/** Builds a y-websocket awareness frame. */
export function awarenessFrame(update: Uint8Array): Buffer {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE.awareness);
  encoding.writeVarUint8Array(encoder, update);
  return frameBytes(encoder);
}

/**
 * One loaded doc of a board with its connections: the single owner of the doc while it is loaded. It holds
 * the doc, its awareness, its connections and its write-queue handle (the registry only finds rooms).
 */
export class Room {
  readonly awareness: awarenessProtocol.Awareness;
  private readonly peers = new Set<RoomPeer>();
  /** awareness clientID -> id of the connection that introduced it */
  private readonly owners = new Map<number, string>();
  private readonly ownedByPeer = new Map<string, Set<number>>();
  private destroyed = false;
  private readonly saves = new SaveAcks();
  /**
   * The stored snapshot the doc was loaded from, kept while the doc has not changed since: a new client's
   * first sync is these bytes as they are, in one frame for all of them, not a fresh encoding of the whole doc
   * (≈ 0.2-0.4 s for 10,000 notes).
   */
  private storedState: StoredState | undefined;
  /** The write queue's sequence number of this doc's latest queued update. */
  private lastSeq = 0;
  /** Non-connection holders keeping the room loaded (a board room holds its session room). */
  private holds = 0;
  private readonly stopCommitted: () => void;

  /**
   * `sessionDoc`, for a board room: the live session doc of the same board, held loaded as long as this room
   * is, so the lock rule can be checked on every update.
   */
  constructor(
    readonly address: DocAddress,
    readonly doc: Y.Doc,
    readonly handle: DocHandle,
    private readonly log: Logger,
    private readonly onIdle: (room: Room) => void,
    readonly sessionDoc?: Y.Doc,
    private readonly replicator: Replicator = NO_REPLICATION,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
    doc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
    this.stopCommitted = handle.onCommitted((committedSeq) => this.announceCommitted(committedSeq));
  }

  /** The id of the board this doc belongs to. */
  get boardId(): string {
    return this.address.boardId;
  }

  /** Number of connections in the room plus holds: a room of size 0 may unload. */
  get size(): number {
    return this.peers.size + this.holds;
  }

  /** Keeps the room loaded without a connection; pair with unhold. */
  hold(): void {
    this.holds++;
  }

  /** Releases a hold; an empty room reports itself idle. */
  unhold(): void {
    if (this.holds > 0) this.holds--;
    if (this.size === 0 && !this.destroyed) this.onIdle(this);
  }

  /** True once destroyed (unloaded); a destroyed room accepts no one. */
  get isDestroyed(): boolean {
    return this.destroyed;
  }

  /**
   * Adds a connection and starts the sync: the server's SyncStep1 and the current presence. `clientHas`: the
   * stored snapshot the peer was already sent as its first sync while the room loaded (see registry.ts); if the
   * doc changed since (a schema migration, another instance's updates), the peer gets the difference now.
   */
  join(peer: RoomPeer, clientHas?: StoredState): void {
    this.peers.add(peer);
    this.ownedByPeer.set(peer.id, new Set());
    peer.send(syncFrame((e) => syncProtocol.writeSyncStep1(e, this.doc)));
    if (clientHas && clientHas !== this.storedState) {
      const missing = Y.encodeStateAsUpdate(this.doc, Y.encodeStateVectorFromUpdate(clientHas.snapshot));
      peer.send(syncFrame((e) => syncProtocol.writeUpdate(e, missing)));
    }
    const clients = [...this.awareness.getStates().keys()];
    if (clients.length > 0) peer.send(awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients)));
  }

  /** Keeps the snapshot the doc was loaded from (and nothing else) for first syncs, until the doc changes. */
  keepStoredState(stored: StoredState): void {
    this.storedState = stored;
  }

  /** Removes a connection and its presence; an empty room reports itself idle. */
  leave(peer: RoomPeer): void {
    if (!this.peers.delete(peer)) return;
    this.saves.forget(peer);
    const owned = this.ownedByPeer.get(peer.id);
    this.ownedByPeer.delete(peer.id);
    if (owned && owned.size > 0 && !this.destroyed) {
      for (const id of owned) this.owners.delete(id);
      awarenessProtocol.removeAwarenessStates(this.awareness, [...owned], peer);
    }
    if (this.size === 0) this.onIdle(this);
  }

  /** Answers a SyncStep1: what the peer lacks. Throws on an undecodable state vector. */
  answerSyncStep1(peer: RoomPeer, stateVector: Uint8Array): void {
    // An empty state vector (a client with an empty doc) encodes as the single byte 0.
    const fromStore = stateVector.length === 1 && stateVector[0] === 0 ? this.storedState : undefined;
    if (fromStore) peer.sendStored(fromStore);
    else peer.send(frameOf(MESSAGE.sync, syncProtocol.messageYjsSyncStep2, Y.encodeStateAsUpdate(this.doc, stateVector)));
  }

  /**
   * Applies an update that passed the update guard. `stringIds` are the ids of its string inserts: texts they
   * landed in that are now longer than the note limit are trimmed by a server transaction.
   */
  applyClientUpdate(peer: RoomPeer, update: Uint8Array, stringIds: readonly Y.ID[]): void {
    const seqBefore = this.lastSeq;
    try {
      Y.applyUpdate(this.doc, update, peer);
      if (stringIds.length > 0) this.trimLongTexts(stringIds);
    } finally {
      // Counted even when applying threw: the connection is closed then, and its count goes with it.
      this.saves.handled(peer, this.lastSeq === seqBefore ? undefined : this.lastSeq);
    }
  }

  /** A write of `peer` that is not applied (read-only, or a no-op while locked): acknowledged in its turn. */
  skipClientUpdate(peer: RoomPeer): void {
    this.saves.handled(peer, undefined);
  }

  private trimLongTexts(stringIds: readonly Y.ID[]): void {
    const texts = new Set<Y.Text>();
    for (const id of stringIds) {
      if (id.clock >= Y.getState(this.doc.store, id.client)) continue;
      const item = Y.getItem(this.doc.store, id);
      if (item instanceof Y.Item && item.parent instanceof Y.Text && item.parent.length > LIMITS.noteTextChars) texts.add(item.parent);
    }
    if (texts.size === 0) return;
    this.doc.transact(() => {
      for (const text of texts) text.delete(LIMITS.noteTextChars, text.length - LIMITS.noteTextChars);
    }, SERVER_ORIGIN);
    this.log.info({ texts: texts.size, limit: LIMITS.noteTextChars }, 'trimmed note text over the limit');
  }

  /** The awareness clientIDs owned by each connection (for the awareness guard). */
  get awarenessOwners(): ReadonlyMap<number, string> {
    return this.owners;
  }

  /** How many clientIDs a connection owns. */
  ownedCount(peer: RoomPeer): number {
    return this.ownedByPeer.get(peer.id)?.size ?? 0;
  }

  /** Applies an awareness update already filtered for `peer`, recording the clientIDs it claims or releases. */
  applyAwareness(peer: RoomPeer, update: Uint8Array | null, claimed: readonly number[], released: readonly number[]): void {
    const owned = this.ownedByPeer.get(peer.id);
    if (!owned) return;
    for (const id of claimed) {
      this.owners.set(id, peer.id);
      owned.add(id);
    }
    if (update) awarenessProtocol.applyAwarenessUpdate(this.awareness, update, peer);
    for (const id of released) {
      this.owners.delete(id);
      owned.delete(id);
    }
  }

  /** Sends every presence state to one peer (query-awareness). */
  sendAwareness(peer: RoomPeer): void {
    const clients = [...this.awareness.getStates().keys()];
    if (clients.length > 0) peer.send(awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients)));
  }

  /** The write queue committed this doc's updates up to `committedSeq`: tell the writers they are saved. */
  private announceCommitted(committedSeq: number): void {
    if (this.destroyed) return;
    this.saves.committed(committedSeq);
  }

  /** Applies an update another instance accepted (see REMOTE_ORIGIN). Throws on an undecodable update. */
  applyRemoteUpdate(update: Uint8Array): void {
    if (this.destroyed) return;
    Y.applyUpdate(this.doc, update, REMOTE_ORIGIN);
  }

  /** Applies presence from another instance's clients (they expire here like local ones when not renewed). */
  applyRemoteAwareness(update: Uint8Array): void {
    if (this.destroyed) return;
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE_ORIGIN);
  }

  /** Closes every connection with `code`. */
  closeAll(code: number, reason: string): void {
    for (const peer of [...this.peers]) peer.close(code, reason);
  }

  /** Frees the doc and awareness (their timers); the room is unusable afterwards. Idempotent. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.stopCommitted();
    this.doc.off('update', this.onDocUpdate);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.doc.destroy();
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === LOAD_ORIGIN) return;
    this.storedState = undefined;
    // Remote updates are stored here too: this instance then only ever says "saved" for what it committed
    // itself, and an update survives its accepting instance dying before its commit (docs/scale-out.md).
    this.lastSeq = this.handle.enqueue(update);
    if (origin !== REMOTE_ORIGIN) this.replicator.publishUpdate(this, update);
    const frame = frameOf(MESSAGE.sync, syncProtocol.messageYjsUpdate, update);
    for (const peer of this.peers) if (peer !== origin) peer.send(frame);
  };

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const changed = [...added, ...updated, ...removed];
    if (changed.length === 0) return;
    // Our clients' presence goes to the other instances; theirs (REMOTE_ORIGIN) and local expiries ('timeout',
    // which every instance applies on its own) do not go back.
    if (origin !== REMOTE_ORIGIN && origin !== 'timeout' && !this.destroyed) {
      this.replicator.publishAwareness(this, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    }
    if (this.peers.size === 0) return;
    // Sent to every peer including the sender: the stock client's 30 s watchdog needs to hear its own renewals.
    const frame = awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    for (const peer of this.peers) peer.send(frame);
  };
}
