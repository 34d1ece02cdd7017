/** permessage-deflate: big first syncs travel compressed when the client offers it; small edits and clients without it work as before. */
import type net from 'node:net';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { readNotes } from '../../shared/board/read.js';
import { addNote, laneIds, setNoteText, stageIds } from '../../shared/board/write.js';
import { createBoard, joinWriter, type TestBoard } from '../helpers/api.js';
import { connectClient, synced, waitFor, type TestClient } from '../helpers/clients.js';
import { startServer, type TestServer } from '../helpers/server.js';


/** The socket under a provider's WebSocket (ws keeps it in `_socket`). */
const socketOf = (client: TestClient): net.Socket => (client.provider.ws as any)._socket as net.Socket;

/** Fills a board with 300 notes (≈ 60 KB of state) through one client of a joined member. */
async function bigBoard(s: TestServer, board: TestBoard): Promise<number> {
  const { author: alice, params } = await joinWriter(s.url, board, board.tokens.participant, { name: 'Alice', role: 'customer', department: '' });
  const writer = connectClient(s.wsUrl, board.id, params);
  await synced(writer);
  const [stage] = stageIds(writer.doc);
  const [lane] = laneIds(writer.doc);
  writer.doc.transact(() => {
    for (let i = 0; i < 300; i++) addNote(writer.doc, { stageId: stage!, laneId: lane!, text: `Note ${i}: the invoice is unclear and the customer calls support`, author: alice });
  });
  const size = Y.encodeStateAsUpdate(writer.doc).byteLength;
  writer.destroy();
  return size;
}

/** The stock client's socket without permessage-deflate. */
class PlainWebSocket extends WebSocket {
  constructor(address: string, protocols?: string | string[]) {
    super(address, protocols, { perMessageDeflate: false });
  }
}

/** A stock client of the board whose socket does not offer permessage-deflate. */
function plainClient(s: TestServer, board: TestBoard): { doc: Y.Doc; provider: WebsocketProvider } {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(s.wsUrl, board.id, doc, {
    WebSocketPolyfill: PlainWebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: { token: board.tokens.participant },
  });
  return { doc, provider };
}

describe('compression', () => {
  it('a stock client that offers permessage-deflate gets a big first sync compressed, and live edits still flow', async () => {
    const s = await startServer();
    const board = await createBoard(s.url);
    const docBytes = await bigBoard(s, board);
    expect(docBytes).toBeGreaterThan(s.config.compressAboveBytes);
    const late = connectClient(s.wsUrl, board.id, { token: board.tokens.participant });
    await synced(late);
    await waitFor(() => readNotes(late.doc).length === 300, 'late client has every note');
    expect(late.provider.ws?.extensions).toContain('permessage-deflate');
    // Everything the socket read (handshake, presence, both sync steps) is far below the state's size.
    expect(socketOf(late).bytesRead).toBeLessThan(docBytes * 0.4);

    const other = connectClient(s.wsUrl, board.id, { token: board.tokens.participant });
    await synced(other);
    const note = readNotes(late.doc)[0]!;
    setNoteText(late.doc, note.id, 'edited after a compressed sync');
    await waitFor(() => readNotes(other.doc).find((n) => n.id === note.id)?.text === 'edited after a compressed sync', 'edit reached the other client');
  });

  it('a big live update reaches a watching client compressed, and small edits around it arrive as before', async () => {
    const s = await startServer();
    const board = await createBoard(s.url);
    const watcher = connectClient(s.wsUrl, board.id, { token: board.tokens.participant });
    await synced(watcher);
    const before = socketOf(watcher).bytesRead;
    // One transaction of 300 notes: a single update far above the threshold, sent to the watcher as it happens.
    const docBytes = await bigBoard(s, board);
    await waitFor(() => readNotes(watcher.doc).length === 300, 'the watcher has every note');
    expect(watcher.provider.ws?.extensions).toContain('permessage-deflate');
    expect(socketOf(watcher).bytesRead - before).toBeLessThan(docBytes * 0.4);

    const writer = connectClient(s.wsUrl, board.id, { token: board.tokens.participant });
    await synced(writer);
    const note = readNotes(writer.doc)[0]!;
    for (const text of ['a', 'ab', 'abc']) {
      setNoteText(writer.doc, note.id, text);
      await waitFor(() => readNotes(watcher.doc).find((n) => n.id === note.id)?.text === text, `the watcher reads "${text}"`);
    }
  });

  it('a client that does not offer permessage-deflate syncs the same board uncompressed', async () => {
    const s = await startServer();
    const board = await createBoard(s.url);
    const docBytes = await bigBoard(s, board);
    const { doc, provider } = plainClient(s, board);
    try {
      await waitFor(() => provider.synced && readNotes(doc).length === 300, 'plain client has every note');
      expect(provider.ws?.extensions).toBe('');
      expect(((provider.ws as any)._socket as net.Socket).bytesRead).toBeGreaterThan(docBytes);
    } finally {
      provider.destroy();
      doc.destroy();
    }
  });

  it('the first sync of a stored board, sent in two fragments of one message, arrives whole: compressed, and plain without compression', async () => {
    // Unloaded as soon as the writer leaves: the next client's room loads from the store and answers from the snapshot.
    const s = await startServer({ idleUnloadMs: 0 });
    const board = await createBoard(s.url);
    const docBytes = await bigBoard(s, board);
    await waitFor(() => s.server.registry.roomCount === 0, 'the board unloaded');
    const late = connectClient(s.wsUrl, board.id, { token: board.tokens.participant });
    await synced(late);
    await waitFor(() => readNotes(late.doc).length === 300, 'the compressing client has every note');
    // ws compresses a message or not from its first fragment: that one carries at least the threshold.
    expect(socketOf(late).bytesRead).toBeLessThan(docBytes * 0.4);
    late.destroy();
    await waitFor(() => s.server.registry.roomCount === 0, 'the board unloaded again');

    const { doc, provider } = plainClient(s, board);
    try {
      await waitFor(() => provider.synced && readNotes(doc).length === 300, 'the plain client has every note');
      expect(Y.encodeStateAsUpdate(doc).byteLength).toBe(docBytes);
    } finally {
      provider.destroy();
      doc.destroy();
    }
  });

  it('COMPRESS_ABOVE_BYTES=0 does not negotiate compression at all', async () => {
    const s = await startServer({ compressAboveBytes: 0 });
    const board = await createBoard(s.url);
    await bigBoard(s, board);
    const late = connectClient(s.wsUrl, board.id, { token: board.tokens.participant });
    await synced(late);
    await waitFor(() => readNotes(late.doc).length === 300, 'late client has every note');
    expect(late.provider.ws?.extensions).toBe('');
  });
});
