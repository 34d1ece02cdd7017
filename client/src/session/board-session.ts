/**
 * One open board: its Y.Doc, the y-websocket provider, awareness and the connection status. The only
 * place that talks to the sync endpoint. `dispose()` closes everything.
 */
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { WebsocketProvider } from 'y-websocket';
import type { Awareness } from 'y-protocols/awareness';
import { AUTH_MESSAGE, CLOSE, MESSAGE, WS_PATH, boardDocAddress, roomName, type PresenceState } from '../../../shared/protocol.js';
import { ClientIdReuse, type KeyValueStorage, type Locks } from './client-id-reuse.js';
import { ConnectionStatus } from './connection-status.js';
import { applyQuietly, type UpdateListener } from './quiet-apply.js';
import { SaveTracker } from './save-tracker.js';

export interface BoardSessionOptions {
  boardId: string;
  token: string;
  /** proves who we are to the server; absent for projector links */
  memberKey?: string;
  /** e.g. `wss://journey.example.org`; default: this page's origin */
  wsOrigin?: string;
}

/** y-protocols sync message subtype of a SyncStep1. */
const SYNC_STEP_1 = 0;

/** Reconnect backoff ceiling plus jitter, so a room full of laptops does not reconnect in lockstep. */
const MAX_BACKOFF_MS = 2500;
const BACKOFF_JITTER_MS = 2500;

/** `ws://host` or `wss://host` for this page. */
export function defaultWsOrigin(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}`;
}

/** localStorage and navigator.locks when both exist (secure contexts), else undefined: no client-id reuse. */
function reuseSupport(): { storage: KeyValueStorage; locks: Locks } | undefined {
  try {
    const locks = (navigator as Navigator & { locks?: Locks }).locks;
    const storage = window.localStorage;
    return locks && storage ? { storage, locks } : undefined;
  } catch {
    // Storage disabled by privacy settings: keep the id Yjs drew.
    return undefined;
  }
}

/** The live connection to one board. */
export class BoardSession {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly status = new ConnectionStatus();
  /** Origin of this person's own transactions (the undo manager and the save tracker rely on it). */
  readonly localOrigin = { source: 'journeyroom-local' } as const;
  private readonly saves: SaveTracker;
  private everConnected = false;
  /** the last close was "try again later" (1013) and we have not synced since */
  private busy = false;
  private refusedCode: number | undefined;
  private disposed = false;
  private readonly cleanups: (() => void)[] = [];

  constructor(readonly options: BoardSessionOptions) {
    this.saves = new SaveTracker();
    const params: Record<string, string> = { token: options.token };
    if (options.memberKey) params.member = options.memberKey;
    this.provider = new WebsocketProvider(
      `${options.wsOrigin ?? defaultWsOrigin()}${WS_PATH}`,
      roomName(boardDocAddress(options.boardId)),
      this.doc,
      {
        params,
        // Security: the BroadcastChannel would sync tabs regardless of each tab's rights (a projector
        // tab's edits would leave through a writer tab). Every tab talks to the server only.
        disableBc: true,
        maxBackoffTime: MAX_BACKOFF_MS + Math.round(Math.random() * BACKOFF_JITTER_MS),
      },
    );
    this.onlySendOwnPresence();
    // A fresh awareness state has clock 0, which peers that never saw this client ignore (y-protocols
    // applies a state only when its clock is newer). Setting it once bumps the clock to 1, so we are
    // visible as soon as we connect instead of at the first 15 s renewal.
    this.setPresence({ editing: null, selected: null });
    this.watchSyncMessages();
    this.watchProvider();
    this.watchNetwork();
  }

  get awareness(): Awareness {
    return this.provider.awareness;
  }

  get boardId(): string {
    return this.options.boardId;
  }

  /** The close code if the server refused us for good, else undefined. */
  get refused(): number | undefined {
    return this.refusedCode;
  }

  /** Publishes this person's presence fields (the server stamps `user` itself). */
  setPresence(patch: Omit<PresenceState, 'user'>): void {
    const current = (this.awareness.getLocalState() ?? {}) as PresenceState;
    const next = { ...current, ...patch };
    delete next.user;
    this.awareness.setLocalState(next);
  }

  /** Closes the socket and frees the doc; idempotent. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.awareness.setLocalState(null);
    this.provider.destroy();
    this.doc.destroy();
    this.status.dispose();
  }

  /**
   * The stock provider re-sends every awareness change it hears, other people's included; the server
   * drops those (a connection may only speak for its own clients), so they are pure traffic, n² per
   * renewal. Only this tab's own changes go out.
   */
  private onlySendOwnPresence(): void {
    const send = this.provider._awarenessUpdateHandler;
    const filtered = (changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      if (origin !== this.provider) return send(changes, origin);
      // A remote removal of our own state makes y-protocols bump our clock: say again that we are here.
      const self = this.doc.clientID;
      if ([...changes.added, ...changes.updated, ...changes.removed].includes(self)) {
        send({ added: [], updated: [self], removed: [] }, origin);
      }
    };
    this.awareness.off('update', send);
    this.awareness.on('update', filtered);
    this.provider._awarenessUpdateHandler = filtered;
  }

  /**
   * Follows the provider's writes and the server's "saved" messages (see save-tracker): the sync handler's
   * reply to a SyncStep1 is one write; an auth message of subtype `saved` acknowledges writes. Other auth
   * messages go to the stock handler.
   */
  private watchSyncMessages(): void {
    const sync = this.provider.messageHandlers[MESSAGE.sync];
    const auth = this.provider.messageHandlers[MESSAGE.auth];
    if (!sync || !auth) throw new Error('y-websocket has no sync or auth handler');
    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      if (origin === this.provider) return;
      this.saves.localUpdate(this.provider.wsconnected);
      this.updateLive();
    };
    // Both 'update' listeners ignore what the provider applies: Yjs need not encode it for them (quiet-apply.ts).
    const quiet: UpdateListener[] = [this.provider._updateHandler, onUpdate];
    this.provider.messageHandlers[MESSAGE.sync] = (encoder, decoder, provider, emitSynced, messageType) => {
      const step1 = decoding.readVarUint(decoding.clone(decoder)) === SYNC_STEP_1;
      applyQuietly(this.doc, this.provider, quiet, () => sync(encoder, decoder, provider, emitSynced, messageType));
      if (step1) this.saves.repliedToStep1();
      this.updateLive();
    };
    this.provider.messageHandlers[MESSAGE.auth] = (encoder, decoder, provider, emitSynced, messageType) => {
      const peek = decoding.clone(decoder);
      if (decoding.readVarUint(peek) !== AUTH_MESSAGE.saved) return auth(encoder, decoder, provider, emitSynced, messageType);
      this.saves.savedUpTo(decoding.readVarUint(peek));
      this.updateLive();
    };
    const onStatus = ({ status }: { status: string }) => {
      if (status === 'connected') this.saves.socketOpened();
    };
    this.provider.on('status', onStatus);
    this.cleanups.push(() => this.provider.off('status', onStatus));
    this.doc.on('update', onUpdate);
    this.cleanups.push(() => this.doc.off('update', onUpdate));
  }

  private updateLive(): void {
    if (this.refusedCode !== undefined) return;
    if (this.provider.wsconnected && this.provider.synced) this.status.live(this.saves.saved);
  }

  private watchProvider(): void {
    const onStatus = ({ status }: { status: 'connected' | 'disconnected' | 'connecting' }) => {
      if (this.refusedCode !== undefined || status === 'connected') return;
      if (this.busy) this.status.busy();
      else if (status === 'connecting') this.status.connecting(this.everConnected || this.status.current.state === 'offline');
      else this.status.offline();
    };
    const onSync = (synced: boolean) => {
      if (!synced) return;
      if (!this.everConnected) this.reuseClientId();
      this.everConnected = true;
      this.busy = false;
      this.updateLive();
    };
    const onClose = (event: CloseEvent | null) => {
      this.busy = event?.code === CLOSE.tryAgainLater;
      if (this.busy) this.status.busy();
      else if (!this.everConnected && this.refusedCode === undefined) this.status.unreachable();
    };
    const onClosed = ({ code }: { code: number }) => {
      this.refusedCode = code;
      this.status.refused(code);
    };
    this.provider.on('status', onStatus);
    this.provider.on('sync', onSync);
    this.provider.on('connection-close', onClose);
    this.provider.on('closed', onClosed);
    this.cleanups.push(() => {
      this.provider.off('status', onStatus);
      this.provider.off('sync', onSync);
      this.provider.off('connection-close', onClose);
      this.provider.off('closed', onClosed);
    });
  }

  /**
   * After the first sync, a member's tab moves onto a client id this browser used before (client-id-reuse.ts),
   * so that the board's doc does not collect a new id per page load. Read-only tabs (the projector) write
   * nothing under any id and keep theirs.
   */
  private reuseClientId(): void {
    const support = this.options.memberKey ? reuseSupport() : undefined;
    if (!support || this.disposed) return;
    const reuse = new ClientIdReuse(this.doc, this.awareness, this.boardId, support.storage, support.locks);
    this.cleanups.push(() => reuse.dispose());
    reuse.adopt().catch((error: unknown) => console.warn('journeyroom: no client id reused', error));
  }

  /** Reconnects at once when the network or the tab comes back, instead of waiting for the backoff. */
  private watchNetwork(): void {
    const retry = () => {
      if (this.refusedCode !== undefined || this.provider.wsconnected || this.provider.ws) return;
      this.provider.connect();
    };
    const onVisible = () => {
      if (document.visibilityState === 'visible') retry();
    };
    const onOffline = () => {
      // The browser knows before the socket times out (a close handshake cannot even complete offline):
      // drop the socket now, tell the person, and keep trying in the background.
      if (this.refusedCode !== undefined || !this.provider.ws) return;
      this.provider.disconnect();
      this.provider.connect();
    };
    window.addEventListener('online', retry);
    window.addEventListener('offline', onOffline);
    document.addEventListener('visibilitychange', onVisible);
    this.cleanups.push(() => {
      window.removeEventListener('online', retry);
      window.removeEventListener('offline', onOffline);
      document.removeEventListener('visibilitychange', onVisible);
    });
  }
}
