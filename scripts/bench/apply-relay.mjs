#!/usr/bin/env node
/**
 * The benchmark's second reference: the bare relay (relay.mjs) plus the one thing every server that keeps a board
 * must do, applying each update to the room's Y.Doc. It answers the y-websocket handshake from that doc, as the
 * stock server does, and forwards every update and presence frame, unchanged, to the other sockets of the room; nothing
 * else (no storage, no checks, no "saved" signal, no presence bookkeeping). What it costs beyond the relay is the
 * least any such server pays per edit (docs/benchmarks.md). Prints one JSON line with the listening `url`.
 */
import http from 'node:http';
import { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';

const MESSAGE_SYNC = 0;
/** room path → { doc, peers } */
const rooms = new Map();

function syncStep1Frame(doc) {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ status: 'ok', rooms: rooms.size }));
});
const wss = new WebSocketServer({ server, perMessageDeflate: false });
wss.on('connection', (ws, req) => {
  const name = (req.url ?? '/').split('?')[0];
  let room = rooms.get(name);
  if (!room) rooms.set(name, (room = { doc: new Y.Doc({ gc: true }), peers: new Set() }));
  room.peers.add(ws);
  ws.send(syncStep1Frame(room.doc));
  ws.on('message', (data) => {
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    if (bytes[0] === MESSAGE_SYNC) {
      // readSyncMessage answers a SyncStep1 with the doc's SyncStep2 and applies a SyncStep2 or an update.
      const decoder = decoding.createDecoder(bytes);
      decoding.readVarUint(decoder);
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      const type = syncProtocol.readSyncMessage(decoder, encoder, room.doc, ws);
      if (type === syncProtocol.messageYjsSyncStep1) ws.send(encoding.toUint8Array(encoder));
      // A client's SyncStep2 is its answer to this relay's SyncStep1 at join: the doc has it, the others do not
      // need it (they started from the same state). Only updates are forwarded.
      if (type !== syncProtocol.messageYjsUpdate) return;
    }
    for (const peer of room.peers) if (peer !== ws && peer.readyState === peer.OPEN) peer.send(data, { binary: true });
  });
  ws.on('close', () => {
    room.peers.delete(ws);
    if (room.peers.size === 0) {
      room.doc.destroy();
      rooms.delete(name);
    }
  });
});
server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1', () => {
  const { port } = server.address();
  process.stdout.write(`${JSON.stringify({ msg: 'apply relay listening', url: `http://127.0.0.1:${port}` })}\n`);
});
process.on('SIGTERM', () => process.exit(0));
