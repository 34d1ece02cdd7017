import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import * as Y from 'yjs';
import { docKey } from '../../shared/protocol.js';
import type { BoardStore } from '../persistence/board-store.js';
import type { StoredDoc, WriteBatch } from '../persistence/document-store.js';
import { MemoryStore } from '../persistence/memory-store.js';
import { SqliteStore } from '../persistence/sqlite-store.js';
import { CEILING_FACTOR } from './compaction-rule.js';
import { WRITE_QUEUE_ERROR, WriteQueue, type WriteQueueOptions } from './write-queue.js';
import { at } from '../../test/helpers/doc-address.js';

const silent = pino({ level: 'silent' });

/** A real store of each kind, closed (and its temp dir removed) when the test ends. */
const STORES: [string, () => Promise<BoardStore>][] = [
  [
    'MemoryStore',
    async () => {
      const store = new MemoryStore();
      onTestFinished(() => store.close());
      return store;
    },
  ],
  [
    'SqliteStore',
    async () => {
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'jr-queue-'));
      const store = await SqliteStore.open(path.join(dir, 'journeyroom.db'));
      onTestFinished(async () => {
        await store.close();
        await fs.rm(dir, { recursive: true, force: true });
      });
      return store;
    },
  ],
];

function makeQueue(store: BoardStore, options: Partial<WriteQueueOptions> = {}): WriteQueue {
  const queue = new WriteQueue({
    store,
    flushDelayMs: 20,
    compactAfterUpdates: 1000,
    maxPendingBytes: 1 << 20,
    logger: silent,
    retryMinMs: 5,
    retryMaxMs: 20,
    ...options,
  });
  // Teardown must not hang on a store a test left failing.
  onTestFinished(() => queue.close(200).catch(() => undefined));
  return queue;
}

/**
 * On a queue with no batch delay: the first of three updates is committed at once (a quiet queue, interval or not)
 * and held in flight while the other two queue behind it; then the store lets it land.
 */
async function twoBehindAHeldCommit(options: Partial<WriteQueueOptions>) {
  const store = new GatedStore();
  const queue = makeQueue(store, { flushDelayMs: 0, ...options });
  const address = at('board-a', 'board');
  const doc = liveDoc(queue, 'board-a', 'board');
  const held = store.hold();
  addNotes(doc, 1);
  await held;
  addNotes(doc, 1);
  addNotes(doc, 1);
  store.release();
  return { store, queue, address };
}

/** What the store holds of a doc never written. */
const NOTHING_STORED: StoredDoc = { snapshot: null, updates: [] };

/** A live doc whose every update goes to the queue, like a room's. */
function liveDoc(queue: WriteQueue, boardId: string, docKey: string, stored = NOTHING_STORED, doc = new Y.Doc()): Y.Doc {
  queue.attachDoc(at(boardId, docKey), doc, stored);
  doc.on('update', (update: Uint8Array) => queue.enqueue(at(boardId, docKey), update));
  return doc;
}

/** Polls a condition every few ms (at most 5 s). */
async function waitForCondition(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met');
    await new Promise((r) => setTimeout(r, 5));
  }
}

function addNotes(doc: Y.Doc, count: number, prefix = 'note'): void {
  const notes = doc.getMap<string>('notes');
  for (let i = 0; i < count; i++) notes.set(`${prefix}-${notes.size}`, `${prefix} text ${i}`);
}

/** Rebuilds a doc from what the store holds, as a restarted server would. */
async function restored(store: BoardStore, boardId: string, docKey: string): Promise<Y.Doc> {
  const stored = await store.loadDoc(at(boardId, docKey));
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const update of stored.updates) Y.applyUpdate(doc, update);
  return doc;
}

async function expectStoredEqualsLive(store: BoardStore, boardId: string, docKey: string, live: Y.Doc): Promise<void> {
  const doc = await restored(store, boardId, docKey);
  expect(Y.encodeStateVector(doc)).toEqual(Y.encodeStateVector(live));
  expect(doc.getMap('notes').toJSON()).toEqual(live.getMap('notes').toJSON());
}

/**
 * 'board-big' stored as a snapshot of about `bytes` (one long note, compacted), then loaded again by a new queue
 * with `compactAfterUpdates`, as a restarted server would: the queue and the live doc.
 */
async function reopenedBigBoard(store: BoardStore, bytes: number, compactAfterUpdates: number): Promise<{ queue: WriteQueue; doc: Y.Doc }> {
  const first = makeQueue(store);
  liveDoc(first, 'board-big', 'board').getMap<string>('notes').set('long', 'x'.repeat(bytes));
  await first.flushDoc(at('board-big', 'board'), { compact: true });
  await first.close();
  const stored = await store.loadDoc(at('board-big', 'board'));
  expect(stored.snapshot!.byteLength).toBeGreaterThan(bytes);
  const queue = makeQueue(store, { compactAfterUpdates });
  return { queue, doc: liveDoc(queue, 'board-big', 'board', stored, await restored(store, 'board-big', 'board')) };
}

/** Resolves on the first "committed" event for each listed doc. */
function committed(queue: WriteQueue, docs: [string, string][]): Promise<void> {
  const waiting = new Set(docs.map(([b, d]) => `${b}/${d}`));
  return new Promise((resolve) => {
    const off = queue.onCommitted((address) => {
      waiting.delete(`${address.boardId}/${docKey(address)}`);
      if (waiting.size === 0) {
        off();
        resolve();
      }
    });
  });
}

/** A real store whose writes can be held back (to catch a commit in flight) and counted. */
class GatedStore extends MemoryStore {
  calls = 0;
  private gate: Promise<void> | undefined;
  private open: (() => void) | undefined;
  private entered: (() => void) | undefined;

  /** Holds every write that starts from now until release(); resolves when the first one is held. */
  hold(): Promise<void> {
    this.gate = new Promise((resolve) => (this.open = resolve));
    return new Promise((resolve) => (this.entered = resolve));
  }

  /** Lets the held writes go on; writes starting later are not held. */
  release(): void {
    const open = this.open;
    this.gate = undefined;
    this.open = undefined;
    open?.();
  }

  override async write(batch: WriteBatch): Promise<void> {
    this.calls += 1;
    const gate = this.gate;
    if (gate) {
      const entered = this.entered;
      this.entered = undefined;
      entered?.();
      await gate;
    }
    return super.write(batch);
  }
}

describe.each(STORES)('WriteQueue on %s', (_name, makeStore) => {
  it('commits updates of several docs in one batch within the window', async () => {
    const store = await makeStore();
    const queue = makeQueue(store);
    const a = liveDoc(queue, 'board-a', 'board');
    const s = liveDoc(queue, 'board-a', 'session');
    const b = liveDoc(queue, 'board-b', 'board');
    const done = committed(queue, [
      ['board-a', 'board'],
      ['board-a', 'session'],
      ['board-b', 'board'],
    ]);
    addNotes(a, 3);
    addNotes(s, 1);
    addNotes(b, 2);
    expect(queue.pendingUpdates).toBe(6);
    await done;
    expect(queue.pendingUpdates).toBe(0);
    expect(queue.pendingBytes).toBe(0);
    expect(await store.countUpdates(at('board-a', 'board'))).toBe(3);
    expect(await store.countUpdates(at('board-a', 'session'))).toBe(1);
    expect(await store.countUpdates(at('board-b', 'board'))).toBe(2);
    if (store instanceof MemoryStore) expect(store.commits).toBe(1);
    await expectStoredEqualsLive(store, 'board-a', 'board', a);
  });

  it('stores a state equal to the live doc, across compactions (restart equivalence)', async () => {
    const store = await makeStore();
    const queue = makeQueue(store, { compactAfterUpdates: 7 });
    const doc = liveDoc(queue, 'board-a', 'board');
    for (let round = 0; round < 5; round++) {
      addNotes(doc, 4, `r${round}`);
      doc.getMap('notes').delete(`r${round}-0`);
      await queue.flushAll();
    }
    const rows = await store.countUpdates(at('board-a', 'board'));
    expect(rows).toBeLessThan(7);
    expect((await store.loadDoc(at('board-a', 'board'))).snapshot).not.toBeNull();
    await expectStoredEqualsLive(store, 'board-a', 'board', doc);
  });

  it('compacts after N updates: no log rows left and the same state', async () => {
    const store = await makeStore();
    const queue = makeQueue(store, { compactAfterUpdates: 5 });
    const doc = liveDoc(queue, 'board-a', 'board');
    addNotes(doc, 3);
    await queue.flushAll();
    expect(await store.countUpdates(at('board-a', 'board'))).toBe(3);
    addNotes(doc, 2); // 3 stored + 2 pending reaches 5
    await queue.flushAll();
    expect(await store.countUpdates(at('board-a', 'board'))).toBe(0);
    await expectStoredEqualsLive(store, 'board-a', 'board', doc);

    addNotes(doc, 2);
    await queue.flushDoc(at('board-a', 'board'), { compact: true });
    expect(await store.countUpdates(at('board-a', 'board'))).toBe(0);
    expect(queue.hasPending(at('board-a', 'board'))).toBe(false);
    await expectStoredEqualsLive(store, 'board-a', 'board', doc);
  });

  it('compacts a log loaded from storage when asked', async () => {
    const store = await makeStore();
    const first = makeQueue(store);
    const doc = liveDoc(first, 'board-a', 'board');
    addNotes(doc, 4);
    await first.close();

    const queue = makeQueue(store);
    const reloaded = await restored(store, 'board-a', 'board');
    queue.attachDoc(at('board-a', 'board'), reloaded, await store.loadDoc(at('board-a', 'board')));
    expect(queue.hasPending(at('board-a', 'board'))).toBe(false);
    await queue.flushDoc(at('board-a', 'board'), { compact: true });
    expect(await store.countUpdates(at('board-a', 'board'))).toBe(0);
    await expectStoredEqualsLive(store, 'board-a', 'board', doc);
    queue.detachDoc(at('board-a', 'board'));
  });

  it('a big board compacts once its log holds a quarter of its snapshot, a small one after N updates', async () => {
    const store = await makeStore();
    const { queue, doc } = await reopenedBigBoard(store, 4000, 5);
    const small = liveDoc(queue, 'board-small', 'board');
    addNotes(doc, 8);
    addNotes(small, 8);
    await queue.flushAll();
    // 8 small rows are past N = 5 but far below a quarter of the big board's snapshot
    expect(await store.countUpdates(at('board-big', 'board'))).toBe(8);
    expect(await store.countUpdates(at('board-small', 'board'))).toBe(0);
    doc.getMap<string>('notes').set('paste', 'y'.repeat(1000));
    await queue.flushAll();
    expect(await store.countUpdates(at('board-big', 'board'))).toBe(0);
    await expectStoredEqualsLive(store, 'board-big', 'board', doc);
    await expectStoredEqualsLive(store, 'board-small', 'board', small);
  });

  it('a big board compacts at the ceiling of rows, whatever their bytes', async () => {
    const store = await makeStore();
    const { queue, doc } = await reopenedBigBoard(store, 100_000, 2);
    for (let i = 0; i < 2 * CEILING_FACTOR - 1; i++) {
      addNotes(doc, 1);
      await queue.flushAll();
    }
    // one row per flush, one short of the ceiling
    expect(await store.countUpdates(at('board-big', 'board'))).toBe(2 * CEILING_FACTOR - 1);
    addNotes(doc, 1);
    await queue.flushAll();
    expect(await store.countUpdates(at('board-big', 'board'))).toBe(0);
    await expectStoredEqualsLive(store, 'board-big', 'board', doc);
  });

  it('close commits what is pending without waiting for the window, then refuses updates', async () => {
    const store = await makeStore();
    const queue = makeQueue(store, { flushDelayMs: 60_000 });
    const doc = liveDoc(queue, 'board-a', 'board');
    addNotes(doc, 3);
    await queue.close();
    await queue.close();
    expect(await store.countUpdates(at('board-a', 'board'))).toBe(3);
    expect(() => queue.enqueue(at('board-a', 'board'), Uint8Array.of(0, 0))).toThrow(expect.objectContaining({ code: WRITE_QUEUE_ERROR.closed }));
  });
});

describe('WriteQueue ordering and failures', () => {
  it('an update arriving while a commit is in flight goes into the next commit', async () => {
    const store = new GatedStore();
    const queue = makeQueue(store);
    const doc = liveDoc(queue, 'board-a', 'board');
    addNotes(doc, 1);
    const held = store.hold();
    const first = queue.flushAll();
    await held;
    addNotes(doc, 1); // the first write is in flight now
    expect(queue.hasPending(at('board-a', 'board'))).toBe(true);
    let secondDone = false;
    const second = queue.flushDoc(at('board-a', 'board'), { compact: false }).then(() => (secondDone = true));
    store.release();
    const heldAgain = store.hold();
    await first;
    await heldAgain; // the second commit is in flight: the second update is not durable yet
    expect(secondDone).toBe(false);
    expect(queue.hasPending(at('board-a', 'board'))).toBe(true);
    expect(await store.countUpdates(at('board-a', 'board'))).toBe(1);
    store.release();
    await second;
    expect(store.commits).toBe(2);
    expect(await store.countUpdates(at('board-a', 'board'))).toBe(2);
    expect(queue.hasPending(at('board-a', 'board'))).toBe(false);
    await expectStoredEqualsLive(store, 'board-a', 'board', doc);
  });

  it('group commit: updates that arrive during a commit go out in one commit as soon as it lands, with no timer wait', async () => {
    const store = new GatedStore();
    // A batch window far longer than the test: the first commit is asked for, only group commit starts the second.
    const queue = makeQueue(store, { flushDelayMs: 60_000 });
    const doc = new Y.Doc();
    const handle = queue.open(at('board-a', 'board'), doc, NOTHING_STORED);
    const enqueued: number[] = [];
    doc.on('update', (update: Uint8Array) => enqueued.push(handle.enqueue(update)));
    const committed: number[] = [];
    handle.onCommitted((seq) => committed.push(seq));
    const held = store.hold();
    addNotes(doc, 1);
    void queue.flushAll();
    await held; // the first commit (1 update) is in flight
    for (let i = 0; i < 5; i++) addNotes(doc, 1);
    store.release();
    await waitForCondition(() => committed.length === 2);
    expect(enqueued).toEqual([1, 2, 3, 4, 5, 6]);
    expect(committed).toEqual([1, 6]);
    expect(store.commits).toBe(2);
    expect(await store.countUpdates(at('board-a', 'board'))).toBe(6);
  });

  it('with FLUSH_DELAY_MS 0 a quiet update is committed without anyone asking', async () => {
    const store = new GatedStore();
    const queue = makeQueue(store, { flushDelayMs: 0 });
    const doc = liveDoc(queue, 'board-a', 'board');
    addNotes(doc, 1);
    await waitForCondition(() => store.commits === 1);
    expect(queue.hasPending(at('board-a', 'board'))).toBe(false);
  });

  it('under sustained load a commit starts COMMIT_INTERVAL_MS after the previous one started and takes all that queued; a flush does not wait', async () => {
    // Load counts as sustained from the first update here; SustainedRate's own test covers when it does.
    const { store, queue, address } = await twoBehindAHeldCommit({ commitIntervalMs: 60_000, sustainedLoad: { updatesPerSecond: 0, forMs: 0 } });
    await waitForCondition(() => store.commits === 1);
    // Without the interval the two updates that queued meanwhile would be committed as soon as the first landed.
    await new Promise((r) => setTimeout(r, 200));
    expect(store.commits).toBe(1);
    expect(queue.hasPending(address)).toBe(true);
    await queue.flushDoc(address, { compact: false });
    expect(store.commits).toBe(2);
    expect(queue.hasPending(address)).toBe(false);
    expect(await store.countUpdates(address)).toBe(3);
  });

  it('commits a burst back to back whatever COMMIT_INTERVAL_MS: the interval waits for sustained load', async () => {
    const { store, queue, address } = await twoBehindAHeldCommit({ commitIntervalMs: 60_000 });
    // The two updates that queued during the first commit go in the next one as soon as it lands.
    await waitForCondition(() => store.commits === 2);
    expect(queue.hasPending(address)).toBe(false);
    expect(await store.countUpdates(address)).toBe(3);
  });

  it('re-queues a failed batch ahead of updates that arrived meanwhile, in order', async () => {
    const store = new GatedStore();
    const queue = makeQueue(store);
    const sent: Uint8Array[] = [];
    for (let i = 0; i < 4; i++) sent.push(Uint8Array.of(i, i));
    store.failWrites(new Error('EIO'));
    const held = store.hold();
    queue.enqueue(at('board-a', 'board'), sent[0]!);
    queue.enqueue(at('board-a', 'board'), sent[1]!);
    await held; // the failing write is in flight
    queue.enqueue(at('board-a', 'board'), sent[2]!);
    store.release();
    await vi.waitFor(() => expect(queue.degraded).toBe(true));
    queue.enqueue(at('board-a', 'board'), sent[3]!);
    store.failWrites(null);
    await queue.flushAll();
    expect((await store.loadDoc(at('board-a', 'board'))).updates).toEqual(sent);
  });

  it('keeps everything in memory while the store fails, logs once, retries, then stores it all', async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        callback();
      },
    });
    const store = new GatedStore();
    const queue = makeQueue(store, { logger: pino({ level: 'info' }, sink) });
    const doc = liveDoc(queue, 'board-a', 'board');
    const other = liveDoc(queue, 'board-b', 'session');
    store.failWrites(new Error('disk full'));

    addNotes(doc, 3);
    await vi.waitFor(() => expect(queue.degraded).toBe(true));
    addNotes(other, 2);
    addNotes(doc, 1);
    await vi.waitFor(() => expect(store.calls).toBeGreaterThanOrEqual(4));
    expect(queue.degraded).toBe(true);
    expect(queue.lastError).toContain('disk full');
    expect(queue.pendingUpdates).toBe(6);
    expect(await store.countUpdates(at('board-a', 'board'))).toBe(0);
    expect(lines.filter((l) => l.msg === 'commit failed; holding updates in memory and retrying')).toHaveLength(1);
    expect(lines.find((l) => l.level === 50)).toMatchObject({ boardIds: ['board-a'] });

    const flushed = queue.flushAll();
    store.failWrites(null);
    await flushed;
    expect(queue.degraded).toBe(false);
    expect(queue.lastError).toBeUndefined();
    expect(queue.pendingUpdates).toBe(0);
    expect(await store.countUpdates(at('board-a', 'board'))).toBe(4);
    await expectStoredEqualsLive(store, 'board-a', 'board', doc);
    await expectStoredEqualsLive(store, 'board-b', 'session', other);
    expect(lines.some((l) => l.msg === 'storage recovered; held updates stored')).toBe(true);
  });

  it('holds a failed compaction and compacts once the store recovers', async () => {
    const store = new MemoryStore();
    const queue = makeQueue(store, { compactAfterUpdates: 3 });
    const doc = liveDoc(queue, 'board-a', 'board');
    store.failWrites(new Error('EIO'));
    addNotes(doc, 5);
    await vi.waitFor(() => expect(queue.degraded).toBe(true));
    const flushed = queue.flushDoc(at('board-a', 'board'), { compact: true });
    expect(() => queue.detachDoc(at('board-a', 'board'))).toThrow(expect.objectContaining({ code: WRITE_QUEUE_ERROR.pending }));
    store.failWrites(null);
    await flushed;
    expect(await store.loadDoc(at('board-a', 'board'))).toMatchObject({ updates: [] });
    await expectStoredEqualsLive(store, 'board-a', 'board', doc);
    queue.detachDoc(at('board-a', 'board'));
  });

  it('reports overMemoryBound while held bytes exceed the bound, and clears it after recovery', async () => {
    const store = new MemoryStore();
    const queue = makeQueue(store, { maxPendingBytes: 200 });
    store.failWrites(new Error('disk full'));
    queue.enqueue(at('board-a', 'board'), new Uint8Array(150));
    expect(queue.overMemoryBound).toBe(false);
    await vi.waitFor(() => expect(queue.degraded).toBe(true));
    queue.enqueue(at('board-a', 'board'), new Uint8Array(100));
    expect(queue.pendingBytes).toBe(250);
    expect(queue.overMemoryBound).toBe(true);
    store.failWrites(null);
    await queue.flushAll();
    expect(queue.overMemoryBound).toBe(false);
    expect(await store.countUpdates(at('board-a', 'board'))).toBe(2);
  });

  it('close gives up after its timeout when the store keeps failing, and rejects waiting flushes', async () => {
    const store = new MemoryStore();
    const queue = makeQueue(store);
    store.failWrites(new Error('disk full'));
    queue.enqueue(at('board-a', 'board'), Uint8Array.of(1));
    const flush = queue.flushDoc(at('board-a', 'board'), { compact: false });
    const closeTimeout = { code: WRITE_QUEUE_ERROR.closeTimeout };
    await expect(queue.close(50)).rejects.toMatchObject(closeTimeout);
    await expect(flush).rejects.toMatchObject(closeTimeout);
    await expect(queue.close()).rejects.toMatchObject(closeTimeout);
  });

  it('refuses to detach a doc with pending updates and to attach a second live doc', async () => {
    const store = new MemoryStore();
    const queue = makeQueue(store, { flushDelayMs: 60_000 });
    const doc = liveDoc(queue, 'board-a', 'board');
    expect(() => queue.attachDoc(at('board-a', 'board'), new Y.Doc(), NOTHING_STORED)).toThrow(expect.objectContaining({ code: WRITE_QUEUE_ERROR.alreadyAttached }));
    addNotes(doc, 1);
    expect(queue.hasPending(at('board-a', 'board'))).toBe(true);
    expect(() => queue.detachDoc(at('board-a', 'board'))).toThrow(expect.objectContaining({ code: WRITE_QUEUE_ERROR.pending }));
    await queue.flushDoc(at('board-a', 'board'), { compact: false });
    queue.detachDoc(at('board-a', 'board'));
    expect(queue.hasPending(at('board-a', 'board'))).toBe(false);
    await expect(queue.flushDoc(at('board-a', 'board'), { compact: true })).resolves.toBeUndefined();
  });

  it('survives a real write failure of the SQLite file (RLIMIT_FSIZE) and stores everything after recovery', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'jr-queue-'));
    onTestFinished(() => fs.rm(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'journeyroom.db');
    const store = await SqliteStore.open(file);
    onTestFinished(() => store.close());
    const queue = makeQueue(store);
    const doc = liveDoc(queue, 'board-a', 'board');
    addNotes(doc, 2);
    await queue.flushAll();

    // Every file write of this process beyond 1 byte now fails with EFBIG (Node ignores SIGXFSZ).
    const limit = (value: string): void => {
      execFileSync('prlimit', ['--pid', String(process.pid), `--fsize=${value}:`]);
    };
    limit('1');
    onTestFinished(() => limit('unlimited'));
    addNotes(doc, 3);
    await vi.waitFor(() => expect(queue.degraded).toBe(true), { timeout: 5000 });
    expect(queue.pendingUpdates).toBe(3);
    limit('unlimited');
    await queue.flushAll();
    expect(queue.degraded).toBe(false);
    await queue.close();
    await store.close();

    const reopened = await SqliteStore.open(file);
    onTestFinished(() => reopened.close());
    expect(await reopened.countUpdates(at('board-a', 'board'))).toBe(5);
    await expectStoredEqualsLive(reopened, 'board-a', 'board', doc);
  });
});
