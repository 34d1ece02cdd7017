/**
 * Cold load: a new client into a board that is stored but not loaded gets the stored bytes as its first sync
 * while the server is still loading them, and whatever the server changes while loading (a schema migration)
 * reaches it right after.
 */
import path from 'node:path';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { describe, expect, it, onTestFinished } from 'vitest';
import * as Y from 'yjs';
import { createLogger } from '../../server/logger.js';
import { SqliteStore } from '../../server/persistence/sqlite-store.js';
import { boardRoots } from '../../shared/board/doc.js';
import { readNotes } from '../../shared/board/read.js';
import { addNote, laneIds, setNoteText, stageIds } from '../../shared/board/write.js';
import type { BoardStore } from '../../server/persistence/board-store.js';
import { EARLY_QUEUE_LIMITS, WAIT_FOR_FIRST_FRAME_MIN_BYTES } from '../../server/sync/connection.js';
import { CLOSE, MESSAGE, boardDocAddress, type DocAddress } from '../../shared/protocol.js';
import { createBoard, joinWriter, type TestBoard } from '../helpers/api.js';
import { connectClient, rawClient, synced, waitFor, type RawClient } from '../helpers/clients.js';
import { startServer, tempDir } from '../helpers/server.js';
import { storeSchemaV1Board } from '../helpers/old-board.js';

/** `bytes` as lib0 writes a length-prefixed byte array. */
function encodeVarUint8Array(bytes: Uint8Array): Buffer {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint8Array(encoder, bytes);
  return Buffer.from(encoding.toUint8Array(encoder));
}

/** The y-websocket SyncStep1 of an empty doc, as the stock client sends it on connect. */
const EMPTY_SYNC_STEP1 = Uint8Array.from([MESSAGE.sync, syncProtocol.messageYjsSyncStep1, 1, 0]);

type SyncFrame = { step: number; payload: Uint8Array };

/** The sync frames a raw client received, in order (presence frames left out). */
function syncFrames(client: RawClient): SyncFrame[] {
  return client.frames.flatMap((frame) => {
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== MESSAGE.sync) return [];
    const step = decoding.readVarUint(decoder);
    return [{ step, payload: decoding.readVarUint8Array(decoder) }];
  });
}

/** Opens a raw socket on a board that sends the empty SyncStep1 at once, like a new stock client. */
async function newRawClient(wsUrl: string, boardId: string, token: string): Promise<RawClient> {
  const client = rawClient(`${wsUrl}/${boardId}?token=${token}`, { origin: wsUrl.replace(/^ws/, 'http').replace(/\/ws$/, '') });
  await client.opened;
  client.ws.send(EMPTY_SYNC_STEP1);
  return client;
}

async function storedSnapshot(dataDir: string, boardId: string): Promise<Uint8Array> {
  const store = await SqliteStore.open(path.join(dataDir, 'journeyroom.sqlite'), createLogger('silent'));
  try {
    const stored = await store.loadDoc(boardDocAddress(boardId));
    expect(stored.updates).toEqual([]);
    return stored.snapshot!;
  } finally {
    await store.close();
  }
}

/** A board with `notes` notes by Ana, stored by a server that was then closed (the store holds one snapshot). */
async function storedBoard(notes: number): Promise<{ dataDir: string; board: TestBoard; params: Record<string, string> }> {
  const dataDir = await tempDir();
  const s = await startServer({}, dataDir);
  const board = await createBoard(s.url);
  const { author, params } = await joinWriter(s.url, board, board.tokens.participant, { name: 'Ana', role: 'customer', department: '' });
  const writer = connectClient(s.wsUrl, board.id, params);
  await synced(writer);
  const [stage] = stageIds(writer.doc);
  const [lane] = laneIds(writer.doc);
  writer.doc.transact(() => {
    for (let i = 0; i < notes; i++) addNote(writer.doc, { stageId: stage!, laneId: lane!, text: `note ${i}`, author });
  });
  await waitFor(() => {
    const room = s.server.registry.peek(boardDocAddress(board.id));
    return room && readNotes(room.doc).length === notes;
  }, 'the server has every note');
  writer.destroy();
  await s.close(); // unloads with a compaction
  return { dataDir, board, params };
}

describe('first sync of a stored board', () => {
  it('answers a new client with the stored bytes before its own SyncStep1 (the room is still loading), then syncs live', async () => {
    const { dataDir, board, params } = await storedBoard(100);
    const snapshot = await storedSnapshot(dataDir, board.id);

    let s = await startServer({}, dataDir);
    const raw = await newRawClient(s.wsUrl, board.id, board.tokens.participant);
    await waitFor(() => syncFrames(raw).some((f) => f.step === syncProtocol.messageYjsSyncStep1), "the server's SyncStep1");
    const frames = syncFrames(raw);
    // The answer came first, and it is the stored state byte for byte; the room's own SyncStep1 only after the load.
    expect(frames[0]!.step).toBe(syncProtocol.messageYjsSyncStep2);
    expect(Buffer.from(frames[0]!.payload).equals(Buffer.from(snapshot))).toBe(true);
    const seen = new Y.Doc();
    Y.applyUpdate(seen, frames[0]!.payload);
    expect(readNotes(seen)).toHaveLength(100);

    // The stock client on the same cold path has everything and receives live edits.
    await s.close();
    s = await startServer({}, dataDir);
    const reader = connectClient(s.wsUrl, board.id, { token: board.tokens.participant });
    await synced(reader);
    await waitFor(() => readNotes(reader.doc).length === 100, 'all notes');
    const again = connectClient(s.wsUrl, board.id, params);
    await synced(again);
    const note = readNotes(again.doc)[0]!;
    setNoteText(again.doc, note.id, 'edited after a cold load');
    await waitFor(() => readNotes(reader.doc).find((n) => n.id === note.id)?.text === 'edited after a cold load', 'the edit reached the reader');
  }, 30_000);

  it('waits for a new client that sends its SyncStep1 late (a browser, after its open event) and answers it from the store before applying', async () => {
    const { dataDir, board } = await storedBoard(400);
    const snapshot = await storedSnapshot(dataDir, board.id);
    expect(snapshot.length).toBeGreaterThanOrEqual(WAIT_FOR_FIRST_FRAME_MIN_BYTES);

    const s = await startServer({}, dataDir);
    const raw = rawClient(`${s.wsUrl}/${board.id}?token=${board.tokens.participant}`, { origin: s.url });
    await raw.opened;
    // Long after the store has been read (a few ms here), well inside the wait.
    await new Promise((resolve) => setTimeout(resolve, 100));
    raw.ws.send(EMPTY_SYNC_STEP1);
    await waitFor(() => syncFrames(raw).some((f) => f.step === syncProtocol.messageYjsSyncStep1), "the server's SyncStep1");
    const frames = syncFrames(raw);
    // Answered before the room joined it (the room's SyncStep1 comes at the join), with the stored bytes, once.
    expect(frames[0]!.step).toBe(syncProtocol.messageYjsSyncStep2);
    expect(Buffer.from(frames[0]!.payload).equals(Buffer.from(snapshot))).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(syncFrames(raw).filter((f) => f.step === syncProtocol.messageYjsSyncStep2)).toHaveLength(1);
  }, 30_000);

  it('a late first frame that is not an empty SyncStep1 (a client that has part of the doc) gets no stored bytes', async () => {
    const { dataDir, board } = await storedBoard(400);
    const s = await startServer({}, dataDir);
    const raw = rawClient(`${s.wsUrl}/${board.id}?token=${board.tokens.participant}`, { origin: s.url });
    await raw.opened;
    await new Promise((resolve) => setTimeout(resolve, 100));
    const own = new Y.Doc();
    own.getMap('scratch').set('k', 1);
    raw.ws.send(Buffer.concat([Buffer.from([MESSAGE.sync, syncProtocol.messageYjsSyncStep1]), encodeVarUint8Array(Y.encodeStateVector(own))]));
    await waitFor(() => syncFrames(raw).some((f) => f.step === syncProtocol.messageYjsSyncStep2), 'the answer to its SyncStep1');
    // Answered by the loaded room (its SyncStep1 first), not from the store.
    expect(syncFrames(raw)[0]!.step).toBe(syncProtocol.messageYjsSyncStep1);
  }, 30_000);

  it('a client that sends nothing does not hold the load beyond its bound', async () => {
    const { dataDir, board } = await storedBoard(400);
    const s = await startServer({}, dataDir);
    const silent = rawClient(`${s.wsUrl}/${board.id}?token=${board.tokens.participant}`, { origin: s.url });
    await silent.opened;
    const started = Date.now();
    // The room joins the silent socket once loaded: its SyncStep1 arrives.
    await waitFor(() => syncFrames(silent).some((f) => f.step === syncProtocol.messageYjsSyncStep1), 'the room loaded and joined');
    // The wait is EARLY_ANSWER_WAIT_MS (250 ms); without a bound the room would load only once the silent socket is
    // closed for taking too long (EARLY_QUEUE_LIMITS.waitMs, 10 s).
    expect(Date.now() - started).toBeLessThan(EARLY_QUEUE_LIMITS.waitMs / 2);
    expect(s.server.registry.peek(boardDocAddress(board.id))).toBeDefined();
  }, 30_000);

  it('a change the server makes while loading (schema migration) reaches the client that got the stored bytes', async () => {
    const dataDir = await tempDir();
    const { token } = await storeSchemaV1Board(dataDir, 'old-board-1');
    const stored = await storedSnapshot(dataDir, 'old-board-1');

    const s = await startServer({}, dataDir);
    const raw = await newRawClient(s.wsUrl, 'old-board-1', token);
    const seen = new Y.Doc();
    await waitFor(() => {
      for (const f of syncFrames(raw)) if (f.step !== syncProtocol.messageYjsSyncStep1) Y.applyUpdate(seen, f.payload);
      return boardRoots(seen).meta.get('schemaVersion') === 2;
    }, 'the migration reached the client');
    const first = syncFrames(raw)[0]!;
    expect(first.step).toBe(syncProtocol.messageYjsSyncStep2);
    expect(Buffer.from(first.payload).equals(Buffer.from(stored))).toBe(true);
  });
});

/** The real store, with the board doc's load held until `release()`: a room that is slow to load. */
function holdBoardLoad(boardId: string): { wrap: (store: BoardStore) => BoardStore; release: () => void; asked: () => boolean } {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let asked = false;
  const held = boardDocAddress(boardId);
  const wrap = (store: BoardStore): BoardStore =>
    new Proxy(store, {
      get(target, prop) {
        if (prop === 'loadDoc') {
          return async (address: DocAddress) => {
            if (address.kind === held.kind && address.boardId === held.boardId) {
              asked = true;
              await gate;
            }
            return target.loadDoc(address);
          };
        }
        const value: unknown = Reflect.get(target, prop, target);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
  return { wrap, release, asked: () => asked };
}

describe('frames sent before the room has loaded', () => {
  it('are held up to a bound; a client past it is told to come back later, and nothing it sent is applied', async () => {
    const { dataDir, board, params } = await storedBoard(1);

    const hold = holdBoardLoad(board.id);
    const s = await startServer({}, dataDir, undefined, hold.wrap);
    onTestFinished(hold.release); // runs before the server's close (hooks run last-registered first): a failing test must not hang it
    const patient = connectClient(s.wsUrl, board.id, params);
    await waitFor(hold.asked, 'the room started loading');

    // Too many frames: more than the bound, sent slowly enough to stay within the per-connection rate limit.
    const many = await newRawClient(s.wsUrl, board.id, board.tokens.participant);
    const firstBatch = EARLY_QUEUE_LIMITS.messages / 2;
    for (let i = 1; i < firstBatch; i++) many.ws.send(EMPTY_SYNC_STEP1);
    await new Promise((resolve) => setTimeout(resolve, 2600));
    for (let i = 0; i <= EARLY_QUEUE_LIMITS.messages - firstBatch; i++) many.ws.send(EMPTY_SYNC_STEP1);
    expect(await many.closed).toEqual({ code: CLOSE.tryAgainLater, reason: 'too many frames before the room loaded' });

    // Too many bytes: two frames that together pass the byte bound (what they hold is never read).
    const big = await newRawClient(s.wsUrl, board.id, board.tokens.participant);
    const half = new Uint8Array(EARLY_QUEUE_LIMITS.bytes / 2 + 16);
    half.set([MESSAGE.sync, syncProtocol.messageYjsUpdate]);
    big.ws.send(half);
    big.ws.send(half);
    expect(await big.closed).toEqual({ code: CLOSE.tryAgainLater, reason: 'too many frames before the room loaded' });

    // The room loads; the patient client gets the board as it was stored, nothing from the refused clients.
    hold.release();
    await synced(patient);
    await waitFor(() => readNotes(patient.doc).length === 1, 'the stored note');
    expect(readNotes(patient.doc).map((n) => n.text)).toEqual(['note 0']);
    expect(readNotes(s.server.registry.peek(boardDocAddress(board.id))!.doc)).toHaveLength(1);
  }, 30_000);
});

describe('the first-sync metric (journeyroom_first_sync_seconds)', () => {
  const TOKEN = 'metrics-token-0123456789';

  /** count and sum of the histogram's series with `source`, from a scrape */
  function firstSyncSeries(body: string, source: 'store' | 'doc'): { count: number; sum: number } {
    const read = (suffix: string): number => {
      const match = new RegExp(`journeyroom_first_sync_seconds_${suffix}\\{[^}]*source="${source}"[^}]*\\} (\\S+)`).exec(body);
      return match ? Number(match[1]) : 0;
    };
    return { count: read('count'), sum: read('sum') };
  }

  it("times a connection's first sync from its upgrade request, once: from the store on a cold board, from the doc once loaded", async () => {
    const { dataDir, board } = await storedBoard(1);
    const hold = holdBoardLoad(board.id);
    const s = await startServer({ metricsToken: TOKEN }, dataDir, undefined, hold.wrap);
    onTestFinished(hold.release);
    const scrape = async (): Promise<string> => (await fetch(`${s.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();

    // The store takes 300 ms to read the board: the cold client's first sync counts it (timed from its request).
    const cold = connectClient(s.wsUrl, board.id, { token: board.tokens.participant });
    await waitFor(hold.asked, 'the room started loading');
    await new Promise((resolve) => setTimeout(resolve, 300));
    hold.release();
    await synced(cold);

    // A client of the loaded room asks twice: its first answer is timed, the second is not.
    const raw = await newRawClient(s.wsUrl, board.id, board.tokens.participant);
    await waitFor(() => syncFrames(raw).some((f) => f.step === syncProtocol.messageYjsSyncStep2), 'the first answer');
    raw.ws.send(EMPTY_SYNC_STEP1);
    await waitFor(() => syncFrames(raw).filter((f) => f.step === syncProtocol.messageYjsSyncStep2).length === 2, 'the second answer');

    const body = await waitFor(async () => {
      const text = await scrape();
      return firstSyncSeries(text, 'doc').count >= 1 ? text : undefined;
    }, 'the loaded room answer recorded');
    const fromStore = firstSyncSeries(body, 'store');
    expect(fromStore.count).toBe(1);
    expect(fromStore.sum).toBeGreaterThanOrEqual(0.3);
    expect(firstSyncSeries(body, 'doc').count).toBe(1);
  }, 30_000);
});
