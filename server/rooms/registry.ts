/**
 * The registry of loaded rooms. A doc is loaded exactly once even when many connections join at the same
 * moment (they share the in-flight promise); a failed load writes nothing; an idle room is unloaded only
 * after its compacting flush succeeded and nobody came back meanwhile. Also counts connections per board.
 */
import * as Y from 'yjs';
import { docKey, docRef as keyOf, sessionDocAddress, type DocAddress } from '../../shared/protocol.js';
import { AppError } from '../app-error.js';
import type { Logger } from '../logger.js';
import { migrateBoard } from '../../shared/board/migrate.js';
import type { DocumentStore } from '../persistence/document-store.js';
import { SHUTDOWN_BUDGET } from '../shutdown-budget.js';
import { NO_REPLICATION, type Replicator } from './replicator.js';
import { LOAD_ORIGIN, Room, SERVER_ORIGIN } from './room.js';
import { StoredState } from './stored-state.js';
import type { WriteQueue } from './write-queue.js';

/** Wait before retrying the flush of an idle room whose flush failed. */
export const UNLOAD_RETRY_MS = 5_000;

/** Options of the registry. */
export interface RegistryOptions {
  store: Pick<DocumentStore, 'loadDoc'>;
  queue: Pick<WriteQueue, 'open'>;
  logger: Logger;
  idleUnloadMs: number;
  /** Reaches the other instances (scale-out); none in the embedded mode. */
  replicator?: Replicator;
  /** Told of every room once it is loaded, whoever asked for it (a socket or a service): the server's watchers. */
  onLoaded?: (room: Room) => void;
  /**
   * Called with a doc's stored snapshot, when that is all the store holds for it, BEFORE the snapshot is applied
   * to the room's doc (≈ 1 s for 10,000 notes): connections waiting for this doc with an empty doc of their own
   * get their first sync from these bytes now instead of after the apply. The load waits for what it returns,
   * at most EARLY_ANSWER_WAIT_MS (so the answers are on their way before the apply blocks the event loop).
   */
  answerFromStore?: (address: DocAddress, stored: StoredState) => Promise<void>;
}

/** Longest a load waits for the early first-sync answers to be written before it applies the stored state. */
export const EARLY_ANSWER_WAIT_MS = 250;

/** Why a room could not be loaded. */
export class RoomLoadError extends AppError {
  constructor(message: string, options?: { cause: unknown }) {
    super('room_load_failed', message, options);
    this.name = 'RoomLoadError';
  }
}

/** The loaded docs of one board, grouped: its map, its session doc, and its members' private docs. */
export class LoadedBoard {
  board: Room | undefined;
  session: Room | undefined;
  readonly private = new Map<string, Room>();

  /** The loaded room of one of this board's docs, if any. */
  get(address: DocAddress): Room | undefined {
    if (address.kind === 'private') return this.private.get(address.memberId);
    // The series doc is written by the server only and never loaded as a room (server/series/series-link.ts).
    if (address.kind === 'series') return undefined;
    return this[address.kind];
  }

  /** Records a loaded room. */
  set(room: Room): void {
    const { address } = room;
    if (address.kind === 'private') this.private.set(address.memberId, room);
    else if (address.kind !== 'series') this[address.kind] = room;
  }

  /** Forgets a room (only if it is the one recorded for its address). */
  delete(room: Room): void {
    const { address } = room;
    if (this.get(address) !== room) return;
    if (address.kind === 'private') this.private.delete(address.memberId);
    else if (address.kind !== 'series') this[address.kind] = undefined;
  }

  /** Every loaded room of the board. */
  rooms(): Room[] {
    return [this.board, this.session, ...this.private.values()].filter((room): room is Room => room !== undefined);
  }
}

/** Loaded rooms grouped by board, plus per-board connection counts. */
export class RoomRegistry {
  private readonly boards = new Map<string, LoadedBoard>();
  private readonly loading = new Map<string, Promise<Room>>();
  private readonly idleTimers = new Map<string, NodeJS.Timeout>();
  private readonly connections = new Map<string, number>();
  private closed = false;
  private loads = 0;

  constructor(private readonly options: RegistryOptions) {}

  /** Number of loaded rooms. */
  get roomCount(): number {
    return this.all().length;
  }

  /** Rooms loaded since the registry was made: only grows, so a reader sees loads that came and went between its reads. */
  get roomLoads(): number {
    return this.loads;
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

  /** The loaded room of an address, if any (no load). */
  peek(address: DocAddress): Room | undefined {
    return this.boards.get(address.boardId)?.get(address);
  }

  /** The loaded docs of a board (empty when none is loaded). */
  loadedBoard(boardId: string): LoadedBoard | undefined {
    return this.boards.get(boardId);
  }

  /** The room of an address, loading it once. Rejects with RoomLoadError when storage fails. */
  getRoom(address: DocAddress): Promise<Room> {
    if (this.closed) return Promise.reject(new RoomLoadError('server is shutting down'));
    if (address.kind === 'series') return Promise.reject(new RoomLoadError('the series doc is not served as a room'));
    const key = keyOf(address);
    const room = this.peek(address);
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

  private async load(address: DocAddress, key: string): Promise<Room> {
    const { store, queue, logger } = this.options;
    const log = logger.child({ boardId: address.boardId, docKey: docKey(address) });
    const replicator = this.options.replicator ?? NO_REPLICATION;
    const doc = new Y.Doc({ gc: true });
    // Listen to the board's stream before reading the store: whatever another instance publishes from here on
    // reaches this room; what it accepted before and has not stored yet comes with the sync request in attached().
    await replicator.prepare(address.boardId);
    try {
      const stored = await store.loadDoc(address);
      const storedState = stored.snapshot && stored.updates.length === 0 ? new StoredState(stored.snapshot) : undefined;
      if (storedState && this.options.answerFromStore) {
        await waitAtMost(this.options.answerFromStore(address, storedState), EARLY_ANSWER_WAIT_MS);
      }
      doc.transact(() => {
        if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot, LOAD_ORIGIN);
        for (const update of stored.updates) Y.applyUpdate(doc, update, LOAD_ORIGIN);
      }, LOAD_ORIGIN);
      if (this.closed) throw new Error('server is shutting down');
      // A board room needs its session doc for the lock rule: load and hold it first, fail closed if it cannot load.
      const sessionRoom = address.kind === 'board' ? await this.getRoom(sessionDocAddress(address.boardId)) : undefined;
      if (this.closed) throw new Error('server is shutting down');
      const handle = queue.open(address, doc, stored);
      const room = new Room(address, doc, handle, log, (r) => this.onIdle(r), sessionRoom?.doc, replicator);
      // Before the migration: a migration changes the doc, and any change drops the kept snapshot.
      if (storedState) room.keepStoredState(storedState);
      sessionRoom?.hold();
      this.boardOf(address.boardId).set(room);
      this.loads++;
      // After the Room exists, so the migration's update is queued and stored like any server change.
      const migrated = address.kind === 'board' ? migrateBoard(doc, SERVER_ORIGIN) : [];
      if (migrated.length > 0) log.info({ versions: migrated }, 'board schema migrated');
      log.debug({ updates: stored.updates.length }, 'room loaded');
      replicator.attached(room);
      this.options.onLoaded?.(room);
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

  private boardOf(boardId: string): LoadedBoard {
    let board = this.boards.get(boardId);
    if (!board) {
      board = new LoadedBoard();
      this.boards.set(boardId, board);
    }
    return board;
  }

  private forget(room: Room): void {
    const board = this.boards.get(room.boardId);
    if (!board) return;
    board.delete(room);
    if (board.rooms().length === 0) this.boards.delete(room.boardId);
  }

  private onIdle(room: Room): void {
    if (this.closed || room.isDestroyed) return;
    const key = keyOf(room.address);
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
    const { logger } = this.options;
    const log = { boardId: room.boardId, docKey: docKey(room.address) };
    try {
      await room.handle.flush({ compact: true });
    } catch (error) {
      // The data stays in memory; try again later (the write queue also retries and reports degraded).
      logger.warn({ ...log, err: error }, 'flush before unload failed; room kept');
      if (room.size === 0) this.onIdleRetry(room, key);
      return;
    }
    // Someone may have joined while the flush ran, or written since: then keep the room.
    if (room.size > 0 || room.isDestroyed || this.closed) return;
    if (room.handle.pending) {
      this.onIdle(room);
      return;
    }
    this.forget(room);
    room.handle.detach();
    room.destroy();
    this.options.replicator?.release(room.boardId);
    logger.debug(log, 'room unloaded');
    if (room.address.kind === 'board') this.peek(sessionDocAddress(room.boardId))?.unhold();
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
    return [...this.boards.values()].flatMap((board) => board.rooms());
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
    const { logger } = this.options;
    // While storage fails a flush waits for the next retry and may never settle: bound the wait so shutdown
    // finishes inside the container's stop grace period. The write queue's close() makes the last attempt.
    let deadline: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      deadline = setTimeout(() => resolve('timeout'), SHUTDOWN_BUDGET.roomFlushMs);
    });
    const flushed = Promise.allSettled(rooms.map((room) => room.handle.flush({ compact: true })));
    const results = await Promise.race([flushed, timedOut]);
    clearTimeout(deadline);
    if (results === 'timeout') {
      logger.error({ rooms: rooms.length }, 'final flush did not finish in time; the write queue makes a last attempt');
    } else {
      results.forEach((result, i) => {
        const room = rooms[i];
        if (result.status === 'rejected' && room) logger.error({ boardId: room.boardId, docKey: docKey(room.address), err: result.reason }, 'final flush failed');
      });
    }
    for (const room of rooms) {
      // Still-pending data stays with the write queue, whose close() makes the last attempt.
      if (!room.handle.pending) room.handle.detach();
      room.destroy();
    }
    this.boards.clear();
  }
}

/** Resolves when `promise` settles or after `ms`, whichever comes first; never rejects. */
async function waitAtMost(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise.catch(() => undefined), new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
