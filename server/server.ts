/**
 * createServer: express (HTTP API, health, static client) and ws (y-websocket sync) on one HTTP server, the
 * room registry and the write queue. close() stops accepting, closes sockets with 1001, flushes every room and
 * the queue, and closes the store; idempotent.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type PerMessageDeflateOptions, type WebSocket } from 'ws';
import { CLOSE, docRef } from '../shared/protocol.js';
import type { Config } from './config.js';
import { answerFor } from './app-error.js';
import { createApp } from './http/app.js';
import { createRateLimits } from './http/rate-limits.js';
import type { Logger } from './logger.js';
import type { BoardStore } from './persistence/board-store.js';
import { LocalBus, type Bus } from './scale/bus.js';
import { Replication } from './scale/replication.js';
import { ServerMetrics, measureStore } from './observability/metrics.js';
import { RoomRegistry } from './rooms/registry.js';
import { WriteQueue } from './rooms/write-queue.js';
import { Connection, type Grant } from './sync/connection.js';
import { createUpgradeHandler } from './sync/upgrade.js';
import { WriteCoalescer } from './sync/write-coalescer.js';
import { AttendanceTracker } from './facilitation/attendance-tracker.js';
import { createGuessGuard } from './auth/guess-guard.js';
import type { Room } from './rooms/room.js';
import { registryLiveDocs } from './facilitation/live-docs.js';
import { createVoteWatch } from './facilitation/vote-watch.js';
import { createDraftPresence } from './sync/draft-presence.js';
import { companionAddresses } from './sync/companion-docs.js';
import { startIdleGc } from './memory/idle-gc.js';
import { SHUTDOWN_BUDGET } from './shutdown-budget.js';

/** Deadline for a request's headers (including WebSocket upgrades). */
export const HEADERS_TIMEOUT_MS = 15_000;
/** Deadline for a whole request body (JSON and CSV bodies are at most a few hundred KiB). */
export const REQUEST_TIMEOUT_MS = 60_000;
/** Interval of the liveness ping; a socket that did not answer the previous one is cut. */
export const PING_INTERVAL_MS = 30_000;
/** Most fragments of one message (clients do not fragment) and buffered chunks (≈ maxPayload / 1 KiB). */
export const MAX_FRAGMENTS = 64;

/**
 * permessage-deflate for big messages only. Level 1 with a 4 KiB window (2^12) keeps a 10,000-note first sync
 * at about a fifth of its size for ~20 ms of CPU, and a connection's zlib state small (≈ 150 KiB while it
 * compresses); no context takeover: messages this big are rare, so no window is kept between them.
 */
function perMessageDeflate(thresholdBytes: number): PerMessageDeflateOptions | false {
  if (thresholdBytes <= 0) return false;
  return {
    threshold: thresholdBytes,
    serverNoContextTakeover: true,
    clientNoContextTakeover: true,
    serverMaxWindowBits: DEFLATE_WINDOW_BITS,
    clientMaxWindowBits: DEFLATE_WINDOW_BITS,
    zlibDeflateOptions: { level: 1 },
  };
}

/** zlib window of permessage-deflate (both directions): 4 KiB. */
export const DEFLATE_WINDOW_BITS = 12;

/** Dependencies of the server. */
export interface ServerDeps {
  config: Config;
  store: BoardStore;
  logger: Logger;
  /** The channel to other instances (RedisStreamBus with REDIS_URL); default LocalBus. Closed by close(). */
  bus?: Bus;
  /** Which store engine and how to ping it (health); default SQLite, always answering. */
  storeInfo?: { kind: 'sqlite' | 'postgres'; ping: () => Promise<boolean> };
  /** this machine's LAN address for join links (default: the first non-internal IPv4); tests pass their own */
  lanAddress?: () => string | undefined;
}

/** A running (or ready to listen) Journeyroom server. */
export interface JourneyroomServer {
  httpServer: http.Server;
  /** Starts listening on config.host:config.port (0 = any free port). */
  listen(): Promise<{ port: number; url: string }>;
  /** Graceful shutdown; resolves once everything received is stored (or the queue gave up) and the store is closed. */
  close(): Promise<void>;
  registry: RoomRegistry;
  queue: WriteQueue;
  /** attendance of board connections (who, when, how long) */
  attendance: AttendanceTracker;
  /** the channel to other instances */
  bus: Bus;
  /** joins this instance's rooms to the other instances' */
  replication: Replication;
  /** Prometheus metrics (GET /metrics with METRICS_TOKEN) */
  metrics: ServerMetrics;
}

/** Builds the server without listening. */
export function createServer({ config, store: rawStore, logger, bus = new LocalBus(), storeInfo, lanAddress }: ServerDeps): JourneyroomServer {
  // Gauges read the registry and queue lazily at scrape time; both exist (below) before the server listens.
  const metrics: ServerMetrics = new ServerMetrics(
    {
      connections: () => registry.connectionTotal,
      loadedDocs: () => registry.roomCount,
      pendingBytes: () => queue.pendingBytes,
      pendingUpdates: () => queue.pendingUpdates,
      bus: () => bus.status,
    },
    { instance: config.instanceId },
  );
  const store: BoardStore = measureStore(rawStore, metrics);
  const replication = new Replication(bus, logger, metrics);
  const queue = new WriteQueue({
    store,
    flushDelayMs: config.flushDelayMs,
    commitIntervalMs: config.commitIntervalMs,
    compactAfterUpdates: config.compactAfterUpdates,
    maxPendingBytes: config.maxPendingBytes,
    logger,
  });
  // Server-derived facts follow every loaded room, whoever loaded it: draft counts in presence, and the tally of
  // ballots and of a vote's close (each by the instance that accepted the change).
  const onLoaded = (room: Room): void => {
    draftPresence.watch(room);
    watchVotes(room);
  };
  const registry: RoomRegistry = new RoomRegistry({
    store,
    queue,
    logger,
    idleUnloadMs: config.idleUnloadMs,
    replicator: replication,
    onLoaded,
    // New clients waiting for a doc that is being loaded get its stored bytes before the server applies them.
    answerFromStore: async (address, stored) => {
      const key = docRef(address);
      const answers: Promise<void>[] = [];
      for (const conn of connections) {
        if (docRef(conn.grant.address) !== key) continue;
        const answer = conn.answerFromStoredState(stored);
        if (answer) answers.push(answer);
      }
      await Promise.all(answers);
    },
  });
  const liveDocs = registryLiveDocs(registry, (boardId) => replication.catchUp(boardId));
  const draftPresence = createDraftPresence((address) => registry.peek(address));
  const watchVotes = createVoteWatch({ store, docs: liveDocs, peek: (address) => registry.peek(address), logger });
  // Scale-out: the member's other sockets may be on other instances; hold the docs this connection's facts need.
  const scaleOut = bus.status.state !== 'local';
  const attendance = new AttendanceTracker(store, logger);
  const connections = new Set<Connection>();
  const coalescer = new WriteCoalescer();
  // Revoking a link revokes access now: every socket admitted with it (or with a member key made with it) closes
  // with a 44xx code, so the stock client stops reconnecting; sockets of the other credentials are untouched.
  const revokeCredential = (boardId: string, tag: string): void => {
    let closed = 0;
    for (const conn of connections) {
      if (conn.grant.address.boardId !== boardId || !conn.grant.credentialTags.includes(tag)) continue;
      conn.close(CLOSE.revoked, 'the link was replaced by the facilitator');
      closed++;
    }
    logger.info({ boardId, closed }, 'connections of a replaced credential closed');
  };
  const guessGuard = createGuessGuard({ failuresPerWindow: config.authFailuresPerWindow, windowS: config.authFailureWindowS, blockS: config.authBlockS });
  replication.bind({
    peekDoc: (address) => registry.peek(address),
    rooms: () => registry.all(),
    revokeLocal: revokeCredential,
  });
  const app = createApp({
    store,
    registry,
    docs: liveDocs,
    queue,
    clientDir: config.clientDir,
    publicUrl: config.publicUrl,
    bindHost: config.host,
    lanAddress,
    logger,
    attendance,
    revokeCredential: (boardId, tag) => replication.revoke(boardId, tag),
    guessGuard,
    health: { storeKind: storeInfo?.kind ?? 'sqlite', pingStore: storeInfo?.ping ?? (() => Promise.resolve(true)), bus: () => bus.status },
    metrics,
    metricsToken: config.metricsToken,
    rateLimits: createRateLimits({
      boardsPerMinute: config.boardsPerMinute,
      joinLookupsPerMinute: config.joinLookupsPerMinute,
      redis: bus.redis,
      prefix: config.redisPrefix,
    }),
    trustProxyHops: config.trustProxyHops,
  });
  const httpServer = http.createServer(app);
  // A socket that never finishes its request headers (or upgrade) is dropped after this, not Node's 60 s:
  // stalled half-upgrades must not pile up. Whole requests are tiny here.
  httpServer.headersTimeout = HEADERS_TIMEOUT_MS;
  httpServer.requestTimeout = REQUEST_TIMEOUT_MS;
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: config.maxFrameBytes,
    perMessageDeflate: perMessageDeflate(config.compressAboveBytes),
    skipUTF8Validation: false,
    maxFragments: MAX_FRAGMENTS,
    maxBufferedChunks: Math.max(1024, Math.ceil(config.maxFrameBytes / 1024)),
    clientTracking: false,
  });

  const accept = (ws: WebSocket, grant: Grant, connId: string, socket: Duplex, requestedAt: number): void => {
    const { boardId } = grant.address;
    const log = logger.child({ boardId, connId, doc: grant.address.kind, role: grant.role });
    if (registry.connectionCount(boardId) >= config.maxConnectionsPerBoard) {
      log.warn({ limit: config.maxConnectionsPerBoard }, 'connection refused: board is full');
      ws.close(CLOSE.tryAgainLater, 'board is full');
      return;
    }
    registry.addConnection(boardId);
    // Attendance: who was on the board (not the projector), from when and for how long.
    const { memberId } = grant.user;
    const left = grant.address.kind === 'board' && grant.role !== 'projector' && memberId ? attendance.connected(boardId, memberId) : undefined;
    let releaseCompanions = (): void => undefined;
    const conn = new Connection(connId, ws, grant, {
      maxBufferedBytes: config.maxBufferedBytes,
      overMemoryBound: () => queue.overMemoryBound,
      noteClockSkewMs: config.noteClockSkewMs,
      stampPresence: draftPresence.stamp,
      coalesce: { socket, coalescer },
      firstSync: { requestedAt, written: (source, seconds) => metrics.firstSyncAnswered(source, seconds) },
      compressAboveBytes: config.compressAboveBytes,
    }, log, () => {
      if (conn.serverCloseCode !== undefined && conn.serverCloseCode !== CLOSE.goingAway) metrics.connectionRefused(conn.serverCloseCode);
      connections.delete(conn);
      registry.releaseConnection(boardId);
      left?.();
      releaseCompanions();
    });
    connections.add(conn);
    log.debug('connection accepted');
    // The connection attaches once its companions are loaded too, so its first presence is stamped from them;
    // a companion that fails to load only costs its facts (logged), not the connection.
    const companions = Promise.all(
      (scaleOut ? companionAddresses(grant) : []).map((address) =>
        registry.getRoom(address).catch((error: unknown) => {
          log.warn({ err: error, companion: address.kind }, 'companion doc could not be loaded');
          return undefined;
        }),
      ),
    );
    Promise.all([registry.getRoom(grant.address), companions]).then(
      ([room, held]) => {
        const kept = held.filter((r): r is Room => r !== undefined && !r.isDestroyed);
        if (conn.closed) {
          for (const r of [room, ...kept]) registry.releaseIfIdle(r);
          return;
        }
        for (const r of kept) r.hold();
        releaseCompanions = () => {
          releaseCompanions = () => undefined;
          for (const r of kept) r.unhold();
        };
        conn.attach(room);
      },
      (error: unknown) => {
        // The companions are kept from nobody: let them unload if idle.
        void companions.then((held) => held.forEach((r) => r && registry.releaseIfIdle(r)));
        conn.close(answerFor(error).close, 'board could not be loaded');
      },
    );
  };

  const onUpgrade = createUpgradeHandler({ wss, store, allowedOrigins: config.allowedOrigins, logger, guessGuard, onAccepted: accept });
  httpServer.on('upgrade', onUpgrade);

  const ping = setInterval(() => {
    for (const conn of connections) {
      if (!conn.alive) {
        conn.terminate();
        continue;
      }
      conn.alive = false;
      conn.ws.ping();
    }
  }, PING_INTERVAL_MS);
  ping.unref();
  const stopIdleGc = startIdleGc({ roomCount: () => registry.roomCount, roomLoads: () => registry.roomLoads, quietMs: config.idleGcMs, logger });

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      clearInterval(ping);
      stopIdleGc();
      httpServer.off('upgrade', onUpgrade);
      // Refuse new upgrades politely while we shut down.
      httpServer.on('upgrade', (_req, socket) => socket.destroy());
      const stopped = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await registry.close(CLOSE.goingAway);
      for (const conn of connections) conn.close(CLOSE.goingAway, 'server shutting down');
      try {
        await queue.close(SHUTDOWN_BUDGET.queueCloseMs);
      } catch (error) {
        logger.error({ err: error }, 'write queue did not store everything before shutdown');
      }
      replication.close();
      await bus.close();
      httpServer.closeAllConnections();
      await stopped;
      await attendance.settle();
      await store.close();
      logger.info('server closed');
    })();
    return closing;
  };

  const listen = (): Promise<{ port: number; url: string }> =>
    new Promise((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(config.port, config.host, () => {
        httpServer.off('error', reject);
        const { port } = httpServer.address() as AddressInfo;
        const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
        resolve({ port, url: `http://${host.includes(':') ? `[${host}]` : host}:${port}` });
      });
    });

  return { httpServer, listen, close, registry, queue, attendance, bus, replication, metrics };
}
