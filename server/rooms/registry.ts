/**
 * The registry of loaded rooms. A doc is loaded exactly once even when many connections join at the same
 * moment (they share the in-flight promise); a failed load writes nothing; an idle room is unloaded only
 * after its compacting flush succeeded and nobody came back meanwhile. Also counts connections per board.
 */
import * as Y from 'yjs';
import { docKey as docKeyOf, type RoomAddress } from '../../shared/protocol.js';
import type { Logger } from '../logger.js';
import type { BoardStore } from '../persistence/board-store.js';
import { NO_REPLICATION, type Replicator } from './replicator.js';
import { LOAD_ORIGIN, Room, type DocWriteQueue } from './room.js';

/** Longest wait for the final flush of every room at shutdown (the process exits by 10 s). */
const SHUTDOWN_FLUSH_MS = 6000;

/** Wait before retrying the flush of an idle room whose flush failed. */
export const UNLOAD_RETRY_MS = 5_000;

/** Options of the registry. */
export interface RegistryOptions {
  store: BoardStore;
  queue: DocWriteQueue;
  logger: Logger;
  idleUnloadMs: number;
  /** Reaches the other instances (scale-out); none in the embedded mode. */
  replicator?: Replicator;
}

/** Why a room could not be loaded. */
export class RoomLoadError extends Error {
  readonly code = 'room_load_failed';
  constructor(message: string, options?: { cause: unknown }) {
    super(message, options);
    this.name = 'RoomLoadError';
  }
}

/** Loaded rooms by `<boardId>/<docKey>`, plus per-board connection counts. */
export class RoomRegistry {
  private readonly rooms = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room>>();
  private readonly idleTimers = new Map<string, NodeJS.Timeout>();
  private readonly connections = new Map<string, number>();
  private closed = false;

  constructor(private readonly options: RegistryOptions) {}

  /** Number of loaded rooms. */
  get roomCount(): number {
    return this.rooms.size;
  }

  /** Number of connections over all boards. */
  get connectionTotal(): number {
    let total = 0;
    for (const n of this.connections.values()) total += n;
    return total;
  }

  /** Connections currently counted on a board (all its docs). */
  connectionCount(boardId: string): number {
    return this.connections.get(boardId) ?? 0;
  }

  /** Counts a connection on a board; pair with releaseConnection. */
  addConnection(boardId: string): void {
    this.connections.set(boardId, this.connectionCount(boardId) + 1);
  }

  /** Uncounts a connection. */
  releaseConnection(boardId: string): void {
    const n = this.connectionCount(boardId) - 1;
    if (n <= 0) this.connections.delete(boardId);
    else this.connections.set(boardId, n);
  }

  /** The loaded room of a board's doc by its storage key, if any (no load); what the write queue reports in. */
  peekDoc(boardId: string, docKey: string): Room | undefined {
    return this.rooms.get(roomKey(boardId, docKey));
  }

  /** The loaded room of an address, if any (no load). */
  peek(address: RoomAddress): Room | undefined {
    return this.rooms.get(keyOf(address));
  }

  /** The room of an address, loading it once. Rejects with RoomLoadError when storage fails. */
  getRoom(address: RoomAddress): Promise<Room> {
    if (this.closed) return Promise.reject(new RoomLoadError('server is shutting down'));
    const key = keyOf(address);
    const room = this.rooms.get(key);
    if (room) {
      this.cancelIdle(key);
      return Promise.resolve(room);
    }
    const inFlight = this.loading.get(key);
    if (inFlight) return inFlight;
    const promise = this.load(address, key).finally(() => this.loading.delete(key));
    this.loading.set(key, promise);
    return promise;
  }

  private async load(address: RoomAddress, key: string): Promise<Room> {
    const { store, queue, logger } = this.options;
    const docKey = docKeyOf(address);
    const log = logger.child({ boardId: address.boardId, docKey });
    const replicator = this.options.replicator ?? NO_REPLICATION;
    const doc = new Y.Doc({ gc: true });
    // Listen to the board's stream before reading the store: whatever another instance publishes from here on
    // reaches this room; what it accepted before and has not stored yet comes with the sync request in attached().
    await replicator.prepare(address.boardId);
    try {
      const stored = await store.loadDoc(address.boardId, docKey);
      doc.transact(() => {
        if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot, LOAD_ORIGIN);
        for (const update of stored.updates) Y.applyUpdate(doc, update, LOAD_ORIGIN);
      }, LOAD_ORIGIN);
      if (this.closed) throw new Error('server is shutting down');
      // A board room needs its session doc for the lock rule: load and hold it first, fail closed if it cannot load.
      const sessionRoom = address.kind === 'board' ? await this.getRoom({ boardId: address.boardId, kind: 'session' }) : undefined;
      if (this.closed) throw new Error('server is shutting down');
      queue.attachDoc(address.boardId, docKey, doc, stored.updates.length);
      const room = new Room(address, doc, queue, log, (r) => this.onIdle(r), replicator);
      if (sessionRoom) {
        sessionRoom.hold();
        room.sessionDoc = sessionRoom.doc;
      }
      this.rooms.set(key, room);
      log.debug({ updates: stored.updates.length }, 'room loaded');
      replicator.attached(room);
      // Nobody may have joined yet: the caller joins right away, or the idle check unloads it.
      return room;
    } catch (error) {
      doc.destroy();
      replicator.release(address.boardId);
      log.error({ err: error }, 'room load failed');
      throw new RoomLoadError(`could not load ${key}`, { cause: error });
    }
  }

  /** Called by a caller that loaded a room but did not join it (its connection went away meanwhile). */
  releaseIfIdle(room: Room): void {
    if (room.size === 0) this.onIdle(room);
  }

  private onIdle(room: Room): void {
    if (this.closed || room.isDestroyed) return;
    const key = roomKey(room.boardId, room.docKey);
    this.cancelIdle(key);
    const timer = setTimeout(() => {
      this.idleTimers.delete(key);
      void this.unload(room, key);
    }, this.options.idleUnloadMs);
    timer.unref();
    this.idleTimers.set(key, timer);
  }

  private cancelIdle(key: string): void {
    const timer = this.idleTimers.get(key);
    if (timer) {
      clearTimeout(timer);
      this.idleTimers.delete(key);
    }
  }

  private async unload(room: Room, key: string): Promise<void> {
    if (room.size > 0 || room.isDestroyed || this.closed) return;
    const { queue, logger } = this.options;
    try {
      await queue.flushDoc(room.boardId, room.docKey, { compact: true });
    } catch (error) {
      // The data stays in memory; try again later (the write queue also retries and reports degraded).
      logger.warn({ boardId: room.boardId, docKey: room.docKey, err: error }, 'flush before unload failed; room kept');
      if (room.size === 0) this.onIdleRetry(room, key);
      return;
    }
    // Someone may have joined while the flush ran, or written since: then keep the room.
    if (room.size > 0 || room.isDestroyed || this.closed) return;
    if (queue.hasPending(room.boardId, room.docKey)) {
      this.onIdle(room);
      return;
    }
    this.rooms.delete(key);
    queue.detachDoc(room.boardId, room.docKey);
    room.destroy();
    this.options.replicator?.release(room.boardId);
    logger.debug({ boardId: room.boardId, docKey: room.docKey }, 'room unloaded');
    if (room.address.kind === 'board') this.peek({ boardId: room.boardId, kind: 'session' })?.unhold();
  }

  private onIdleRetry(room: Room, key: string): void {
    this.cancelIdle(key);
    const timer = setTimeout(() => {
      this.idleTimers.delete(key);
      void this.unload(room, key);
    }, Math.max(UNLOAD_RETRY_MS, this.options.idleUnloadMs));
    timer.unref();
    this.idleTimers.set(key, timer);
  }

  /** Every loaded room (for shutdown and health). */
  all(): Room[] {
    return [...this.rooms.values()];
  }

  /**
   * Shutdown: closes every connection with `code`, flushes every room (compacting), then destroys them.
   * The caller closes the write queue and the store afterwards. Idempotent.
   */
  async close(code: number): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.idleTimers.values()) clearTimeout(timer);
    this.idleTimers.clear();
    await Promise.allSettled([...this.loading.values()]);
    const rooms = this.all();
    for (const room of rooms) room.closeAll(code, 'server shutting down');
    const { queue, logger } = this.options;
    // While storage fails a flush waits for the next retry and may never settle: bound the wait so shutdown
    // finishes inside the container's stop grace period. The write queue's close() makes the last attempt.
    let deadline: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      deadline = setTimeout(() => resolve('timeout'), SHUTDOWN_FLUSH_MS);
    });
    const flushed = Promise.allSettled(rooms.map((room) => queue.flushDoc(room.boardId, room.docKey, { compact: true })));
    const results = await Promise.race([flushed, timedOut]);
    clearTimeout(deadline);
    if (results === 'timeout') {
      logger.error({ rooms: rooms.length }, 'final flush did not finish in time; the write queue makes a last attempt');
    } else {
      results.forEach((result, i) => {
        if (result.status === 'rejected') logger.error({ boardId: rooms[i]?.boardId, docKey: rooms[i]?.docKey, err: result.reason }, 'final flush failed');
      });
    }
    for (const room of rooms) {
      // Still-pending data stays with the write queue, whose close() makes the last attempt.
      if (!queue.hasPending(room.boardId, room.docKey)) queue.detachDoc(room.boardId, room.docKey);
      room.destroy();
    }
    this.rooms.clear();
  }
}

function keyOf(address: RoomAddress): string {
  return roomKey(address.boardId, docKeyOf(address));
}

/** Registry key of a loaded doc. */
function roomKey(boardId: string, docKey: string): string {
  return `${boardId}/${docKey}`;
}
