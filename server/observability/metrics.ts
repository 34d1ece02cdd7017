/**
 * The Prometheus metrics of one server (prom-client, a registry per server so tests can run several in one
 * process): connections and loaded docs, updates applied and connections refused by close code, store
 * operation latency (commit = `write`) and errors, unstored bytes, and the Redis stream lag.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { BusStatus } from '../scale/bus.js';

/** Store latency buckets in seconds: a local commit is ~1-10 ms, a remote PostgreSQL one ~2-50 ms. */
export const STORE_LATENCY_BUCKETS_S = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** First-sync buckets in seconds: a loaded small board answers in a few ms, a cold 10,000-note one in ~0.1-0.3 s. */
export const FIRST_SYNC_BUCKETS_S = [0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Where a connection's first sync came from: `store` = the stored snapshot sent while its doc was still being
 * loaded (a new client of a cold board), `doc` = the loaded doc.
 */
export type FirstSyncSource = 'store' | 'doc';

/** What the gauges read when scraped. */
export interface MetricsSources {
  connections: () => number;
  loadedDocs: () => number;
  pendingBytes: () => number;
  pendingUpdates: () => number;
  bus: () => BusStatus;
}

/** The metrics of one server and the hooks that feed them. */
export class ServerMetrics {
  readonly registry = new Registry();
  private readonly updates: Counter<'origin'>;
  private readonly refused: Counter<'code'>;
  private readonly storeSeconds: Histogram<'operation'>;
  private readonly storeErrors: Counter<'operation'>;
  private readonly firstSync: Histogram<'source'>;
  /**
   * Updates applied since the last scrape, by origin: counted here and handed to the counter when it is
   * collected. One per applied update: prom-client's `inc` with labels hashes and checks them on every call.
   */
  private readonly applied = { local: 0, remote: 0 };

  constructor(sources: MetricsSources, labels: { instance: string }) {
    const registers = [this.registry];
    this.registry.setDefaultLabels(labels);
    collectDefaultMetrics({ register: this.registry, prefix: 'journeyroom_process_' });
    new Gauge({ name: 'journeyroom_connections', help: 'Open WebSocket connections', registers, collect() {
      this.set(sources.connections());
    } });
    new Gauge({ name: 'journeyroom_docs_loaded', help: 'Docs held in memory (board, session and private docs)', registers, collect() {
      this.set(sources.loadedDocs());
    } });
    new Gauge({ name: 'journeyroom_unstored_bytes', help: 'Bytes of updates received but not yet committed', registers, collect() {
      this.set(sources.pendingBytes());
    } });
    new Gauge({ name: 'journeyroom_unstored_updates', help: 'Updates received but not yet committed', registers, collect() {
      this.set(sources.pendingUpdates());
    } });
    new Gauge({ name: 'journeyroom_redis_up', help: '1 when the Redis link to other instances works, 0 when down; absent (-1) in the embedded mode', registers, collect() {
      const { state } = sources.bus();
      this.set(state === 'up' ? 1 : state === 'down' ? 0 : -1);
    } });
    new Gauge({ name: 'journeyroom_redis_stream_lag_seconds', help: 'Delay between publication and processing of the last stream entry read', registers, collect() {
      this.set(sources.bus().lagMs / 1000);
    } });
    new Gauge({ name: 'journeyroom_redis_publish_failures', help: 'Messages that could not be published to Redis (repaired by the resync after reconnect)', registers, collect() {
      this.set(sources.bus().publishFailures);
    } });
    const applied = this.applied;
    this.updates = new Counter({ name: 'journeyroom_updates_applied_total', help: 'Yjs updates applied, by origin (local: a client or the server here; remote: another instance)', labelNames: ['origin'], registers, collect() {
      for (const origin of ['local', 'remote'] as const) {
        if (applied[origin] === 0) continue;
        this.inc({ origin }, applied[origin]);
        applied[origin] = 0;
      }
    } });
    this.refused = new Counter({ name: 'journeyroom_connections_refused_total', help: 'Connections the server closed, by WebSocket close code (4400 malformed, 4422 invalid update, 1013 try later, ...)', labelNames: ['code'], registers });
    this.storeSeconds = new Histogram({ name: 'journeyroom_store_operation_seconds', help: 'Store operation latency; operation="write" is the commit', labelNames: ['operation'], buckets: STORE_LATENCY_BUCKETS_S, registers });
    this.storeErrors = new Counter({ name: 'journeyroom_store_errors_total', help: 'Store operations that failed', labelNames: ['operation'], registers });
    this.firstSync = new Histogram({
      name: 'journeyroom_first_sync_seconds',
      help: "Server side of a client's first sync: from its upgrade request to the SyncStep2 written to the socket (compressed, when compression applies); source=store: answered from the stored snapshot while the doc loaded, doc: from the loaded doc",
      labelNames: ['source'],
      buckets: FIRST_SYNC_BUCKETS_S,
      registers,
    });
  }

  /** Records a connection's first sync (see journeyroom_first_sync_seconds). */
  firstSyncAnswered(source: FirstSyncSource, seconds: number): void {
    this.firstSync.observe({ source }, seconds);
  }

  /** Counts an applied update. */
  updateApplied(origin: 'local' | 'remote'): void {
    this.applied[origin]++;
  }

  /** Counts a connection the server closed with `code`. */
  connectionRefused(code: number): void {
    this.refused.inc({ code: String(code) });
  }

  /** Records one store operation. */
  storeOperation(operation: string, seconds: number, ok: boolean): void {
    this.storeSeconds.observe({ operation }, seconds);
    if (!ok) this.storeErrors.inc({ operation });
  }

  /** The exposition text and its content type. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

/**
 * Wraps a store so every method returning a promise is timed and its failures counted. A Proxy rather than a
 * hand-written decorator: it stays correct whatever methods the store port grows.
 */
export function measureStore<T extends object>(store: T, metrics: ServerMetrics): T {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string' || property === 'close') return value;
      return (...args: unknown[]): unknown => {
        const started = performance.now();
        const result: unknown = Reflect.apply(value, target, args);
        if (!(result instanceof Promise)) return result;
        return result.then(
          (ok: unknown) => {
            metrics.storeOperation(property, (performance.now() - started) / 1000, true);
            return ok;
          },
          (err: unknown) => {
            metrics.storeOperation(property, (performance.now() - started) / 1000, false);
            throw err;
          },
        );
      };
    },
  });
}
