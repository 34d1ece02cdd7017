/**
 * One WebSocket connection on one room: buffers frames (bounded) until its room is loaded, hands frames to
 * the frame handler, closes itself on a refusal with a logged reason, and guards the socket (text frames,
 * slow consumers, liveness pings).
 */
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import { CLOSE, MESSAGE, type PresenceUser, type Role, type DocAddress } from '../../shared/protocol.js';
import type { Logger } from '../logger.js';
import * as syncProtocol from 'y-protocols/sync';
import type { Room, RoomPeer } from '../rooms/room.js';
import { StoredState } from '../rooms/stored-state.js';
import type { MemberRecord } from '../persistence/board-directory.js';
import { allowedRoots, canWrite } from './access.js';
import { handleFrame, type FrameContext } from './frames.js';
import type { WriteCoalescer } from './write-coalescer.js';
import { AWARENESS_BURST, AWARENESS_RATE_PER_S, BYTE_BURST, BYTE_RATE_PER_S, MESSAGE_BURST, MESSAGE_RATE_PER_S, TokenBucket } from './rate-limit.js';

/**
 * Frames held per connection while its room loads, and how long it may take. A new client may already have
 * the stored doc (answered from the store while the room loads) and write: the bytes bound the memory, the
 * message count only stops floods of tiny frames.
 */
export const EARLY_QUEUE_LIMITS = { messages: 1024, bytes: 1024 * 1024, waitMs: 10_000 } as const;

/**
 * Stored snapshots from this size on are worth waiting for a new client's SyncStep1 before they are applied
 * (answerFromStoredState): about 100 notes, a few ms of Yjs apply; 2,000 notes are about 1 MB and 0.1-0.3 s.
 */
export const WAIT_FOR_FIRST_FRAME_MIN_BYTES = 64 * 1024;

/** What the upgrade decided about a connection. */
export interface Grant {
  address: DocAddress;
  role: Role;
  user: PresenceUser;
  /** the member behind the connection, as stored; undefined for a bare link or the projector */
  member?: MemberRecord;
  /** which credential admitted it (see server/auth/credential-tag.ts): rotating that credential closes it */
  credentialTags: readonly string[];
}

/** Settings a connection needs. */
export interface ConnectionOptions {
  maxBufferedBytes: number;
  overMemoryBound: () => boolean;
  /** how far a new note's createdAt may lie outside the writer's time on the board */
  noteClockSkewMs: number;
  /** stamps the server's presence facts for this connection's grant (see presence-facts.ts) */
  stampPresence?: (grant: Grant, state: Record<string, unknown>) => void;
  /** the upgraded TCP socket under `ws` and the coalescer that batches its writes per event-loop turn */
  coalesce?: { socket: Duplex; coalescer: WriteCoalescer };
  /**
   * Told once, when this connection's first SyncStep2 has been written to the socket: where it came from and
   * the seconds since `requestedAt` (performance.now() when the upgrade request arrived).
   */
  firstSync?: { requestedAt: number; written: (source: 'store' | 'doc', seconds: number) => void };
  /**
   * `ws`'s compression threshold (0 or absent: not compressed). `ws` decides from a message's first fragment
   * alone, so a stored snapshot's first fragment carries at least this many bytes (sendStored).
   */
  compressAboveBytes?: number;
}

/** ws.send options of every frame (one object, not one per send). */
const BINARY = { binary: true } as const;
/**
 * A frame below the compression threshold, marked so: `ws` then goes straight to framing it, without looking up
 * the negotiated deflate parameters or taking its deflate path's branch for every frame (its `Sender.send` held ten
 * times the relays' self time in a fan-out profile, docs/benchmarks.md). What goes on the wire is the same: below
 * the threshold `ws` would not have compressed it either.
 */
const BINARY_UNCOMPRESSED = { binary: true, compress: false } as const;
const FIRST_FRAGMENT = { binary: true, fin: false } as const;
const LAST_FRAGMENT = { binary: true, fin: true } as const;

/** A connection as the room sees it (RoomPeer) plus its lifecycle. */
export class Connection implements RoomPeer {
  private room: Room | undefined;
  private ctx: FrameContext | undefined;
  private early: Uint8Array[] = [];
  private earlyBytes = 0;
  private readonly messageBudget = new TokenBucket(MESSAGE_BURST, MESSAGE_RATE_PER_S);
  private readonly byteBudget = new TokenBucket(BYTE_BURST, BYTE_RATE_PER_S);
  private earlyTimer: NodeJS.Timeout | undefined;
  private closedFlag = false;
  /** the stored snapshot sent as this connection's first sync before its room was loaded */
  private answeredFromStore: StoredState | undefined;
  /** set while answerFromStoredState waits for this connection's first frame; called when it arrives or the socket closes */
  private firstFrameArrived: (() => void) | undefined;
  /** performance.now() of the upgrade request while the first SyncStep2 is still to be sent (and timed) */
  private firstSyncFrom: number | undefined;
  /** frames of at least this many bytes may be compressed (ConnectionOptions.compressAboveBytes); none when 0 */
  private readonly compressFrom: number;
  /** the first close code the server chose for this connection (undefined when the peer closed); for metrics */
  serverCloseCode: number | undefined;
  /** set by pong or any message; cleared by the liveness sweep */
  alive = true;

  constructor(
    readonly id: string,
    readonly ws: WebSocket,
    readonly grant: Grant,
    private readonly options: ConnectionOptions,
    readonly log: Logger,
    private readonly onClosed: (conn: Connection, room: Room | undefined) => void,
  ) {
    this.earlyTimer = setTimeout(() => this.close(CLOSE.tryAgainLater, 'room took too long to load'), EARLY_QUEUE_LIMITS.waitMs);
    this.earlyTimer.unref();
    this.firstSyncFrom = options.firstSync?.requestedAt;
    this.compressFrom = options.compressAboveBytes || Infinity;
    ws.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    ws.on('pong', () => {
      this.alive = true;
    });
    ws.on('error', (error) => this.log.warn({ err: error }, 'socket error'));
    ws.on('close', (code) => this.onClose(code));
  }

  /** True once the socket closed or is closing. */
  get closed(): boolean {
    return this.closedFlag;
  }

  /**
   * While the room loads: if this connection's first frame is a SyncStep1 from an empty doc (a new client),
   * answers it now with the doc's stored snapshot (registry.ts, answerFromStore) and drops that frame. Resolves
   * once the answer is written to the socket, or once the first frame turns out to be something else;
   * undefined when it does not apply. A connection with no frame yet is waited for: a browser sends its
   * SyncStep1 only when its page has run the socket's open event, often after the store has been read, and
   * without the wait it would get its first sync only after the whole doc is applied (the registry bounds the
   * wait, EARLY_ANSWER_WAIT_MS). Only for snapshots big enough that applying them holds the event loop.
   */
  answerFromStoredState(stored: StoredState): Promise<void> | undefined {
    if (this.room || this.closedFlag) return undefined;
    if (this.early.length === 0) {
      if (stored.snapshot.length < WAIT_FOR_FIRST_FRAME_MIN_BYTES) return undefined;
      return new Promise<void>((resolve) => {
        this.firstFrameArrived = resolve;
      }).then(() => this.answerFromStoredState(stored));
    }
    const first = this.early[0]!;
    if (!isEmptySyncStep1(first)) return undefined;
    this.early.shift();
    this.earlyBytes -= first.length;
    this.answeredFromStore = stored;
    return new Promise((resolve) => this.sendTimed(stored, 'store', resolve));
  }

  /** Joins the loaded room and replays the frames that arrived meanwhile. */
  attach(room: Room): void {
    if (this.closedFlag) return;
    clearTimeout(this.earlyTimer);
    this.earlyTimer = undefined;
    this.room = room;
    this.wakeFirstFrameWaiter();
    this.ctx = {
      peer: this,
      room,
      canWrite: canWrite(this.grant.address.kind, this.grant.role),
      role: this.grant.role,
      roots: allowedRoots(this.grant.address.kind),
      user: this.grant.user,
      member: this.grant.member,
      noteClockSkewMs: this.options.noteClockSkewMs,
      stampPresence: this.options.stampPresence && ((state) => this.options.stampPresence?.(this.grant, state)),
      overMemoryBound: this.options.overMemoryBound,
      awarenessBudget: new TokenBucket(AWARENESS_BURST, AWARENESS_RATE_PER_S),
      log: this.log,
    };
    room.join(this, this.answeredFromStore);
    this.answeredFromStore = undefined;
    const early = this.early;
    this.early = [];
    this.earlyBytes = 0;
    for (const frame of early) {
      if (this.closedFlag) return;
      this.process(frame);
    }
  }

  send(data: Uint8Array): void {
    if (!this.readyToSend()) return;
    if (this.firstSyncFrom !== undefined && data[0] === MESSAGE.sync && data[1] === syncProtocol.messageYjsSyncStep2) {
      this.sendTimed(data, 'doc');
      return;
    }
    // No callback: a failed write surfaces as the socket's 'error' event (logged above) and closes it.
    this.ws.send(data, data.length < this.compressFrom ? BINARY_UNCOMPRESSED : BINARY);
  }

  sendStored(stored: StoredState): void {
    if (this.readyToSend()) this.sendTimed(stored, 'doc');
  }

  /**
   * Whether a frame may go now: the socket is open and its peer keeps up (one that does not is closed). Holds
   * the socket's writes until the end of this turn (the coalescer).
   */
  private readyToSend(): boolean {
    if (this.closedFlag || this.ws.readyState !== this.ws.OPEN) return false;
    if (this.ws.bufferedAmount > this.options.maxBufferedBytes) {
      this.close(CLOSE.slowConsumer, 'slow consumer');
      return false;
    }
    const coalesce = this.options.coalesce;
    if (coalesce) coalesce.coalescer.hold(coalesce.socket);
    return true;
  }

  /**
   * Sends a SyncStep2 and, if it is this connection's first, reports when it is written (ConnectionOptions.firstSync).
   * A stored snapshot goes as two fragments of one message (StoredState.parts), sent in the same turn so that
   * nothing else can be sent between them.
   */
  private sendTimed(message: Uint8Array | StoredState, source: 'store' | 'doc', then?: () => void): void {
    const from = this.firstSyncFrom;
    this.firstSyncFrom = undefined;
    const written = (error?: Error): void => {
      if (!error && from !== undefined) this.options.firstSync?.written(source, (performance.now() - from) / 1000);
      then?.();
    };
    if (message instanceof StoredState) {
      const [start, rest] = message.parts(this.options.compressAboveBytes ?? 0);
      if (rest.length === 0) {
        this.ws.send(start, BINARY, written);
      } else {
        this.ws.send(start, FIRST_FRAGMENT);
        this.ws.send(rest, LAST_FRAGMENT, written);
      }
      return;
    }
    this.ws.send(message, BINARY, written);
  }

  close(code: number, reason: string): void {
    this.serverCloseCode ??= code;
    if (this.closedFlag) return;
    this.closedFlag = true;
    clearTimeout(this.earlyTimer);
    this.wakeFirstFrameWaiter();
    const level = code === CLOSE.normal || code === CLOSE.goingAway ? 'debug' : code >= 4400 && code < 4500 ? 'warn' : 'info';
    this.log[level]({ code, reason }, 'closing connection');
    // Leave the room now: nothing more from this socket is applied, its presence goes at once.
    this.leaveRoom();
    this.ws.close(code, reason.slice(0, 120));
    // A peer that never answers the closing handshake is cut after a short grace period.
    setTimeout(() => this.ws.terminate(), 2_000).unref();
  }

  /** Cuts a dead socket without a closing handshake (liveness sweep). */
  terminate(): void {
    this.log.info('terminating unresponsive connection');
    this.ws.terminate();
  }

  private onMessage(data: unknown, isBinary: boolean): void {
    if (this.closedFlag) return;
    this.alive = true;
    if (!isBinary) {
      this.close(CLOSE.unsupportedData, 'text frames are not part of the protocol');
      return;
    }
    const frame = toBytes(data);
    // Flood control: a client over its budget is asked to come back later (1013), not banned.
    if (!this.messageBudget.take(1) || !this.byteBudget.take(frame.length)) {
      this.close(CLOSE.tryAgainLater, 'message rate limit');
      return;
    }
    if (!this.room) {
      this.early.push(frame);
      this.earlyBytes += frame.length;
      this.wakeFirstFrameWaiter();
      if (this.early.length > EARLY_QUEUE_LIMITS.messages || this.earlyBytes > EARLY_QUEUE_LIMITS.bytes) {
        this.close(CLOSE.tryAgainLater, 'too many frames before the room loaded');
      }
      return;
    }
    this.process(frame);
  }

  private process(frame: Uint8Array): void {
    if (!this.ctx) return;
    const result = handleFrame(this.ctx, frame);
    if (!result.ok) this.close(result.code, result.reason);
  }

  private leaveRoom(): void {
    const room = this.room;
    if (room && this.ctx) {
      this.ctx = undefined;
      room.leave(this);
    }
  }

  private wakeFirstFrameWaiter(): void {
    const wake = this.firstFrameArrived;
    this.firstFrameArrived = undefined;
    wake?.();
  }

  private onClose(code: number): void {
    const wasClosed = this.closedFlag;
    this.closedFlag = true;
    clearTimeout(this.earlyTimer);
    this.early = [];
    this.wakeFirstFrameWaiter();
    if (!wasClosed) this.log.debug({ code }, 'connection closed by peer');
    this.leaveRoom();
    this.onClosed(this, this.room);
  }
}

function toBytes(data: unknown): Uint8Array {
  if (data instanceof Uint8Array) return data;
  if (Array.isArray(data)) return Buffer.concat(data as Buffer[]);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(0);
}

/** The y-websocket SyncStep1 of a client whose doc is empty: sync, step 1, a one-byte state vector (0 clients). */
function isEmptySyncStep1(frame: Uint8Array): boolean {
  return frame.length === 4 && frame[0] === MESSAGE.sync && frame[1] === syncProtocol.messageYjsSyncStep1 && frame[2] === 1 && frame[3] === 0;
}
