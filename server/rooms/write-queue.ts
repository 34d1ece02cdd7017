/**
 * The durability engine: collects every doc's updates and commits them to the BoardStore in one batch (group
 * commit: a commit starts when the previous one landed, or `flushDelayMs` after the first update on a quiet queue;
 * under sustained load never sooner than `commitIntervalMs` after the previous one started, so that one commit
 * takes many updates instead of one each, while a burst is committed back to back), compacts long update logs into
 * snapshots (compaction-rule.ts), and when a commit fails
 * keeps everything in memory and retries the whole batch with backoff ("nothing acknowledged is lost",
 * docs/protocol.md). Nothing here says "saved" before the store's transaction committed.
 */
import * as Y from 'yjs';
import type { Logger } from 'pino';
import { SHUTDOWN_BUDGET } from '../shutdown-budget.js';
import { docKey, docRef as key, type DocAddress } from '../../shared/protocol.js';
import type { Compaction, DocumentStore, StoredDoc, UpdateAppend } from '../persistence/document-store.js';
import { compactionDue } from './compaction-rule.js';
import { SustainedRate } from './sustained-rate.js';

/** Default bounds of the retry backoff after a failed commit. */
export const RETRY_MIN_MS = 100;
export const RETRY_MAX_MS = 5000;
/**
 * Sustained load, the condition for spacing commits: this many updates a second, for this long. At that rate one
 * commit per update (each a transaction with an fsync) costs the server more CPU than anything else it does per
 * edit beyond a relay (docs/benchmarks.md); a burst shorter than this is committed back to back as before.
 */
export const SUSTAINED_LOAD = { updatesPerSecond: 100, forMs: 1000 } as const;
/** How long close() keeps retrying by default: the whole shutdown budget. */
export const CLOSE_TIMEOUT_MS = SHUTDOWN_BUDGET.totalMs;

/** Settings of a WriteQueue; config values are passed in, never read from env here. */
export interface WriteQueueOptions {
  store: Pick<DocumentStore, 'write'>;
  flushDelayMs: number;
  /** Least time between the starts of two ordinary commits under sustained load (flushes and shutdown do not wait); default 0. */
  commitIntervalMs?: number;
  /** What counts as sustained load (default SUSTAINED_LOAD; 0 and 0: always). */
  sustainedLoad?: { updatesPerSecond: number; forMs: number };
  /** the least log rows before a compaction (compaction-rule.ts) */
  compactAfterUpdates: number;
  maxPendingBytes: number;
  logger: Logger;
  /** Backoff bounds after a failed commit (tests shorten them). */
  retryMinMs?: number;
  retryMaxMs?: number;
}

/** Why the queue refused a call. */
export const WRITE_QUEUE_ERROR = {
  /** the queue is closed: nothing more can be stored */
  closed: 'closed',
  /** close() gave up while data was still not stored */
  closeTimeout: 'close_timeout',
  /** attachDoc for a doc that already has a live Y.Doc */
  alreadyAttached: 'already_attached',
  /** detachDoc while the doc still has unstored updates */
  pending: 'pending',
} as const;
export type WriteQueueErrorCode = (typeof WRITE_QUEUE_ERROR)[keyof typeof WRITE_QUEUE_ERROR];

/** A write-queue failure with a machine-readable code. */
export class WriteQueueError extends Error {
  readonly code: WriteQueueErrorCode;
  constructor(code: WriteQueueErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WriteQueueError';
    this.code = code;
  }
}

/** What the queue knows about one doc. */
interface DocState {
  address: DocAddress;
  doc: Y.Doc | undefined;
  /** Log rows in the store (as of the last successful commit). */
  storedCount: number;
  /** Their bytes. */
  storedBytes: number;
  /** Bytes of the doc's snapshot in the store (0: none). */
  snapshotBytes: number;
  /** Updates not yet handed to a commit, oldest first. */
  pending: Uint8Array[];
  /** True while the commit in flight includes this doc. */
  inFlight: boolean;
  /** A flushDoc asked for a compaction that has not committed yet. */
  compactRequested: boolean;
  /** Sequence number of the latest enqueued update (per doc, starts at 0). */
  enqueuedSeq: number;
  /** Every update with a sequence number <= this is durable. */
  committedSeq: number;
  /** The store's snapshot covers every update with a sequence number <= this. */
  compactedSeq: number;
  /** Number of compactions of this doc committed so far. */
  compactions: number;
  /** Listeners of this doc's commits (its handle's subscribers), told the doc's committedSeq. */
  committedListeners: Set<(committedSeq: number) => void>;
}

/** One loaded doc's part of the write queue, handed to (and owned by) the room that holds the doc. */
export interface DocHandle {
  readonly address: DocAddress;
  /** Queues one update applied to the doc (see WriteQueue.enqueue); returns its sequence number in the doc. */
  enqueue(update: Uint8Array): number;
  /** Commits everything pending for the doc, compacting when asked; resolves once durable. */
  flush(opts: { compact: boolean }): Promise<void>;
  /** True while the doc has updates (or a requested compaction) that are not durable yet. */
  readonly pending: boolean;
  /**
   * Subscribes to this doc's commits (the room tells its peers what is stored): the listener gets the doc's
   * committedSeq, every update enqueued with a sequence number up to it is durable. Returns an unsubscribe fn.
   */
  onCommitted(listener: (committedSeq: number) => void): () => void;
  /** Stops tracking the doc; throws `pending` while it has unstored updates. */
  detach(): void;
}

/** One doc's part of a commit, kept to finish or undo it. */
interface PlanItem {
  state: DocState;
  updates: Uint8Array[];
  bytes: number;
  upToSeq: number;
  compacted: boolean;
  /** the snapshot written, for a compaction */
  snapshotBytes: number;
  compactWasRequested: boolean;
}

interface Waiter {
  state: DocState;
  seq: number;
  /** For a compacting flush: the doc's compaction count when asked; a later compaction must commit. */
  compactionsBefore: number | undefined;
  resolve: () => void;
  reject: (err: Error) => void;
}

/** Batches, commits, compacts and retries the updates of every live doc (one instance per server). */
export class WriteQueue {
  private readonly store: Pick<DocumentStore, 'write'>;
  private readonly flushDelayMs: number;
  private readonly commitIntervalMs: number;
  /** When the latest commit started (performance.now()). */
  private lastCommitAt = -Infinity;
  /** Whether updates have been arriving at SUSTAINED_LOAD's rate: only then are commits spaced. */
  private readonly load: SustainedRate;
  private readonly compactAfterUpdates: number;
  private readonly maxPendingBytes: number;
  private readonly logger: Logger;
  private readonly retryMinMs: number;
  private readonly retryMaxMs: number;

  private readonly docs = new Map<string, DocState>();
  private readonly listeners = new Set<(address: DocAddress) => void>();
  private waiters: Waiter[] = [];
  /** The batch timer: set by the first update after a commit started, fires flushDelayMs later. */
  private timer: NodeJS.Timeout | undefined;
  /** The backoff timer after a failed commit. */
  private retryTimer: NodeJS.Timeout | undefined;
  private retryDelayMs = 0;
  private inFlight = false;
  /** A commit was due while another was in flight: start it as soon as that one settles. */
  private commitWhenIdle = false;
  private updateCount = 0;
  private byteCount = 0;
  private failure: string | undefined;
  private failedAttempts = 0;
  private closing: Promise<void> | undefined;
  private stopped = false;

  constructor(options: WriteQueueOptions) {
    this.store = options.store;
    this.flushDelayMs = options.flushDelayMs;
    this.commitIntervalMs = options.commitIntervalMs ?? 0;
    const sustained = options.sustainedLoad ?? SUSTAINED_LOAD;
    this.load = new SustainedRate(sustained.updatesPerSecond, sustained.forMs);
    this.compactAfterUpdates = Math.max(1, options.compactAfterUpdates);
    this.maxPendingBytes = options.maxPendingBytes;
    this.logger = options.logger.child({ component: 'write-queue' });
    this.retryMinMs = options.retryMinMs ?? RETRY_MIN_MS;
    this.retryMaxMs = Math.max(this.retryMinMs, options.retryMaxMs ?? RETRY_MAX_MS);
  }

  /** Registers a live doc and hands out its handle; `stored` = what it was loaded from. */
  open(address: DocAddress, doc: Y.Doc, stored: StoredDoc): DocHandle {
    this.attachDoc(address, doc, stored);
    const state = this.state(address);
    // The doc's map key, made once: a handle enqueues once per edit.
    const ref = key(address);
    return {
      address,
      enqueue: (update) => this.enqueueAt(ref, address, update),
      flush: (opts) => this.flushDoc(address, opts),
      get pending() {
        return queueHasPending(state);
      },
      onCommitted: (listener) => {
        state.committedListeners.add(listener);
        return () => state.committedListeners.delete(listener);
      },
      detach: () => this.detachDoc(address),
    };
  }

  /** Registers a live doc so compaction can encode its merged state; `stored` = what it was loaded from (its sizes are kept). */
  attachDoc(address: DocAddress, doc: Y.Doc, stored: StoredDoc): void {
    const state = this.state(address);
    if (state.doc && state.doc !== doc) {
      throw new WriteQueueError(WRITE_QUEUE_ERROR.alreadyAttached, `doc ${describe(address)} is already attached; detach it first`);
    }
    state.doc = doc;
    state.storedCount = stored.updates.length;
    state.storedBytes = stored.updates.reduce((sum, u) => sum + u.byteLength, 0);
    state.snapshotBytes = stored.snapshot?.byteLength ?? 0;
  }

  /**
   * Queues one update (V1) applied to that doc; it is committed at most flushDelayMs later (one batch for all
   * docs). The bytes are kept as given (not copied): the caller must not reuse the buffer.
   */
  enqueue(address: DocAddress, update: Uint8Array): number {
    return this.enqueueAt(key(address), address, update);
  }

  /** enqueue, with the doc's map key already made (`ref` is key(address)). */
  private enqueueAt(ref: string, address: DocAddress, update: Uint8Array): number {
    if (this.stopped) throw new WriteQueueError(WRITE_QUEUE_ERROR.closed, `write queue is closed; update for ${describe(address)} not stored`);
    const state = this.state(address, ref);
    state.pending.push(update);
    if (this.commitIntervalMs > 0) this.load.count(performance.now());
    state.enqueuedSeq += 1;
    this.updateCount += 1;
    this.byteCount += update.byteLength;
    this.schedule();
    return state.enqueuedSeq;
  }

  /** Commits everything pending for this doc, compacting it into a snapshot when compact is true; resolves once durable. */
  flushDoc(address: DocAddress, opts: { compact: boolean }): Promise<void> {
    const state = this.docs.get(key(address));
    if (!state) return Promise.resolve();
    // Nothing stored beyond a snapshot and nothing on its way: the store already holds exactly the doc.
    const compact = opts.compact && state.doc !== undefined && (state.storedCount > 0 || this.hasPendingState(state));
    if (compact) state.compactRequested = true;
    return this.waitFor(state, compact);
  }

  /** Stops tracking a doc; only allowed when it has nothing pending (throws otherwise). */
  detachDoc(address: DocAddress): void {
    const k = key(address);
    const state = this.docs.get(k);
    if (!state) return;
    if (this.hasPendingState(state)) {
      throw new WriteQueueError(WRITE_QUEUE_ERROR.pending, `doc ${describe(address)} still has unstored updates; flush it first`);
    }
    this.docs.delete(k);
  }

  /** True while the doc has updates (or a requested compaction) that are not durable yet. */
  hasPending(address: DocAddress): boolean {
    const state = this.docs.get(key(address));
    return state !== undefined && this.hasPendingState(state);
  }

  /** Commits everything pending now; resolves when durable. */
  flushAll(): Promise<void> {
    return Promise.all([...this.docs.values()].map((state) => this.waitFor(state, false))).then(() => undefined);
  }

  /** true while the last commit failed and data is being held in memory for retry */
  get degraded(): boolean {
    return this.failure !== undefined;
  }

  /** The last commit failure's message while degraded. */
  get lastError(): string | undefined {
    return this.failure;
  }

  /** Updates received but not yet durable (queued or in the commit in flight). */
  get pendingUpdates(): number {
    return this.updateCount;
  }

  /** Bytes of the updates counted by pendingUpdates. */
  get pendingBytes(): number {
    return this.byteCount;
  }

  /** true when pendingBytes > maxPendingBytes: callers must refuse new writes (close 1013) */
  get overMemoryBound(): boolean {
    return this.byteCount > this.maxPendingBytes;
  }

  /** Subscribe to "committed" events of every doc — used to tell clients their edits are saved. Returns an unsubscribe fn. */
  onCommitted(listener: (address: DocAddress) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Flushes everything (retrying until success or until timeoutMs), then stops timers; idempotent. Rejects with
   * `close_timeout` when data could not be stored in time; unresolved flushes reject with the same error.
   */
  close(timeoutMs: number = CLOSE_TIMEOUT_MS): Promise<void> {
    this.closing ??= new Promise<void>((resolve, reject) => {
      const giveUp = setTimeout(() => {
        const error = new WriteQueueError(
          WRITE_QUEUE_ERROR.closeTimeout,
          `write queue closed after ${timeoutMs} ms with ${this.updateCount} updates not stored: ${this.failure ?? 'commit still in flight'}`,
        );
        this.stop();
        this.logger.error({ pendingUpdates: this.updateCount, pendingBytes: this.byteCount, err: error }, 'gave up storing updates at close');
        for (const waiter of this.waiters.splice(0)) waiter.reject(error);
        reject(error);
      }, timeoutMs);
      this.flushAll().then(
        () => {
          clearTimeout(giveUp);
          this.stop();
          resolve();
        },
        (err: unknown) => {
          clearTimeout(giveUp);
          reject(err instanceof Error ? err : new Error(String(err)));
        },
      );
      // Do not wait out the batch window (or a long backoff) at shutdown.
      this.commitSoon(true);
    });
    return this.closing;
  }

  private state(address: DocAddress, k = key(address)): DocState {
    let state = this.docs.get(k);
    if (!state) {
      state = {
        address,
        doc: undefined,
        storedCount: 0,
        storedBytes: 0,
        snapshotBytes: 0,
        pending: [],
        inFlight: false,
        compactRequested: false,
        enqueuedSeq: 0,
        committedSeq: 0,
        compactedSeq: 0,
        compactions: 0,
        committedListeners: new Set(),
      };
      this.docs.set(k, state);
    }
    return state;
  }

  private hasPendingState(state: DocState): boolean {
    return queueHasPending(state);
  }

  /** Resolves once every update of `state` enqueued so far is durable (and compacted, if asked). */
  private waitFor(state: DocState, compact: boolean): Promise<void> {
    const seq = state.enqueuedSeq;
    const compactionsBefore = compact ? state.compactions : undefined;
    if (isSatisfied(state, seq, compactionsBefore)) return Promise.resolve();
    if (this.stopped) return Promise.reject(new WriteQueueError(WRITE_QUEUE_ERROR.closed, 'write queue is closed'));
    const promise = new Promise<void>((resolve, reject) => this.waiters.push({ state, seq, compactionsBefore, resolve, reject }));
    this.commitSoon(false);
    return promise;
  }

  /**
   * Group commit: with no commit in flight, arms the batch timer (flushDelayMs; 0 = the next turn of the event
   * loop, so the updates of one burst share a commit); with one in flight, the next commit starts as soon as it
   * lands, with everything that arrived meanwhile. A quiet board is saved at once, and under load each commit
   * takes what queued during the previous one, so batches grow by themselves; under sustained load (SUSTAINED_LOAD)
   * commits start at most every commitIntervalMs, which keeps the number of fsyncs down as typists add up.
   */
  private schedule(): void {
    if (this.timer || this.stopped) return;
    // While degraded the retry timer owns the next attempt: new updates join it.
    if (this.retryTimer) return;
    if (this.inFlight) {
      this.commitWhenIdle = true;
      return;
    }
    this.arm(Math.max(this.flushDelayMs, this.intervalLeftMs()));
  }

  /** Arms the batch timer (unless armed): a commit `delayMs` from now. */
  private arm(delayMs: number): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.commitSoon(false);
    }, delayMs);
  }

  /** Time before the next ordinary commit may start: under sustained load, commitIntervalMs after the latest one started. */
  private intervalLeftMs(): number {
    if (this.commitIntervalMs === 0) return 0;
    const now = performance.now();
    if (!this.load.sustained(now)) return 0;
    return Math.max(0, this.lastCommitAt + this.commitIntervalMs - now);
  }

  /** Starts a commit now, or right after the one in flight; `skipBackoff` also cuts a pending retry wait short. */
  private commitSoon(skipBackoff: boolean): void {
    if (this.stopped) return;
    if (this.retryTimer) {
      if (!skipBackoff) return;
      clearTimeout(this.retryTimer);
      this.retryTimer = undefined;
    }
    if (this.inFlight) {
      this.commitWhenIdle = true;
      return;
    }
    this.commit();
  }

  /**
   * Takes ALL pending updates of all docs synchronously (and encodes each compacted doc's state at this same
   * instant, so its snapshot covers exactly what was taken) and writes them in one transaction. An update
   * enqueued while the write is in flight goes into the next commit.
   */
  private commit(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.lastCommitAt = performance.now();
    const plan: PlanItem[] = [];
    const appends: UpdateAppend[] = [];
    const compactions: Compaction[] = [];
    for (const state of this.docs.values()) {
      if (state.pending.length === 0 && !(state.compactRequested && state.doc)) continue;
      const updates = state.pending;
      const bytes = updates.reduce((sum, u) => sum + u.byteLength, 0);
      const compacted =
        state.doc !== undefined &&
        (state.compactRequested ||
          (updates.length > 0 &&
            compactionDue({ updates: state.storedCount + updates.length, bytes: state.storedBytes + bytes, snapshotBytes: state.snapshotBytes }, this.compactAfterUpdates)));
      state.pending = [];
      const item: PlanItem = {
        state,
        updates,
        bytes,
        upToSeq: state.enqueuedSeq,
        compacted,
        snapshotBytes: 0,
        compactWasRequested: state.compactRequested,
      };
      state.compactRequested = false;
      state.inFlight = true;
      plan.push(item);
      if (compacted && state.doc) {
        const snapshot = Y.encodeStateAsUpdate(state.doc);
        item.snapshotBytes = snapshot.byteLength;
        compactions.push({ doc: state.address, snapshot });
      } else {
        for (const update of updates) appends.push({ doc: state.address, update });
      }
    }
    if (plan.length === 0) {
      this.settleWaiters();
      return;
    }
    this.inFlight = true;
    this.store.write({ appends, compactions }).then(
      () => this.onCommitSucceeded(plan),
      (err: unknown) => this.onCommitFailed(plan, err),
    );
  }

  private onCommitSucceeded(plan: PlanItem[]): void {
    this.inFlight = false;
    for (const item of plan) {
      const { state } = item;
      state.inFlight = false;
      state.committedSeq = item.upToSeq;
      if (item.compacted) {
        state.storedCount = 0;
        state.storedBytes = 0;
        state.snapshotBytes = item.snapshotBytes;
        state.compactedSeq = item.upToSeq;
        state.compactions += 1;
      } else {
        state.storedCount += item.updates.length;
        state.storedBytes += item.bytes;
      }
      this.updateCount -= item.updates.length;
      this.byteCount -= item.bytes;
    }
    if (this.failure !== undefined) {
      this.logger.info({ attempts: this.failedAttempts + 1, ...boardFields(plan) }, 'storage recovered; held updates stored');
      this.failure = undefined;
      this.failedAttempts = 0;
    }
    this.retryDelayMs = 0;
    for (const item of plan) this.emitCommitted(item.state);
    this.settleWaiters();
    this.afterCommit();
  }

  private onCommitFailed(plan: PlanItem[], err: unknown): void {
    this.inFlight = false;
    // Put the batch back ahead of anything newer, in order; the next attempt commits it whole (plus what came since).
    for (const item of plan) {
      const { state } = item;
      state.inFlight = false;
      state.pending = item.updates.concat(state.pending);
      state.compactRequested ||= item.compactWasRequested;
    }
    const message = err instanceof Error ? err.message : String(err);
    if (this.failure === undefined) {
      // One log line per failure burst; recovery is logged too.
      this.logger.error({ err, ...boardFields(plan), pendingUpdates: this.updateCount, pendingBytes: this.byteCount }, 'commit failed; holding updates in memory and retrying');
    }
    this.failure = message;
    this.failedAttempts += 1;
    this.retryDelayMs = Math.min(this.retryMaxMs, this.retryDelayMs === 0 ? this.retryMinMs : this.retryDelayMs * 2);
    if (this.stopped) return;
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.commitWhenIdle = false;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.commitSoon(false);
    }, this.retryDelayMs);
  }

  /** After a successful commit: start the next one if it is already due, or arm the timer for what is queued. */
  private afterCommit(): void {
    if (this.stopped) return;
    // A flush someone waits for, or shutdown, commits at once; updates that queued meanwhile wait out the interval.
    const urgent = this.closing !== undefined || this.waiters.length > 0;
    const queued = this.commitWhenIdle;
    this.commitWhenIdle = false;
    if (urgent) {
      this.commit();
    } else if (queued) {
      const left = this.intervalLeftMs();
      if (left === 0) this.commit();
      else this.arm(left);
    } else if ([...this.docs.values()].some((s) => s.pending.length > 0)) {
      this.schedule();
    }
  }

  private settleWaiters(): void {
    const waiting: Waiter[] = [];
    for (const waiter of this.waiters) {
      if (isSatisfied(waiter.state, waiter.seq, waiter.compactionsBefore)) waiter.resolve();
      else waiting.push(waiter);
    }
    this.waiters = waiting;
  }

  private emitCommitted(state: DocState): void {
    const { address } = state;
    const committedSeq = state.committedSeq;
    // Both sets as they are now (a listener may subscribe or unsubscribe others); called without a closure
    // per listener, as this runs for every doc of every commit.
    const ofDoc = [...state.committedListeners];
    const ofQueue = [...this.listeners];
    for (const listener of ofDoc) {
      try {
        listener(committedSeq);
      } catch (err) {
        this.listenerThrew(err, address);
      }
    }
    for (const listener of ofQueue) {
      try {
        listener(address);
      } catch (err) {
        this.listenerThrew(err, address);
      }
    }
  }

  private listenerThrew(err: unknown, address: DocAddress): void {
    this.logger.error({ err, boardId: address.boardId, docKey: docKey(address) }, 'committed listener threw');
  }

  private stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.timer = undefined;
    this.retryTimer = undefined;
  }
}

/** True while a doc has updates (or a requested compaction) that are not durable yet. */
function queueHasPending(state: DocState): boolean {
  return state.pending.length > 0 || state.inFlight || state.compactRequested;
}

/** Durable up to `seq`, and (for a compacting flush) compacted by a commit after the request, covering `seq`. */
function isSatisfied(state: DocState, seq: number, compactionsBefore: number | undefined): boolean {
  if (state.committedSeq < seq) return false;
  if (compactionsBefore === undefined) return true;
  return state.compactions > compactionsBefore && state.compactedSeq >= seq;
}

/** `<boardId>/<docKey>`, for messages. */
function describe(address: DocAddress): string {
  return `${address.boardId}/${docKey(address)}`;
}

/** Log fields naming the boards of a batch: `boardId` when there is one, `boardIds` always. */
function boardFields(plan: PlanItem[]): { boardId?: string; boardIds: string[] } {
  const boardIds = [...new Set(plan.map((item) => item.state.address.boardId))];
  return boardIds.length === 1 ? { boardId: boardIds[0], boardIds } : { boardIds };
}
