/**
 * The bus on Redis Streams: one stream per board (`<prefix>:board:<boardId>`). Publishing is one XADD (which
 * also trims entries older than STREAM_RETENTION_MS); one reader connection per instance runs a blocking XREAD
 * over the streams of the boards it has loaded, remembering the last id read per stream. Unlike pub/sub, an
 * instance whose connection drops or lags resumes from that id and misses nothing still retained; what was
 * published while Redis itself was unreachable is repaired by the resync the reconnect triggers.
 */
import { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import { BUS_KIND, type Bus, type BusHandler, type BusKind, type BusMessage, type BusStatus } from './bus.js';

/** Stream entries older than this are trimmed (covers any lag or short disconnect; longer ones resync). */
export const STREAM_RETENTION_MS = 10 * 60_000;
/** Longest a blocking read waits before it is re-issued (new boards interrupt it at once with CLIENT UNBLOCK). */
export const READ_BLOCK_MS = 5_000;
/** Most entries taken per stream in one read. */
export const READ_COUNT = 1_000;
/** Most entries taken per XRANGE page of a replay. */
export const REPLAY_PAGE = 1_000;
/** Pause before re-trying a read that failed (the client reconnects on its own meanwhile). */
export const READ_RETRY_MS = 200;
/** Give up connecting to Redis after this long per attempt (ioredis retries with backoff). */
export const REDIS_CONNECT_TIMEOUT_MS = 3_000;
/** Longest pause between reconnect attempts. */
export const REDIS_RECONNECT_MAX_MS = 2_000;

const KINDS = new Set<string>(Object.values(BUS_KIND));

/** Options of RedisStreamBus. */
export interface RedisBusOptions {
  url: string;
  /** key prefix (REDIS_PREFIX); tests use a fresh one each */
  prefix: string;
  instanceId: string;
  logger: Logger;
}

interface Subscription {
  key: string;
  lastId: string;
  handler: BusHandler;
}

/** Bus over Redis Streams (see the module comment). */
export class RedisStreamBus implements Bus {
  readonly instanceId: string;
  private readonly writer: Redis;
  private readonly reader: Redis;
  private readonly prefix: string;
  private readonly log: Logger;
  private readonly boards = new Map<string, Subscription>();
  private readonly reconnectListeners = new Set<() => void>();
  /** The reader connection's CLIENT ID, to interrupt its blocking read; undefined until known for this connection. */
  private readerClientId: number | undefined;
  private wake: (() => void) | undefined;
  private closed = false;
  private readonly loop: Promise<void>;
  private lagMs = 0;
  private publishFailures = 0;
  private readyOnce = false;

  constructor(options: RedisBusOptions) {
    this.instanceId = options.instanceId;
    this.prefix = options.prefix;
    this.log = options.logger.child({ component: 'redis-bus' });
    const common = {
      protocol: 2 as const,
      connectTimeout: REDIS_CONNECT_TIMEOUT_MS,
      retryStrategy: (attempt: number) => Math.min(REDIS_RECONNECT_MAX_MS, 50 * attempt),
    };
    // The writer fails fast while disconnected (no unbounded offline queue): a failed publish is counted and
    // the resync after reconnect repairs it.
    this.writer = new Redis(options.url, { ...common, enableOfflineQueue: false, maxRetriesPerRequest: 0 });
    this.reader = new Redis(options.url, { ...common, enableOfflineQueue: true, maxRetriesPerRequest: 1 });
    this.writer.on('error', (err: Error) => this.log.debug({ err }, 'redis writer error'));
    this.reader.on('error', (err: Error) => this.log.debug({ err }, 'redis reader error'));
    this.reader.on('close', () => {
      this.readerClientId = undefined;
    });
    this.writer.on('ready', () => {
      if (this.readyOnce) this.log.info('redis is back: resynchronising loaded docs');
      this.readyOnce = true;
      // Anything published while we were cut off is gone: ask the others for what we lack, and offer ours.
      if (this.boards.size > 0) for (const listener of this.reconnectListeners) listener();
    });
    this.writer.on('close', () => {
      if (this.readyOnce && !this.closed) this.log.warn('redis connection lost: serving own clients only until it is back');
    });
    this.loop = this.readLoop();
  }

  /** The writer connection (fails fast while Redis is down). */
  get redis(): Redis {
    return this.writer;
  }

  get status(): BusStatus {
    return { state: this.writer.status === 'ready' ? 'up' : 'down', lagMs: this.lagMs, publishFailures: this.publishFailures };
  }

  async subscribe(boardId: string, handler: BusHandler): Promise<() => void> {
    const key = this.key(boardId);
    const sub: Subscription = { key, lastId: await this.tailId(key), handler };
    this.boards.set(boardId, sub);
    this.interruptRead();
    return () => {
      // The read in progress may still return entries of this stream; without a subscription they are dropped.
      if (this.boards.get(boardId) === sub) this.boards.delete(boardId);
    };
  }

  publish(boardId: string, message: BusMessage): void {
    if (this.closed) return;
    const args: (string | Buffer)[] = [this.key(boardId), 'MINID', '~', String(Date.now() - STREAM_RETENTION_MS), '*'];
    args.push('i', this.instanceId, 't', message.kind, 'd', message.docKey, 'p', toBuffer(message.payload));
    if (message.to) args.push('o', message.to);
    this.writer.callBuffer('XADD', ...args).catch((err: unknown) => {
      this.publishFailures++;
      this.log.debug({ err, boardId, kind: message.kind }, 'publish failed; the resync after reconnect repairs it');
    });
  }

  /**
   * Every retained entry of the board's stream (XADD trims past STREAM_RETENTION_MS), read with XRANGE in pages
   * of REPLAY_PAGE on the writer connection (the reader is busy with its blocking read). Entries of this
   * instance are included: an earlier process may have run under the same INSTANCE_ID.
   */
  async replay(boardId: string): Promise<BusMessage[]> {
    const key = this.key(boardId);
    const messages: BusMessage[] = [];
    let start = '-';
    for (;;) {
      const reply = await this.writer.callBuffer('XRANGE', key, start, '+', 'COUNT', String(REPLAY_PAGE));
      const entries = Array.isArray(reply) ? (reply as unknown[]) : [];
      let lastId: string | undefined;
      for (const entry of entries) {
        if (!Array.isArray(entry) || !Buffer.isBuffer(entry[0]) || !Array.isArray(entry[1])) continue;
        lastId = entry[0].toString();
        const message = parseEntry(entry[1] as unknown[]);
        if (message) messages.push(message);
      }
      if (entries.length < REPLAY_PAGE || lastId === undefined) return messages;
      start = `(${lastId}`;
    }
  }

  onReconnected(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.boards.clear();
    this.wake?.();
    this.reader.disconnect();
    await this.loop;
    await this.writer.quit().catch(() => this.writer.disconnect());
  }

  private key(boardId: string): string {
    return `${this.prefix}:board:${boardId}`;
  }

  /**
   * The id of the newest entry of a stream ('0-0' when empty), to read from. If Redis cannot be asked, the
   * current time: ids are Redis-server milliseconds, so this skips at most what a clock skew hides, and the
   * resync after reconnect repairs that.
   */
  private async tailId(key: string): Promise<string> {
    try {
      const reply = await this.writer.callBuffer('XREVRANGE', key, '+', '-', 'COUNT', '1');
      const first = Array.isArray(reply) ? (reply[0] as unknown) : undefined;
      const id: unknown = Array.isArray(first) ? (first as unknown[])[0] : undefined;
      return Buffer.isBuffer(id) ? id.toString() : '0-0';
    } catch (err) {
      this.log.debug({ err, key }, 'could not read the stream tail; starting from now');
      return `${Date.now()}-0`;
    }
  }

  /** Ends the blocking read in progress (if any) so the next one includes a new stream. */
  private interruptRead(): void {
    this.wake?.();
    if (this.readerClientId !== undefined) {
      this.writer.call('CLIENT', 'UNBLOCK', String(this.readerClientId)).catch((err: unknown) => this.log.debug({ err }, 'CLIENT UNBLOCK failed'));
    }
  }

  private async readLoop(): Promise<void> {
    while (!this.closed) {
      if (this.boards.size === 0) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = undefined;
        continue;
      }
      try {
        if (this.readerClientId === undefined) this.readerClientId = Number(await this.reader.call('CLIENT', 'ID'));
        const subs = [...this.boards.values()];
        const reply = await this.reader.callBuffer(
          'XREAD',
          'COUNT',
          String(READ_COUNT),
          'BLOCK',
          String(READ_BLOCK_MS),
          'STREAMS',
          ...subs.map((s) => s.key),
          ...subs.map((s) => s.lastId),
        );
        this.deliver(reply);
      } catch (err) {
        if (this.closed) return;
        this.log.debug({ err }, 'stream read failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, READ_RETRY_MS));
      }
    }
  }

  /** Hands every entry of an XREAD reply to its board's handler, skipping our own and those meant for others. */
  private deliver(reply: unknown): void {
    if (!Array.isArray(reply)) return; // timeout or CLIENT UNBLOCK: nothing new
    const byKey = new Map([...this.boards.values()].map((s) => [s.key, s]));
    for (const stream of reply as unknown[]) {
      if (!Array.isArray(stream) || !Buffer.isBuffer(stream[0]) || !Array.isArray(stream[1])) continue;
      const sub = byKey.get(stream[0].toString());
      if (!sub) continue;
      for (const entry of stream[1] as unknown[]) {
        if (!Array.isArray(entry) || !Buffer.isBuffer(entry[0]) || !Array.isArray(entry[1])) continue;
        const id = entry[0].toString();
        sub.lastId = id;
        const message = parseEntry(entry[1] as unknown[]);
        if (!message) {
          this.log.warn({ key: sub.key, id }, 'ignoring a malformed stream entry');
          continue;
        }
        if (message.from === this.instanceId || (message.to && message.to !== this.instanceId)) continue;
        this.lagMs = Math.max(0, Date.now() - Number(id.split('-')[0]));
        try {
          sub.handler(message);
        } catch (err) {
          // One bad message must not stop the delivery of the others (nor wedge the loop).
          this.log.error({ err, key: sub.key, id }, 'handling a stream entry failed');
        }
      }
    }
  }
}

/** Parses the field list of one entry; undefined when a field is missing or of the wrong kind. */
function parseEntry(fields: unknown[]): BusMessage | undefined {
  const map = new Map<string, Buffer>();
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const name = fields[i];
    const value = fields[i + 1];
    if (Buffer.isBuffer(name) && Buffer.isBuffer(value)) map.set(name.toString(), value);
  }
  const kind = map.get('t')?.toString();
  const from = map.get('i')?.toString();
  const docKey = map.get('d')?.toString();
  const payload = map.get('p');
  if (!kind || !KINDS.has(kind) || !from || docKey === undefined || !payload) return undefined;
  return { kind: kind as BusKind, docKey, payload: new Uint8Array(payload), from, to: map.get('o')?.toString() };
}

function toBuffer(data: Uint8Array): Buffer {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}
