/**
 * The connection-status state machine shown by the banner: connecting -> live (saving | saved) ->
 * offline -> live ..., or refused (terminal). Fed by the provider's events and by the save tracker.
 *
 * Two timings make it calm for someone typing. Every keystroke is unacknowledged for a few milliseconds, so
 * "Saved" comes back only once everything has been acknowledged for SAVED_SETTLE_MS: a run of typing reads
 * "Saving…" once instead of flickering (and being announced) at every key, and never says "Saved" early.
 * And a wait is `slow` (the banner's ring turns) only once edits have waited SLOW_AFTER_MS for the server,
 * or the first connection has taken that long.
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
  /** saving or connecting has lasted SLOW_AFTER_MS */
  slow?: boolean;
}

/** How long everything must have been acknowledged before the view says "Saved" again. */
export const SAVED_SETTLE_MS = 750;
/** How long edits wait for the server (or the first connection takes) before the view calls it slow. */
export const SLOW_AFTER_MS = 1000;

const SAVING: ConnectionView = { state: 'saving', label: 'Saving…', detail: 'Your latest changes are on their way to the server.' };
const SAVED: ConnectionView = { state: 'saved', label: 'Saved', detail: 'All changes are stored on the server.' };
const CONNECTING: ConnectionView = { state: 'connecting', label: 'Connecting…', detail: 'Opening the board.' };

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
  private view: ConnectionView = CONNECTING;
  private readonly listeners = new Set<Listener>();
  /** True while some edit is not acknowledged (the save tracker's latest word while live). */
  private unsaved = false;
  /** Fires SAVED_SETTLE_MS after everything was acknowledged, to show "Saved". */
  private settleTimer: ReturnType<typeof setTimeout> | undefined;
  /** Fires SLOW_AFTER_MS into a wait (unacknowledged edits, or the first connection), to mark it slow. */
  private slowTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    this.armSlow();
  }

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
    if (this.view.state === 'connecting') return;
    this.leaveLive();
    this.set(CONNECTING);
    this.armSlow();
  }

  /** Connected and synced: `saved` is true when the server acknowledged every edit. */
  live(saved: boolean): void {
    if (!saved) {
      this.clearSettle();
      if (!this.unsaved) {
        this.unsaved = true;
        this.clearSlow();
        this.armSlow();
      }
      if (this.view.state !== 'saving') this.set(SAVING);
      return;
    }
    this.unsaved = false;
    this.clearSlow();
    if (this.view.state !== 'saving') {
      // connecting, back online, or already saved: nothing was shown as pending, so no need to settle
      this.set(SAVED);
      return;
    }
    if (this.view.slow) this.set(SAVING);
    this.settleTimer ??= setTimeout(() => {
      this.settleTimer = undefined;
      this.set(SAVED);
    }, SAVED_SETTLE_MS);
  }

  /** Stops the timers (the board closed). */
  dispose(): void {
    this.leaveLive();
  }

  offline(): void {
    if (this.view.state === 'refused') return;
    this.leaveLive();
    this.set({
      state: 'offline',
      label: 'Offline',
      detail: 'Your edits are kept and will sync when you’re back. Reconnecting…',
    });
  }

  /** The first connection failed: nothing to lose yet, but the person should know we keep trying. */
  unreachable(): void {
    if (this.view.state === 'refused') return;
    this.leaveLive();
    this.set({ state: 'offline', label: 'Cannot connect', detail: 'The board server cannot be reached. Retrying…' });
  }

  busy(): void {
    if (this.view.state === 'refused') return;
    this.leaveLive();
    this.set({ state: 'busy', label: 'Server busy', detail: 'The board is full or the server is busy. Retrying shortly; your edits are kept.' });
  }

  refused(code: number): void {
    this.leaveLive();
    this.set({ state: 'refused', label: 'Not connected', detail: refusalMessage(code), code });
  }

  /** Leaving the live states: what was pending there no longer drives the view. */
  private leaveLive(): void {
    this.unsaved = false;
    this.clearSettle();
    this.clearSlow();
  }

  private armSlow(): void {
    this.slowTimer = setTimeout(() => {
      this.slowTimer = undefined;
      const waiting = this.view.state === 'connecting' || (this.view.state === 'saving' && this.unsaved);
      if (waiting) this.set({ ...this.view, slow: true });
    }, SLOW_AFTER_MS);
  }

  private clearSlow(): void {
    if (this.slowTimer !== undefined) clearTimeout(this.slowTimer);
    this.slowTimer = undefined;
  }

  private clearSettle(): void {
    if (this.settleTimer !== undefined) clearTimeout(this.settleTimer);
    this.settleTimer = undefined;
  }

  private set(view: ConnectionView): void {
    if (view.state === this.view.state && view.detail === this.view.detail && view.slow === this.view.slow) return;
    this.view = view;
    for (const listener of this.listeners) listener(view);
  }
}
