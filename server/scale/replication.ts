/**
 * Joins the rooms of this instance to the same rooms on other instances through a Bus:
 * - updates and presence accepted here are published once each; those received are applied with
 *   REMOTE_ORIGIN (fanned out to local clients and stored, never re-published: no loops);
 * - a freshly loaded doc sends a sync request (its state vector); every instance holding that doc answers
 *   with what the requester lacks plus its own state vector, and the requester then publishes what the
 *   answerer lacks. The same exchange runs for every loaded doc after the bus reconnects, so updates accepted
 *   elsewhere but not yet stored, or published while Redis was unreachable, converge everywhere;
 * - link rotation (revoke) closes the sockets admitted with the replaced credential (its one-way tag) on every instance;
 * - catchUp is the barrier of the services that read several docs at one moment (reveal, the tally at a vote's
 *   close): the retained updates of those docs are applied before they read, so nothing another instance
 *   accepted before the barrier is missed because it was neither stored nor replicated here yet.
 * Server rules need nothing more: every instance enforces them against its replica of the board and session docs.
 */
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import {
  PRIVATE_DOC_KEY_PREFIX,
  boardDocAddress,
  docKey,
  isMemberId,
  privateDocAddress,
  sessionDocAddress,
  type DocAddress,
} from '../../shared/protocol.js';
import type { Logger } from '../logger.js';
import type { ReplicatedRoom as Room, Replicator } from '../rooms/replicator.js';
import { BUS_KIND, type Bus, type BusMessage } from './bus.js';

/** Where replication reports applied updates (ServerMetrics). */
export interface UpdateCounter {
  updateApplied(origin: 'local' | 'remote'): void;
}

/** Where replication finds loaded rooms and closes connections (the registry and the server). */
export interface ReplicationTargets {
  /** The loaded room of a doc, if any (no load). */
  peekDoc(address: DocAddress): Room | undefined;
  /** Every loaded room (for the resync after a reconnect). */
  rooms(): Room[];
  /** Closes this instance's sockets on a board that were admitted with the credential tagged `tag`. */
  revokeLocal(boardId: string, tag: string): void;
}

/** The address of a doc from its storage key as carried on the bus; undefined for a key of no known shape. */
function addressOf(boardId: string, key: string): DocAddress | undefined {
  if (key === 'board') return boardDocAddress(boardId);
  if (key === 'session') return sessionDocAddress(boardId);
  const memberId = key.startsWith(PRIVATE_DOC_KEY_PREFIX) ? key.slice(PRIVATE_DOC_KEY_PREFIX.length) : '';
  return isMemberId(memberId) ? privateDocAddress(boardId, memberId) : undefined;
}

/** An empty Yjs update (no structs, no deletions) as encodeStateAsUpdate returns it. */
const EMPTY_UPDATE_BYTES = 2;

/** What a catch-up barrier read (Replication.catchUp); the facilitation services see it as their CatchUp. */
export interface Barrier {
  /** members with retained updates of their private doc */
  readonly privateMembers: readonly string[];
  /** Applies the retained updates of these docs to their loaded rooms (others are skipped). */
  apply(addresses: readonly DocAddress[]): void;
}

/** The barrier with nothing to apply (one instance, or the bus unreadable). */
const EMPTY_BARRIER: Barrier = { privateMembers: [], apply: () => undefined };

/** Counters for /metrics. */
export interface ReplicationCounters {
  published: number;
  received: number;
  /** received updates that could not be applied (malformed) */
  rejected: number;
}

/** The Replicator over a Bus (see the module comment). */
export class Replication implements Replicator {
  private targets: ReplicationTargets | undefined;
  /** Per board: the bus subscription (shared while it is being made) and how many rooms use it. */
  private readonly boards = new Map<string, { ready: Promise<() => void>; users: number }>();
  private readonly log: Logger;
  private readonly offReconnect: () => void;
  readonly counters: ReplicationCounters = { published: 0, received: 0, rejected: 0 };

  constructor(
    private readonly bus: Bus,
    logger: Logger,
    private readonly updates?: UpdateCounter,
  ) {
    this.log = logger.child({ component: 'replication' });
    this.offReconnect = bus.onReconnected(() => this.resyncAll());
  }

  /** Connects to the registry and server (they are built after the replicator they use). */
  bind(targets: ReplicationTargets): void {
    this.targets = targets;
  }

  async prepare(boardId: string): Promise<void> {
    const entry = this.boards.get(boardId);
    if (entry) {
      entry.users++;
      await entry.ready;
      return;
    }
    const ready = this.bus.subscribe(boardId, (message) => this.receive(boardId, message));
    this.boards.set(boardId, { ready, users: 1 });
    await ready;
  }

  release(boardId: string): void {
    const entry = this.boards.get(boardId);
    if (!entry) return;
    entry.users--;
    if (entry.users > 0) return;
    this.boards.delete(boardId);
    entry.ready.then(
      (unsubscribe) => unsubscribe(),
      (err: unknown) => this.log.debug({ err, boardId }, 'subscription had failed'),
    );
  }

  attached(room: Room): void {
    this.requestSync(room);
  }

  publishUpdate(room: Room, update: Uint8Array): void {
    this.updates?.updateApplied('local');
    this.send(room.boardId, { kind: BUS_KIND.update, docKey: docKey(room.address), payload: update });
  }

  publishAwareness(room: Room, update: Uint8Array): void {
    this.send(room.boardId, { kind: BUS_KIND.awareness, docKey: docKey(room.address), payload: update });
  }

  /** Closes the sockets admitted with the credential tagged `tag` on `boardId`, here and on every other instance. */
  revoke(boardId: string, tag: string): void {
    this.targets?.revokeLocal(boardId, tag);
    this.send(boardId, { kind: BUS_KIND.revoke, docKey: '', payload: new TextEncoder().encode(tag) });
  }

  /**
   * The catch-up barrier of one board: reads every update the bus still retains for it (Bus.replay: one paged
   * XRANGE on Redis), whoever published it. Everything any instance accepted (and so published) before that
   * read is then at hand, even if that instance has not committed it and no sync reply has arrived: `apply`
   * puts it into loaded rooms, and `privateMembers` names the members whose private docs it touches (a member
   * whose first draft is not stored yet is in no store listing). Yjs applies are idempotent: what a room holds
   * already changes nothing; updates go in with REMOTE_ORIGIN (fanned out and stored here, never re-published).
   * When the bus cannot be read (Redis down) the barrier is empty and a warning is logged: the caller goes on
   * with what this instance holds, as every instance does while Redis is down.
   */
  async catchUp(boardId: string): Promise<Barrier> {
    if (this.bus.status.state === 'local') return EMPTY_BARRIER;
    let messages: BusMessage[];
    try {
      messages = await this.bus.replay(boardId);
    } catch (err) {
      this.log.warn({ err, boardId }, 'catch-up barrier skipped: the bus cannot be read; going on with what this instance holds');
      return EMPTY_BARRIER;
    }
    const updates = new Map<string, Uint8Array[]>();
    for (const message of messages) {
      if (message.kind !== BUS_KIND.update) continue;
      const list = updates.get(message.docKey) ?? [];
      list.push(message.payload);
      updates.set(message.docKey, list);
    }
    const privateMembers = [...updates.keys()].flatMap((key) => {
      const address = addressOf(boardId, key);
      return address?.kind === 'private' ? [address.memberId] : [];
    });
    return { privateMembers, apply: (addresses) => this.applyRetained(addresses, updates) };
  }

  private applyRetained(addresses: readonly DocAddress[], updates: ReadonlyMap<string, Uint8Array[]>): void {
    for (const address of addresses) {
      const list = updates.get(docKey(address));
      const room = list && this.targets?.peekDoc(address);
      if (!list || !room || room.isDestroyed) continue;
      try {
        room.applyRemoteUpdate(Y.mergeUpdates(list));
      } catch {
        // One malformed entry must not hide the others: apply them one by one.
        for (const update of list) {
          try {
            room.applyRemoteUpdate(update);
          } catch (err) {
            this.counters.rejected++;
            this.log.warn({ err, boardId: address.boardId, docKey: docKey(address) }, 'could not apply a retained update');
          }
        }
      }
    }
  }

  /** Stops reacting to reconnects; the bus is closed by its owner. */
  close(): void {
    this.offReconnect();
  }

  private send(boardId: string, message: BusMessage): void {
    this.counters.published++;
    this.bus.publish(boardId, message);
  }

  private requestSync(room: Room): void {
    this.send(room.boardId, { kind: BUS_KIND.syncRequest, docKey: docKey(room.address), payload: Y.encodeStateVector(room.doc) });
  }

  private resyncAll(): void {
    for (const room of this.targets?.rooms() ?? []) if (!room.isDestroyed) this.requestSync(room);
  }

  private receive(boardId: string, message: BusMessage): void {
    this.counters.received++;
    if (message.kind === BUS_KIND.revoke) {
      const tag = new TextDecoder().decode(message.payload);
      if (tag) this.targets?.revokeLocal(boardId, tag);
      return;
    }
    const address = addressOf(boardId, message.docKey);
    const room = address && this.targets?.peekDoc(address);
    if (!room || room.isDestroyed) return;
    try {
      switch (message.kind) {
        case BUS_KIND.update:
          room.applyRemoteUpdate(message.payload);
          this.updates?.updateApplied('remote');
          break;
        case BUS_KIND.awareness:
          room.applyRemoteAwareness(message.payload);
          break;
        case BUS_KIND.syncRequest:
          this.answer(room, message);
          break;
        case BUS_KIND.syncReply:
          this.finish(room, message);
          break;
      }
    } catch (err) {
      this.counters.rejected++;
      this.log.warn({ err, boardId, docKey: message.docKey, kind: message.kind, from: message.from }, 'could not apply a message from another instance');
    }
  }

  /** Answers a sync request: what the requester lacks, and our state vector so it can send what we lack. */
  private answer(room: Room, request: BusMessage): void {
    if (!request.from) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(room.doc, request.payload));
    encoding.writeVarUint8Array(encoder, Y.encodeStateVector(room.doc));
    this.bus.publish(room.boardId, { kind: BUS_KIND.syncReply, docKey: docKey(room.address), payload: encoding.toUint8Array(encoder), to: request.from });
    this.counters.published++;
  }

  /** Applies a sync reply and publishes (as an ordinary update) what the answerer lacks; nothing answers that. */
  private finish(room: Room, reply: BusMessage): void {
    const decoder = decoding.createDecoder(reply.payload);
    const missing = decoding.readVarUint8Array(decoder);
    const theirVector = decoding.readVarUint8Array(decoder);
    if (missing.length > EMPTY_UPDATE_BYTES) room.applyRemoteUpdate(missing);
    const theirsLacks = Y.encodeStateAsUpdate(room.doc, theirVector);
    if (theirsLacks.length > EMPTY_UPDATE_BYTES) this.send(room.boardId, { kind: BUS_KIND.update, docKey: docKey(room.address), payload: theirsLacks });
  }
}
