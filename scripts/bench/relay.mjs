#!/usr/bin/env node
/**
 * The benchmark's floor: a bare `ws` relay that forwards every binary frame to the other sockets of the same
 * URL path and does nothing else (no state, no storage, no checks). It drops the y-websocket handshake's
 * SyncStep1 (a relay cannot answer it, and forwarding it would make every peer answer every other peer).
 * Prints one JSON line with the listening `url`, like the server.
 */
import http from 'node:http';
import { WebSocketServer } from 'ws';

const rooms = new Map();
const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ status: 'ok', rooms: rooms.size }));
});
const wss = new WebSocketServer({ server, perMessageDeflate: false });
wss.on('connection', (ws, req) => {
  const room = (req.url ?? '/').split('?')[0];
  let peers = rooms.get(room);
  if (!peers) rooms.set(room, (peers = new Set()));
  peers.add(ws);
  ws.on('message', (data, isBinary) => {
    // byte 0: message type (0 = sync), byte 1: sync subtype (0 = SyncStep1)
    if (data[0] === 0 && data[1] === 0) return;
    for (const peer of peers) if (peer !== ws && peer.readyState === peer.OPEN) peer.send(data, { binary: isBinary });
  });
  ws.on('close', () => {
    peers.delete(ws);
    if (peers.size === 0) rooms.delete(room);
  });
});
server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1', () => {
  const { port } = server.address();
  process.stdout.write(`${JSON.stringify({ msg: 'relay listening', url: `http://127.0.0.1:${port}` })}\n`);
});
process.on('SIGTERM', () => process.exit(0));
