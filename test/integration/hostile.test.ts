/** Hostile frames close only their own connection with the documented code; the board stays writable. */
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readNotes } from '../../shared/board/read.js';
import { addNote, laneIds, stageIds } from '../../shared/board/write.js';
import { CLOSE } from '../../shared/protocol.js';
import type { Author } from '../../shared/board/schema.js';
import { createBoard, joinWriter, type TestBoard } from '../helpers/api.js';
import { connectClient, rawClient, synced, waitFor, type TestClient } from '../helpers/clients.js';
import { updateFrame } from '../helpers/frames.js';
import { startServer, type TestServer } from '../helpers/server.js';

interface Fixture {
  s: TestServer;
  board: TestBoard;
  writer: TestClient;
  watcher: TestClient;
  author: Author;
}

async function fixture(): Promise<Fixture> {
  const s = await startServer();
  const board = await createBoard(s.url);
  const member = await joinWriter(s.url, board, board.tokens.participant);
  const writer = connectClient(s.wsUrl, board.id, member.params);
  const watcher = connectClient(s.wsUrl, board.id, { token: board.tokens.projector });
  await Promise.all([synced(writer), synced(watcher)]);
  return { s, board, writer, watcher, author: member.author };
}

/** Sends `frame` from a raw participant socket and returns the close code it got. */
async function sendHostile(f: Fixture, frame: Uint8Array | string): Promise<number> {
  const raw = rawClient(`${f.s.wsUrl}/${f.board.id}?token=${f.board.tokens.participant}`);
  await raw.opened;
  raw.ws.send(frame);
  return (await raw.closed).code;
}

/** The board still takes writes from the other client and reaches the watcher. */
async function stillWritable(f: Fixture, text: string): Promise<void> {
  const [stage] = stageIds(f.writer.doc);
  const [lane] = laneIds(f.writer.doc);
  addNote(f.writer.doc, { stageId: stage!, laneId: lane!, text, author: f.author });
  await waitFor(() => readNotes(f.watcher.doc).some((n) => n.text === text), `watcher sees ${text}`);
  expect(f.writer.closes).toEqual([]);
  expect(f.watcher.closes).toEqual([]);
}

/** An update from a fresh doc touching `fn`. */
function foreignUpdate(fn: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc();
  fn(doc);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

describe('hostile frames', () => {
  it('each one closes only its connection with the documented code', async () => {
    const f = await fixture();
    const cases: [string, Uint8Array | string, number][] = [
      ['random bytes', Uint8Array.from([0xde, 0xad, 0xbe, 0xef, 0x13, 0x37, 0x42, 0x00, 0xff, 0x10]), CLOSE.malformed],
      ['truncated sync message', Uint8Array.from([0, 2, 50, 1, 2, 3]), CLOSE.malformed],
      ['unknown message type 9', Uint8Array.from([9, 0, 0]), CLOSE.malformed],
      ['text frame', 'hello', CLOSE.unsupportedData],
      ['undecodable update', updateFrame(Uint8Array.from([5, 200, 1, 7, 7])), CLOSE.malformed],
      ['unknown root', updateFrame(foreignUpdate((d) => d.getMap('evil').set('x', 1))), CLOSE.invalidUpdate],
      ['XML type in a known root', updateFrame(foreignUpdate((d) => d.getMap('notes').set('x', new Y.XmlFragment()))), CLOSE.invalidUpdate],
      ['string over the limit', updateFrame(foreignUpdate((d) => d.getMap('notes').set('t', new Y.Text('x'.repeat(5000))))), CLOSE.contentTooLarge],
    ];
    for (const [name, frame, code] of cases) {
      expect(await sendHostile(f, frame), name).toBe(code);
      await stillWritable(f, `after ${name}`);
    }
  });

  it('an update with missing dependencies is refused with 4422 and nothing of it is stored', async () => {
    const f = await fixture();
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    const text = new Y.Text();
    doc.getMap('notes').set('n', text);
    text.insert(0, 'second part');
    expect(updates).toHaveLength(2);
    expect(await sendHostile(f, updateFrame(updates[1]!))).toBe(CLOSE.invalidUpdate);
    await stillWritable(f, 'after missing deps');
    // A delete of something the server never saw is a missing dependency too.
    const del = new Y.Doc();
    del.getMap('notes').set('gone', 1);
    const before = Y.encodeStateVector(del);
    del.getMap('notes').delete('gone');
    const onlyDelete = Y.encodeStateAsUpdate(del, before);
    expect(await sendHostile(f, updateFrame(onlyDelete))).toBe(CLOSE.invalidUpdate);
    await stillWritable(f, 'after dangling delete');
    expect(f.writer.doc.getMap('notes').has('n')).toBe(false);
  });

  it('a 9 MiB frame closes with 1009', async () => {
    const f = await fixture();
    const big = new Uint8Array(9 * 1024 * 1024);
    expect(await sendHostile(f, big)).toBe(CLOSE.messageTooBig);
    await stillWritable(f, 'after big frame');
  });

  it('a note text over the limit is trimmed by the server', async () => {
    const f = await fixture();
    const [stage] = stageIds(f.writer.doc);
    const [lane] = laneIds(f.writer.doc);
    const id = addNote(f.writer.doc, { stageId: stage!, laneId: lane!, text: 'start', author: f.author });
    await waitFor(() => readNotes(f.watcher.doc).some((n) => n.id === id), 'note arrives');
    const text = f.writer.doc.getMap('notes').get(id) as Y.Map<unknown>;
    const ytext = text.get('text') as Y.Text;
    ytext.insert(5, 'y'.repeat(1500));
    ytext.insert(0, 'z'.repeat(1500));
    await waitFor(() => readNotes(f.watcher.doc).find((n) => n.id === id)?.text.length === 2000, 'trimmed on the watcher');
    await waitFor(() => ytext.length === 2000, 'trimmed on the writer');
  });

  it('a flood of tiny fragments closes with 1008', async () => {
    const f = await fixture();
    const raw = rawClient(`${f.s.wsUrl}/${f.board.id}?token=${f.board.tokens.participant}`);
    await raw.opened;
    // One message in 200 one-byte fragments: far more than a client ever sends (ws maxFragments).
    for (let i = 0; i < 200 && raw.ws.readyState === raw.ws.OPEN; i++) raw.ws.send(Uint8Array.of(0), { fin: false, binary: true });
    expect((await raw.closed).code).toBe(CLOSE.policyViolation);
    await stillWritable(f, 'after fragment flood');
  });

  it('an upgrade with 2,001 headers is refused and the server lives on (CVE-2024-37890)', async () => {
    const f = await fixture();
    const { port } = new URL(f.s.url);
    const lines = [
      `GET /ws/${f.board.id}?token=${f.board.tokens.participant} HTTP/1.1`,
      `Host: 127.0.0.1:${port}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      'Sec-WebSocket-Version: 13',
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
      ...Array.from({ length: 2001 }, (_, i) => `X-Filler-${i}: x`),
    ];
    const answer = await new Promise<string>((resolve) => {
      const socket = net.connect(Number(port), '127.0.0.1', () => socket.write(`${lines.join('\r\n')}\r\n\r\n`));
      let received = '';
      socket.on('data', (d: Buffer) => (received += d.toString()));
      socket.on('error', () => resolve(received));
      socket.on('close', () => resolve(received));
      setTimeout(() => socket.destroy(), 3000).unref();
    });
    expect(answer.startsWith('HTTP/1.1 101')).toBe(false);
    await stillWritable(f, 'after header flood');
  });

  it('types nested deeper than the schema allows are refused (4422), in a fresh update and next to existing text', async () => {
    const f = await fixture();
    // A fresh update: notes -> map -> map -> map (depth 3).
    const deep = foreignUpdate((doc) => {
      const a = new Y.Map<unknown>();
      doc.getMap('notes').set('deep', a);
      const b = new Y.Map<unknown>();
      a.set('b', b);
      b.set('c', new Y.Map<unknown>());
    });
    expect(await sendHostile(f, updateFrame(deep))).toBe(CLOSE.invalidUpdate);
    // A map inserted into an existing note's text, after its first character: such an item carries an origin
    // and no encoded parent, so the guard must infer the parent from the origin.
    const [stage] = stageIds(f.writer.doc);
    const [lane] = laneIds(f.writer.doc);
    const id = addNote(f.writer.doc, { stageId: stage!, laneId: lane!, text: 'abc', author: f.author });
    await waitFor(() => readNotes(f.watcher.doc).some((n) => n.id === id), 'note arrives');
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(f.writer.doc));
    const before = Y.encodeStateVector(copy);
    const text = (copy.getMap('notes').get(id) as Y.Map<unknown>).get('text') as Y.Text;
    text.insertEmbed(1, new Y.Map<unknown>() as never);
    const sneaky = Y.encodeStateAsUpdate(copy, before);
    expect(Y.decodeUpdate(sneaky).structs.some((st) => st instanceof Y.Item && st.parent === null && st.origin !== null)).toBe(true);
    expect(await sendHostile(f, updateFrame(sneaky))).toBe(CLOSE.invalidUpdate);
    await stillWritable(f, 'after deep nesting');
    expect(readNotes(f.watcher.doc).find((n) => n.id === id)?.text).toBe('abc');
  });

  it('a message flood runs out of its budget and is asked to come back later (1013)', async () => {
    const f = await fixture();
    const raw = rawClient(`${f.s.wsUrl}/${f.board.id}?token=${f.board.tokens.participant}`);
    await raw.opened;
    // Query-awareness frames are tiny and cheap: only the rate limit can stop them.
    for (let i = 0; i < 2000 && raw.ws.readyState === raw.ws.OPEN; i++) raw.ws.send(Uint8Array.of(3));
    expect((await raw.closed).code).toBe(CLOSE.tryAgainLater);
    await stillWritable(f, 'after message flood');
  });
});
