import type { Redis } from 'ioredis';

/**
 * The port between instances: messages about one board published by one instance reach every other instance
 * that listens to that board. The embedded mode uses LocalBus (nothing to reach); REDIS_URL selects
 * RedisStreamBus (redis-bus.ts). Rooms never see Redis: replication.ts turns room events into bus messages.
 */

/** What travels between instances. */
export const BUS_KIND = {
  /** a Yjs update accepted (and stored) by the sending instance */
  update: 'u',
  /** an awareness (presence) update from a client of the sending instance */
  awareness: 'a',
  /** "send me what I lack": the sender's state vector of a doc it just loaded or resynchronised */
  syncRequest: 'q',
  /** the answer to a syncRequest, addressed to its sender: the missing update plus the answerer's state vector */
  syncReply: 'r',
  /** a link was replaced: close the sockets of that role on this board (payload: the role, UTF-8) */
  revoke: 'x',
} as const;
export type BusKind = (typeof BUS_KIND)[keyof typeof BUS_KIND];

/** One message about a board. */
export interface BusMessage {
  kind: BusKind;
  /** storage key of the doc it is about ('' for board-wide messages) */
  docKey: string;
  payload: Uint8Array;
  /** instance that published it (filled in by the bus) */
  from?: string;
  /** only this instance should act on it (sync replies) */
  to?: string;
}

/** Receives the messages of one board from other instances (never the instance's own). */
export type BusHandler = (message: BusMessage) => void;

/** Connection state of the bus, for /healthz and /metrics. */
export interface BusStatus {
  /** 'local' (embedded: no other instances), 'up', or 'down' (Redis unreachable: serving own clients only) */
  state: 'local' | 'up' | 'down';
  /** ms between publication and processing of the last message read */
  lagMs: number;
  /** messages that could not be published (Redis down); repaired by the resync after reconnect */
  publishFailures: number;
}

/** The fan-out port. */
export interface Bus {
  /** This instance's id (messages it publishes carry it). */
  readonly instanceId: string;
  /**
   * Starts listening to a board; resolves once every message published from now on will be delivered.
   * Returns the unsubscribe function. One handler per board and instance.
   */
  subscribe(boardId: string, handler: BusHandler): Promise<() => void>;
  /** Publishes to the other instances listening to `boardId`; never throws (a failure is counted and repaired by resync). */
  publish(boardId: string, message: BusMessage): void;
  /**
   * Every message the board's channel still retains, oldest first, whoever published it (this instance too):
   * the catch-up barrier (Replication.catchUp) reads it. Rejects when the channel cannot be read (Redis down).
   */
  replay(boardId: string): Promise<BusMessage[]>;
  /** Called after the link to the other instances was lost and is back: every loaded doc should resynchronise. */
  onReconnected(listener: () => void): () => void;
  readonly status: BusStatus;
  /** The Redis connection, for other shared counters (rate limits); undefined in the embedded mode. */
  readonly redis?: Redis;
  /** Stops listening and disconnects; idempotent. */
  close(): Promise<void>;
}

/** The embedded mode's bus: one instance, nobody to reach. */
export class LocalBus implements Bus {
  readonly instanceId = 'local';
  readonly status: BusStatus = { state: 'local', lagMs: 0, publishFailures: 0 };

  subscribe(): Promise<() => void> {
    return Promise.resolve(() => undefined);
  }

  publish(): void {
    // Nobody else to tell.
  }

  replay(): Promise<BusMessage[]> {
    // Nobody else accepts anything.
    return Promise.resolve([]);
  }

  onReconnected(): () => void {
    return () => undefined;
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
