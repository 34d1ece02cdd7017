/**
 * <jr-undo-toast>: "Note deleted. Undo" for a few seconds after a deletion, or a short error message.
 * The deleted control is gone, so focus moves to Undo (one key away); the offer stays while it is hovered
 * or focused and leaves a few seconds after.
 */
import { LitElement, css, html, nothing } from 'lit';
import { sharedStyles } from '../styles/shared-styles.js';

/** How long the undo offer stays. */
const UNDO_VISIBLE_MS = 8000;
/** How long an error message stays. */
const ERROR_VISIBLE_MS = 6000;

type Toast = { kind: 'undo'; message: string; undo: () => void } | { kind: 'error'; message: string };

export class JrUndoToast extends LitElement {
  static override properties = { toast: { state: true } };
  static override styles = [
    sharedStyles,
    css`
      :host {
        position: fixed;
        left: 50%;
        bottom: 1.2rem;
        transform: translateX(-50%);
        z-index: 20;
      }
      .toast {
        display: flex;
        align-items: center;
        gap: 0.8rem;
        padding: 0.55rem 0.6rem 0.55rem 1rem;
        border-radius: 10px;
        background: #1f2430;
        color: #fff;
        box-shadow: var(--jr-shadow-lift);
        font-weight: 600;
      }
      .toast.error {
        background: var(--jr-danger);
        padding-right: 1rem;
      }
      .undo-btn {
        border-color: #fff;
        background: transparent;
        color: #fff;
      }
      .undo-btn:hover:not(:disabled) {
        background: rgb(255 255 255 / 15%);
        color: #fff;
      }
      .undo-btn:focus-visible {
        outline-color: #9ec1ff;
      }
    `,
  ];

  declare toast: Toast | undefined;
  private timer = 0;
  private held = false;

  constructor() {
    super();
    this.toast = undefined;
  }

  /** Offers to undo a deletion. */
  offerUndo(message: string, undo: () => void): void {
    this.show({ kind: 'undo', message, undo }, UNDO_VISIBLE_MS);
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLButtonElement>('.undo-btn')?.focus());
  }

  /** Shows an error for a few seconds. */
  error(message: string): void {
    this.show({ kind: 'error', message }, ERROR_VISIBLE_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.clearTimeout(this.timer);
  }

  private show(toast: Toast, ms: number): void {
    window.clearTimeout(this.timer);
    this.toast = toast;
    this.timer = window.setTimeout(() => this.expire(), ms);
  }

  private expire(): void {
    if (this.held) {
      this.timer = window.setTimeout(() => this.expire(), 1000);
      return;
    }
    this.toast = undefined;
  }

  protected override render() {
    const toast = this.toast;
    if (!toast) return html`<div role="status" aria-live="polite"></div>`;
    return html`<div
      class="toast ${toast.kind}"
      role=${toast.kind === 'error' ? 'alert' : 'status'}
      aria-live=${toast.kind === 'error' ? 'assertive' : 'polite'}
      @mouseenter=${() => (this.held = true)}
      @mouseleave=${() => (this.held = false)}
      @focusin=${() => (this.held = true)}
      @focusout=${() => (this.held = false)}
    >
      <span>${toast.message}</span>
      ${toast.kind === 'undo'
        ? html`<button class="btn undo-btn" @click=${() => {
            toast.undo();
            this.held = false;
            this.toast = undefined;
          }}>Undo</button>`
        : nothing}
    </div>`;
  }
}

customElements.define('jr-undo-toast', JrUndoToast);

declare global {
  interface HTMLElementTagNameMap {
    'jr-undo-toast': JrUndoToast;
  }
}
