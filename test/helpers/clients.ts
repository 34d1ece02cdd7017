/** Real y-websocket providers and raw ws clients for integration tests, plus a condition-polling waitFor. */
import { onTestFinished } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';

/** Polls `condition` until it returns truthy; throws after `timeoutMs` with `what`. */
export async function waitFor<T>(condition: () => T | Promise<T>, what = 'condition', timeoutMs = 8000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A provider with its doc; destroyed after the test. */
export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** close events the provider saw */
  closes: { code: number; reason: string }[];
  destroy(): void;
}

/** A stock y-websocket client on `room` (e.g. `<id>`, `<id>/session`). */
export function connectClient(wsUrl: string, room: string, params: Record<string, string>, doc = new Y.Doc()): TestClient {
  const provider = new WebsocketProvider(wsUrl, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    connect: true,
    params,
  });
  const closes: { code: number; reason: string }[] = [];
  provider.on('connection-close', (event) => {
    if (event) closes.push({ code: event.code, reason: event.reason });
  });
  let destroyed = false;
  const destroy = (): void => {
    if (destroyed) return;
    destroyed = true;
    provider.destroy();
    doc.destroy();
  };
  onTestFinished(destroy);
  return { doc, provider, closes, destroy };
}

/** Waits until a client finished its first sync. */
export function synced(client: TestClient): Promise<boolean> {
  return waitFor(() => client.provider.synced, 'provider synced');
}

/** A raw ws client: its close event and received frames. */
export interface RawClient {
  ws: WebSocket;
  opened: Promise<void>;
  closed: Promise<{ code: number; reason: string }>;
  frames: Uint8Array[];
}

/** Opens a raw WebSocket (headers e.g. Origin); closed after the test. */
export function rawClient(url: string, headers: Record<string, string> = {}): RawClient {
  const ws = new WebSocket(url, { headers });
  const frames: Uint8Array[] = [];
  ws.on('message', (data: Buffer) => frames.push(new Uint8Array(data)));
  ws.on('error', () => undefined);
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
  opened.catch(() => undefined);
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
  onTestFinished(() => ws.terminate());
  return { ws, opened, closed, frames };
}

/** Resolves with the HTTP status of a refused upgrade. */
export function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('open', () => {
      ws.terminate();
      reject(new Error('upgrade unexpectedly accepted'));
    });
    ws.on('error', () => undefined);
  });
}
