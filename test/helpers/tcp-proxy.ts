/**
 * A TCP forwarder for tests, on port 0: in front of several server instances it plays the load balancer
 * (each new connection goes to the next live target; a dead target is skipped), and in front of PostgreSQL
 * it is the cable a test cuts (`cut()` drops every connection and refuses new ones until `restore()`).
 */
import net from 'node:net';
import { onTestFinished } from 'vitest';

/** Where a connection may be forwarded. */
export interface ProxyTarget {
  host: string;
  port: number;
}

/** A running proxy. */
export interface TcpProxy {
  port: number;
  /** Drops every open connection and refuses new ones. */
  cut(): void;
  /** Accepts and forwards connections again. */
  restore(): void;
  /** Connections forwarded so far, per target port. */
  readonly forwarded: Map<number, number>;
  close(): Promise<void>;
}

/** Starts a proxy forwarding to `targets()` (re-read per connection), round robin; closed after the test. */
export async function startTcpProxy(targets: () => ProxyTarget[]): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  const forwarded = new Map<number, number>();
  let next = 0;
  let isCut = false;

  const connect = (client: net.Socket, candidates: ProxyTarget[], attempt: number): void => {
    const target = candidates[attempt];
    if (!target) {
      client.destroy();
      return;
    }
    const upstream = net.connect(target.port, target.host);
    let connected = false;
    sockets.add(upstream);
    upstream.once('connect', () => {
      connected = true;
      forwarded.set(target.port, (forwarded.get(target.port) ?? 0) + 1);
      client.pipe(upstream);
      upstream.pipe(client);
    });
    upstream.on('error', () => {
      // A dead target: try the next one (nothing was forwarded yet); a broken link drops the client.
      if (!connected) connect(client, candidates, attempt + 1);
    });
    upstream.on('close', () => {
      sockets.delete(upstream);
      if (connected) client.destroy();
    });
    client.once('close', () => upstream.destroy());
  };

  const server = net.createServer((client) => {
    client.on('error', () => undefined);
    if (isCut) {
      client.destroy();
      return;
    }
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    const all = targets();
    const start = all.length > 0 ? next++ % all.length : 0;
    connect(client, [...all.slice(start), ...all.slice(0, start)], 0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  let closed: Promise<void> | undefined;
  const proxy: TcpProxy = {
    port,
    forwarded,
    cut() {
      isCut = true;
      for (const socket of sockets) socket.destroy();
    },
    restore() {
      isCut = false;
    },
    close() {
      closed ??= new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      });
      return closed;
    },
  };
  onTestFinished(() => proxy.close());
  return proxy;
}
