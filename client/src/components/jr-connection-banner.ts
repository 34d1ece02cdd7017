/**
 * <jr-connection-banner>: the connection state in words: connecting, saving…, saved, offline (edits are
 * kept), server busy, or refused (with what the person can do). Announced politely; refusals assertively.
 *
 * The "saving"/"connecting" ring turns only once the state has lasted SPIN_AFTER_MS. A typist's every
 * keystroke is "saving" for a few milliseconds; a ring that spun at once would be an endless animation while
 * someone types, and the browser composites every frame of it (measured in docs/benchmarks.md, "The saving
 * spinner").
 */
import { LitElement, css, html } from 'lit';
import type { ConnectionStatus, ConnectionView } from '../session/connection-status.js';
import { sharedStyles } from '../styles/shared-styles.js';
import { icon } from '../ui/icons.js';

/** How long "saving" or "connecting" lasts before its ring starts to turn: longer is news worth the motion. */
export const SPIN_AFTER_MS = 1000;

export class JrConnectionBanner extends LitElement {
  static override properties = { view: { attribute: false }, status: { attribute: false } };
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      .banner {
        display: inline-flex;
        align-items: center;
        gap: 0.4rem;
        padding: 0.25rem 0.7rem;
        border-radius: 999px;
        border: 1px solid var(--jr-border);
        background: var(--jr-surface);
        font-size: 0.85em;
        font-weight: 600;
        white-space: nowrap;
      }
      .saved {
        color: var(--jr-ok);
        border-color: #9bd3ab;
        background: #eefaf1;
      }
      .saving,
      .connecting {
        color: var(--jr-muted);
      }
      .offline,
      .busy {
        color: #5c3c00;
        background: var(--jr-warn-soft);
        border-color: #d9a300;
        white-space: normal;
      }
      .refused {
        color: var(--jr-danger);
        background: var(--jr-danger-soft);
        border-color: var(--jr-danger);
        white-space: normal;
      }
      .spinner {
        width: 0.8em;
        height: 0.8em;
        border-radius: 50%;
        border: 2px solid currentColor;
        border-right-color: transparent;
      }
      .spinner.turning {
        animation: spin 0.9s linear infinite;
      }
      @keyframes spin {
        to {
          transform: rotate(360deg);
        }
      }
      @media (prefers-reduced-motion: reduce) {
        .spinner,
        .spinner.turning {
          animation: none;
          border-right-color: currentColor;
          opacity: 0.6;
        }
      }
      .detail {
        font-weight: 400;
      }
    `,
  ];

  declare view: ConnectionView | undefined;
  /** when set, the banner follows it itself (view is then the status's current one) */
  declare status: ConnectionStatus | undefined;
  private following: { status: ConnectionStatus; stop: () => void } | undefined;
  /** True once the current waiting state (saving or connecting) has lasted SPIN_AFTER_MS. */
  private turning = false;
  private turnTimer: ReturnType<typeof setTimeout> | undefined;
  /** The waiting state the timer runs for. */
  private waitingFor: ConnectionView['state'] | undefined;

  constructor() {
    super();
    this.view = undefined;
    this.status = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.follow();
    // back in the page: the ring's timer starts again in the next update
    if (this.hasUpdated) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.following?.stop();
    this.following = undefined;
    this.stopTurnTimer();
    this.waitingFor = undefined;
    this.turning = false;
  }

  protected override willUpdate(): void {
    this.follow();
    this.trackWaiting();
  }

  /** Starts the ring's timer when a waiting state begins, and stops it (and the ring) when that state ends. */
  private trackWaiting(): void {
    const state = this.view?.state;
    const waiting = state === 'saving' || state === 'connecting' ? state : undefined;
    if (waiting === this.waitingFor) return;
    this.stopTurnTimer();
    this.waitingFor = waiting;
    this.turning = false;
    if (waiting && this.isConnected)
      this.turnTimer = setTimeout(() => {
        this.turnTimer = undefined;
        this.turning = true;
        this.requestUpdate();
      }, SPIN_AFTER_MS);
  }

  private stopTurnTimer(): void {
    if (this.turnTimer !== undefined) clearTimeout(this.turnTimer);
    this.turnTimer = undefined;
  }

  private follow(): void {
    const status = this.isConnected ? this.status : undefined;
    if (this.following?.status === status) return;
    this.following?.stop();
    this.following = status ? { status, stop: status.subscribe((view) => (this.view = view)) } : undefined;
    if (status) this.view = status.current;
  }

  protected override render() {
    const view = this.view;
    if (!view) return html``;
    const loud = view.state === 'refused';
    const showDetail = view.state === 'offline' || view.state === 'busy' || view.state === 'refused';
    return html`<div
      class="banner ${view.state}"
      role=${loud ? 'alert' : 'status'}
      aria-live=${loud ? 'assertive' : 'polite'}
      title=${view.detail}
      data-state=${view.state}
    >
      ${view.state === 'saved' ? icon('check') : view.state === 'saving' || view.state === 'connecting' ? html`<span class="spinner ${this.turning ? 'turning' : ''}"></span>` : icon('pains')}
      <span>${view.label}</span>
      ${showDetail ? html`<span class="detail">${view.detail}</span>` : html`<span class="visually-hidden">${view.detail}</span>`}
    </div>`;
  }
}

customElements.define('jr-connection-banner', JrConnectionBanner);

declare global {
  interface HTMLElementTagNameMap {
    'jr-connection-banner': JrConnectionBanner;
  }
}
