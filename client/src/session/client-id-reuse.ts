/**
 * Keeps the number of Yjs client ids a board's doc collects in step with people and devices, not page loads.
 * Yjs works over every client id a doc has ever seen in each transaction (yjs#415; docs/benchmarks.md, "A
 * long-lived board"), on the server and in every browser, and the stock client takes a new random id on each
 * page load, so a journey used across workshops got slower with every reload. A tab that writes to a board now
 * moves onto an id this browser used before, once that is safe:
 *
 * - no other tab of this browser holds it: a Web Lock per id, held while the board is open;
 * - the server has exactly what this browser last wrote to this board under it: the clock after each local
 *   write is kept in localStorage before the write leaves the tab, so equal clocks mean nothing written under
 *   the id is still on its way (a stale clock after a browser crash is lower, which only forgoes the reuse);
 * - the move happens after the first sync, so the doc already holds every struct of the id that the server has.
 *
 * Where one of these cannot be known (no Web Locks outside secure contexts, storage disabled or full), the tab
 * keeps the random id Yjs gave it, as before. The awareness (presence) moves with the doc's id, because the
 * stock provider announces presence under `doc.clientID`.
 */
import * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';

/** localStorage key of the ids this browser reuses. */
export const POOL_KEY = 'journeyroom:client-ids';
/** localStorage key of the clock this browser last wrote to `boardId` under `id`. */
export const clockKey = (boardId: string, id: number): string => `journeyroom:client-clock:${boardId}:${id}`;
/** Most ids kept: one per tab open at once on this browser, beyond that tabs take a fresh random id each. */
export const POOL_SIZE = 8;
const LOCK_PREFIX = 'journeyroom:client-id:';

/** What is used of localStorage (the module is also run by Node tests, without DOM types). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The subset of the Web Locks API used here (navigator.locks). */
export interface Locks {
  request(name: string, options: { ifAvailable: true }, callback: (lock: unknown) => Promise<void> | void): Promise<unknown>;
}

/** A Yjs client id: an unsigned 32-bit integer, as Yjs draws them. */
export function isClientId(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 0xffffffff;
}

/** The pool from storage; anything malformed in it is dropped (a hand-edited or corrupted entry costs a reuse, nothing else). */
export function readPool(storage: KeyValueStorage): number[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(POOL_KEY) ?? '[]');
    return Array.isArray(parsed) ? [...new Set(parsed.filter(isClientId))].slice(0, POOL_SIZE) : [];
  } catch {
    return [];
  }
}

/**
 * Whether `id` may be reused on `boardId` with `doc` synced: the server's clock of the id is the one this
 * browser last wrote there (0 for an id that never wrote to this board).
 */
export function safeToReuse(doc: Y.Doc, storage: KeyValueStorage, boardId: string, id: number): boolean {
  const kept = storage.getItem(clockKey(boardId, id));
  const written = kept === null ? 0 : Number(kept);
  return Number.isSafeInteger(written) && Y.getState(doc.store, id) === written;
}

/** Takes the Web Lock of `id` if no other tab holds it; resolves with its release, or undefined. */
function tryLock(locks: Locks, id: number): Promise<(() => void) | undefined> {
  return new Promise((resolve) => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    locks
      .request(LOCK_PREFIX + id, { ifAvailable: true }, async (lock) => {
        if (!lock) return resolve(undefined);
        resolve(release);
        await held;
      })
      .catch(() => resolve(undefined));
  });
}

/**
 * Moves this tab's identity from its current client id to `id`, doc and presence together, in one awareness
 * update: peers see the old id leave and the new one arrive at once. The new id's presence clock starts at the
 * current time in ms, above any clock it reached in an earlier session (a session changes presence far less
 * than once per ms), since peers ignore a state whose clock is not newer than the last they saw of that id.
 */
export function moveIdentity(doc: Y.Doc, awareness: Awareness, id: number, now = Date.now()): void {
  const old = awareness.clientID;
  if (old === id && doc.clientID === id) return;
  const state = awareness.getLocalState();
  const oldClock = awareness.meta.get(old)?.clock ?? 0;
  awareness.states.delete(old);
  awareness.meta.set(old, { clock: oldClock + 1, lastUpdated: now });
  doc.clientID = id;
  awareness.clientID = id;
  awareness.meta.set(id, { clock: Math.max(now, (awareness.meta.get(id)?.clock ?? 0) + 1), lastUpdated: now });
  if (state !== null) awareness.states.set(id, state);
  const changes = { added: state !== null ? [id] : [], updated: [], removed: old === id ? [] : [old] };
  awareness.emit('change', [changes, 'local']);
  awareness.emit('update', [changes, 'local']);
}

/**
 * After the first sync of a board, moves the tab onto a reused id (see the module comment) and keeps that id's
 * clock in storage after every local write. `dispose()` stops and releases the id's lock.
 */
export class ClientIdReuse {
  private held: { id: number; release: () => void } | undefined;
  private disposed = false;
  private readonly onAfterTransaction = (transaction: Y.Transaction): void => this.keepClock(transaction);
  private readonly onCleanup = (): void => this.followYjs();

  constructor(
    private readonly doc: Y.Doc,
    private readonly awareness: Awareness,
    private readonly boardId: string,
    private readonly storage: KeyValueStorage,
    private readonly locks: Locks,
  ) {}

  /** Call once the doc is synced: takes the first free, safe id of the pool, or a new one for the pool. */
  async adopt(): Promise<number | undefined> {
    const pool = readPool(this.storage);
    for (const id of pool) {
      if (await this.take(id)) return id;
      if (this.disposed) return undefined;
    }
    if (pool.length >= POOL_SIZE) return undefined;
    const fresh = crypto.getRandomValues(new Uint32Array(1))[0]!;
    if (!(await this.take(fresh))) return undefined;
    try {
      this.storage.setItem(POOL_KEY, JSON.stringify([...readPool(this.storage), fresh].slice(0, POOL_SIZE)));
    } catch {
      // Storage full: the id serves this tab and is simply not reused later.
    }
    return fresh;
  }

  /** Stops following writes and releases the lock. Idempotent. */
  dispose(): void {
    this.disposed = true;
    this.doc.off('afterTransaction', this.onAfterTransaction);
    this.doc.off('afterTransactionCleanup', this.onCleanup);
    this.held?.release();
    this.held = undefined;
  }

  private async take(id: number): Promise<boolean> {
    const release = await tryLock(this.locks, id);
    if (!release) return false;
    // Checked after the lock is ours and moved in the same turn: no update can land in between.
    if (this.disposed || this.doc.isDestroyed || !safeToReuse(this.doc, this.storage, this.boardId, id)) {
      release();
      return false;
    }
    this.held = { id, release };
    moveIdentity(this.doc, this.awareness, id);
    this.doc.on('afterTransaction', this.onAfterTransaction);
    this.doc.on('afterTransactionCleanup', this.onCleanup);
    return true;
  }

  /** Runs before the transaction's update is emitted (and so before the provider sends it). */
  private keepClock(transaction: Y.Transaction): void {
    const id = this.held?.id;
    if (id === undefined || !transaction.local) return;
    const clock = transaction.afterState.get(id);
    if (clock === undefined || clock === transaction.beforeState.get(id)) return;
    try {
      this.storage.setItem(clockKey(this.boardId, id), String(clock));
    } catch {
      // Not kept: the stored clock stays lower than the server's, so this id is not reused on this board.
    }
  }

  /**
   * Yjs draws a new doc id when a remote update writes under ours (someone else uses it). Presence follows,
   * and the id leaves the pool: it is not ours alone.
   */
  private followYjs(): void {
    const held = this.held;
    if (!held || this.doc.clientID === held.id) return;
    this.dispose();
    moveIdentity(this.doc, this.awareness, this.doc.clientID);
    try {
      this.storage.setItem(POOL_KEY, JSON.stringify(readPool(this.storage).filter((id) => id !== held.id)));
    } catch {
      // Storage unavailable: nothing kept, nothing to drop.
    }
  }
}
