/**
 * The connection-status state machine shown by the banner: connecting -> live (saving | saved) ->
 * offline -> live ..., or refused (terminal). Fed by the provider's events and by the save tracker.
 */
import { CLOSE } from '../../../shared/protocol.js';

/** What the banner shows. */
export const CONNECTION_STATES = ['connecting', 'saving', 'saved', 'offline', 'busy', 'refused'] as const;
export type ConnectionState = (typeof CONNECTION_STATES)[number];

export interface ConnectionView {
  state: ConnectionState;
  /** short label, e.g. "Saved" */
  label: string;
  /** one sentence for people, e.g. what happens to their edits */
  detail: string;
  /** close code of a refusal, when state is `refused` */
  code?: number;
}

/** What a close code means for a person, for permanent refusals. */
export function refusalMessage(code: number): string {
  switch (code) {
    case CLOSE.unauthorized:
      return 'This link is not valid (any more). Ask the facilitator for a new one.';
    case CLOSE.forbidden:
      return 'This link may not open this board.';
    case CLOSE.notFound:
      return 'This board does not exist. Check the link.';
    case CLOSE.notPermitted:
      return 'The server refused a change your role may not make. Reload to continue.';
    case CLOSE.revoked:
      return 'The facilitator replaced this link. Ask for the new one.';
    case CLOSE.tooManyAttempts:
      return 'Too many failed attempts from this network. Wait a few minutes, then reload.';
    case CLOSE.contentTooLarge:
      return 'An edit was too large for the board and was refused. Reload to continue.';
    case CLOSE.invalidUpdate:
    case CLOSE.malformed:
      return 'The server refused a message from this page. Reload to continue.';
    default:
      return `The server closed the connection (code ${code}). Reload to try again.`;
  }
}

type Listener = (view: ConnectionView) => void;

/** Holds the current view and notifies listeners when it changes. */
export class ConnectionStatus {
  private view: ConnectionView = {
    state: 'connecting',
    label: 'Connecting…',
    detail: 'Opening the board.',
  };
  private readonly listeners = new Set<Listener>();

  get current(): ConnectionView {
    return this.view;
  }

  /** Subscribes; returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  connecting(everConnected: boolean): void {
    // Once we were connected (or failed to), a new attempt is no news for the person: keep the message.
    if (everConnected) {
      if (this.view.state !== 'offline') this.offline();
      return;
    }
    this.set({ state: 'connecting', label: 'Connecting…', detail: 'Opening the board.' });
  }

  live(saved: boolean): void {
    this.set(
      saved
        ? { state: 'saved', label: 'Saved', detail: 'All changes are stored on the server.' }
        : { state: 'saving', label: 'Saving…', detail: 'Your latest changes are on their way to the server.' },
    );
  }

  offline(): void {
    if (this.view.state === 'refused') return;
    this.set({
      state: 'offline',
      label: 'Offline',
      detail: 'Your edits are kept and will sync when you’re back. Reconnecting…',
    });
  }

  /** The first connection failed: nothing to lose yet, but the person should know we keep trying. */
  unreachable(): void {
    if (this.view.state === 'refused') return;
    this.set({ state: 'offline', label: 'Cannot connect', detail: 'The board server cannot be reached. Retrying…' });
  }

  busy(): void {
    if (this.view.state === 'refused') return;
    this.set({ state: 'busy', label: 'Server busy', detail: 'The board is full or the server is busy. Retrying shortly; your edits are kept.' });
  }

  refused(code: number): void {
    this.set({ state: 'refused', label: 'Not connected', detail: refusalMessage(code), code });
  }

  private set(view: ConnectionView): void {
    if (view.state === this.view.state && view.detail === this.view.detail) return;
    this.view = view;
    for (const listener of this.listeners) listener(view);
  }
}
