/**
 * Benchmark clients: the HTTP calls to make boards and members, stock y-websocket providers (on the server or
 * on the bare relay) with byte counters on the wire and after decompression, and percentiles.
 */
import type net from 'node:net';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import type { CreateBoardResponse, JoinResponse } from '../../shared/api.js';

// Each y-websocket provider adds a process 'exit' listener in Node; hundreds of clients are expected here.
process.setMaxListeners(0);

/** Message payload bytes received by every socket (after permessage-deflate, if any). */
let payloadBytes = 0;
/** Wire bytes of sockets already closed. */
let closedWireBytes = 0;
const liveSockets = new Set<net.Socket>();
/** Time the first SyncStep2 frame arrived on the latest socket that asked to be timed. */
let step2ArrivedAt: number | undefined;

/** Bytes received so far: on the TCP sockets (`wire`) and as WebSocket message payloads (`payload`). */
export function bytesReceived(): { wire: number; payload: number } {
  let wire = closedWireBytes;
  for (const socket of liveSockets) wire += socket.bytesRead;
  return { wire, payload: payloadBytes };
}

/** Watches a ws client's TCP socket so its received bytes count in bytesReceived(). */
export function countWire(ws: WebSocket): void {
  ws.once('open', () => {
    const socket = (ws as unknown as { _socket: net.Socket })._socket;
    liveSockets.add(socket);
    socket.once('close', () => {
      liveSockets.delete(socket);
      closedWireBytes += socket.bytesRead;
    });
  });
}

/** The WebSocket the providers use: counts bytes, and notes when the first SyncStep2 arrives. */
class CountingWebSocket extends WebSocket {
  constructor(address: string, protocols?: string | string[]) {
    super(address, protocols);
    countWire(this);
    // The provider sets binaryType 'arraybuffer'.
    this.on('message', (data: ArrayBuffer | Buffer) => {
      payloadBytes += data.byteLength;
      const head = new Uint8Array(data instanceof ArrayBuffer ? data : data.buffer, data instanceof ArrayBuffer ? 0 : data.byteOffset, 2);
      // byte 0: sync message, byte 1: SyncStep2
      if (head[0] === 0 && head[1] === 1) step2ArrivedAt ??= performance.now();
    });
  }
}

/** Forgets the last SyncStep2 arrival; read it back with lastStep2At(). */
export function resetStep2(): void {
  step2ArrivedAt = undefined;
}

/** When the first SyncStep2 since resetStep2() arrived (performance.now()), if it did. */
export function lastStep2At(): number | undefined {
  return step2ArrivedAt;
}

async function api<T>(base: string, method: string, url: string, body?: unknown, token?: string): Promise<T> {
  const request = (): Promise<Response> =>
    fetch(base + url, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  // A POST on a keep-alive socket the server closed as idle in the same instant fails once; fetch does not
  // retry POSTs itself.
  const res = await request().catch(() => request());
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** A board on the server with its participant token. */
export interface Board {
  id: string;
  participant: string;
}

/** POST /api/boards with the default template. */
export async function createBoard(base: string, title: string): Promise<Board> {
  const created = await api<CreateBoardResponse>(base, 'POST', '/api/boards', { title, persona: { name: 'Maria' } });
  const participant = new URL(created.links.participant).hash.replace(/^#token=/, '');
  return { id: created.id, participant };
}

/** Joins a board as a stakeholder from Support. */
export function join(base: string, board: Board, name: string): Promise<JoinResponse> {
  return api<JoinResponse>(base, 'POST', `/api/boards/${board.id}/members`, { name, role: 'stakeholder', department: 'Support' }, board.participant);
}

/** A stock y-websocket client. */
export interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
  memberId: string;
}

/** Connects a stock client to a board on the server and waits for its first sync. */
export async function connect(base: string, board: Board, member: JoinResponse): Promise<Client> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(base.replace(/^http/, 'ws') + '/ws', board.id, doc, {
    WebSocketPolyfill: CountingWebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: { token: board.participant, member: member.memberKey },
  });
  await new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    else provider.once('sync', () => resolve());
  });
  return { doc, provider, memberId: member.memberId };
}

/**
 * Connects a stock client to the bare relay. A relay holds no state and cannot answer the handshake, so
 * the client starts from `initialState` (the same board the server would send) and is ready once open; with
 * `waitForSync` (the apply relay, which answers the handshake from its doc), once synced.
 */
export async function connectRelay(base: string, room: string, initialState: Uint8Array, memberId: string, waitForSync = false): Promise<Client> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, initialState);
  const provider = new WebsocketProvider(base.replace(/^http/, 'ws') + '/ws', room, doc, {
    WebSocketPolyfill: CountingWebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  await new Promise<void>((resolve) => {
    if (waitForSync) {
      if (provider.synced) resolve();
      else provider.once('sync', () => resolve());
    } else if (provider.wsconnected) resolve();
    else provider.on('status', ({ status }: { status: string }) => status === 'connected' && resolve());
  });
  return { doc, provider, memberId };
}

/** Destroys a client's provider and doc. */
export function close(client: Client): void {
  client.provider.destroy();
  client.doc.destroy();
}

/** Percentiles of a sample in ms, two decimals. */
export function percentiles(samples: number[]): { n: number; p50: number; p95: number; p99: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => Number((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN).toFixed(2));
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1) };
}

/** Resolves after `ms`. */
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
