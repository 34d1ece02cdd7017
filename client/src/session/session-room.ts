/**
 * A read connection to a board's facilitator session doc (room `<boardId>/session`), for what everyone
 * shows from it (stage metrics). Only the facilitator's token may write there; this class never writes.
 * Made for the export/metrics UI; a fuller facilitation connection may replace it.
 */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { WS_PATH, roomName } from '../../../shared/protocol.js';
import { defaultWsOrigin } from './board-session.js';

export interface SessionRoomOptions {
  boardId: string;
  token: string;
  /** e.g. `wss://journey.example.org`; default: this page's origin */
  wsOrigin?: string;
}

/** Reconnect backoff ceiling plus jitter, as for the board connection. */
const MAX_BACKOFF_MS = 2500;
const BACKOFF_JITTER_MS = 2500;

/** The live session doc of one board; `dispose()` closes it. */
export class SessionRoom {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  private disposed = false;

  constructor(options: SessionRoomOptions) {
    this.provider = new WebsocketProvider(
      `${options.wsOrigin ?? defaultWsOrigin()}${WS_PATH}`,
      roomName({ boardId: options.boardId, kind: 'session' }),
      this.doc,
      {
        params: { token: options.token },
        // Same reason as the board: every tab talks to the server only.
        disableBc: true,
        maxBackoffTime: MAX_BACKOFF_MS + Math.round(Math.random() * BACKOFF_JITTER_MS),
      },
    );
    // No presence in this room: the board room carries it.
    this.provider.awareness.setLocalState(null);
  }

  /** Closes the socket and frees the doc; idempotent. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.provider.destroy();
    this.doc.destroy();
  }
}
