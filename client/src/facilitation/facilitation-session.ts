/**
 * The facilitation side of one open board: the session doc (room `<boardId>/session`, written only by
 * facilitator connections, read by everyone), this member's private drafts doc (room
 * `<boardId>/private/<memberId>`, only for members) and the server clock. Same token and member key as the
 * board connection, no BroadcastChannel, no presence of its own (presence lives on the board connection).
 */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { WS_PATH, privateDocAddress, roomName, sessionDocAddress } from '../../../shared/protocol.js';
import { defaultWsOrigin } from '../session/board-session.js';
import { fetchServerTime } from './facilitation-api.js';
import { ServerClock } from './server-clock.js';

export interface FacilitationSessionOptions {
  boardId: string;
  token: string;
  /** this person's membership; absent for projector links (then no private doc) */
  member?: { memberId: string; memberKey: string };
  wsOrigin?: string;
  /** the clock to use (tests); default: one sampling GET /api/time */
  clock?: ServerClock;
}

const MAX_BACKOFF_MS = 2500;
const BACKOFF_JITTER_MS = 2500;

function open(url: string, room: string, doc: Y.Doc, params: Record<string, string>): WebsocketProvider {
  const provider = new WebsocketProvider(url, room, doc, {
    params,
    // As for the board: a BroadcastChannel would pass changes between tabs with different rights.
    disableBc: true,
    maxBackoffTime: MAX_BACKOFF_MS + Math.round(Math.random() * BACKOFF_JITTER_MS),
  });
  // Presence is published on the board connection only; do not show up twice.
  provider.awareness.setLocalState(null);
  return provider;
}

export class FacilitationSession {
  /** the session doc: phase, timer, vote, private mode, lock, focus */
  readonly sessionDoc = new Y.Doc();
  readonly sessionProvider: WebsocketProvider;
  /** this member's drafts (silent brainstorm); undefined for the projector */
  readonly privateDoc: Y.Doc | undefined;
  readonly privateProvider: WebsocketProvider | undefined;
  readonly clock: ServerClock;
  /** origin of this person's own session and draft transactions */
  readonly localOrigin = { source: 'journeyroom-facilitation' } as const;
  private disposed = false;

  constructor(readonly options: FacilitationSessionOptions) {
    const url = `${options.wsOrigin ?? defaultWsOrigin()}${WS_PATH}`;
    const params: Record<string, string> = { token: options.token };
    if (options.member) params.member = options.member.memberKey;
    this.sessionProvider = open(url, roomName(sessionDocAddress(options.boardId)), this.sessionDoc, params);
    if (options.member) {
      this.privateDoc = new Y.Doc();
      this.privateProvider = open(
        url,
        roomName(privateDocAddress(options.boardId, options.member.memberId)),
        this.privateDoc,
        params,
      );
    }
    this.clock = options.clock ?? new ServerClock(fetchServerTime);
    this.clock.start();
  }

  get boardId(): string {
    return this.options.boardId;
  }

  /** True once the session doc has had its first sync from the server. */
  get sessionSynced(): boolean {
    return this.sessionProvider.synced;
  }

  /** Closes both sockets and stops the clock; idempotent. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.clock.stop();
    this.sessionProvider.destroy();
    this.privateProvider?.destroy();
    this.sessionDoc.destroy();
    this.privateDoc?.destroy();
  }
}
