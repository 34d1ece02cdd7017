/**
 * <jr-connection-banner>: the connection state in words: connecting, saving…, saved, offline (edits are
 * kept), server busy, or refused (with what the person can do). Announced politely; refusals assertively.
 *
 * The "saving"/"connecting" ring turns only when the wait is slow (ConnectionView.slow). A ring that turned
 * whenever anything was pending would run an endless animation while someone types, and the browser
 * composites every frame of it (measured in docs/benchmarks.md, "The saving ring").
 */
import { LitElement, css, html } from 'lit';
import type { ConnectionStatus, ConnectionView } from '../session/connection-status.js';
import { sharedStyles } from '../styles/shared-styles.js';
import { icon } from '../ui/icons.js';

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

  constructor() {
    super();
    this.view = undefined;
    this.status = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.follow();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.following?.stop();
    this.following = undefined;
  }

  protected override willUpdate(): void {
    this.follow();
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
      ${view.state === 'saved' ? icon('check') : view.state === 'saving' || view.state === 'connecting' ? html`<span class="spinner ${view.slow ? 'turning' : ''}"></span>` : icon('pains')}
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
