/**
 * <jr-confirm-dialog>: a modal question (native <dialog>: focus is trapped, Escape cancels). Any element
 * below asks by firing `jr-confirm` with a ConfirmRequest; the dialog answers through `resolve`.
 */
import { LitElement, css, html } from 'lit';
import { sharedStyles } from '../styles/shared-styles.js';

/** Detail of the `jr-confirm` event. */
export interface ConfirmRequest {
  title: string;
  message: string;
  confirmLabel: string;
  resolve: (confirmed: boolean) => void;
}

/** Asks the nearest <jr-confirm-dialog> above `from`; resolves false when nobody answers. */
export function askConfirm(from: EventTarget, request: Omit<ConfirmRequest, 'resolve'>): Promise<boolean> {
  return new Promise((resolve) => {
    const event = new CustomEvent<ConfirmRequest>('jr-confirm', {
      detail: { ...request, resolve },
      bubbles: true,
      composed: true,
      cancelable: true,
    });
    // An unhandled request (no dialog mounted) is treated as "no": never delete without asking.
    if (from.dispatchEvent(event)) resolve(false);
  });
}

export class JrConfirmDialog extends LitElement {
  static override properties = { request: { state: true } };
  static override styles = [
    sharedStyles,
    css`
      dialog {
        max-width: min(30rem, 92vw);
        padding: 1.25rem 1.4rem;
        border: 1px solid var(--jr-border-strong);
        border-radius: 12px;
        box-shadow: var(--jr-shadow-lift);
        color: var(--jr-text);
      }
      dialog::backdrop {
        background: rgb(15 20 30 / 45%);
      }
      h2 {
        margin: 0 0 0.5rem;
        font-size: 1.2rem;
      }
      p {
        margin: 0 0 1.2rem;
      }
      .actions {
        display: flex;
        justify-content: flex-end;
        gap: 0.6rem;
      }
    `,
  ];

  declare request: ConfirmRequest | undefined;
  private returnFocus: HTMLElement | undefined;

  constructor() {
    super();
    this.request = undefined;
  }

  /** Takes a request; a second one while open cancels the first. */
  open(request: ConfirmRequest): void {
    this.request?.resolve(false);
    this.returnFocus = deepActiveElement();
    this.request = request;
    void this.updateComplete.then(() => {
      const dialog = this.renderRoot.querySelector('dialog');
      if (dialog && !dialog.open) dialog.showModal();
      this.renderRoot.querySelector<HTMLButtonElement>('.cancel')?.focus();
    });
  }

  protected override render() {
    const request = this.request;
    return html`<dialog aria-labelledby="title" aria-describedby="message" @close=${this.onClose}>
      <h2 id="title">${request?.title ?? ''}</h2>
      <p id="message">${request?.message ?? ''}</p>
      <div class="actions">
        <button class="btn cancel" @click=${() => this.answer(false)}>Cancel</button>
        <button class="btn danger solid" @click=${() => this.answer(true)}>${request?.confirmLabel ?? 'OK'}</button>
      </div>
    </dialog>`;
  }

  private answer(confirmed: boolean): void {
    const request = this.request;
    this.request = undefined;
    request?.resolve(confirmed);
    this.renderRoot.querySelector('dialog')?.close();
    this.returnFocus?.focus();
  }

  private readonly onClose = (): void => {
    // Escape closes the dialog natively: that is a "no".
    if (this.request) this.answer(false);
  };
}

/** The focused element, looking through open shadow roots. */
function deepActiveElement(): HTMLElement | undefined {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : undefined;
}

customElements.define('jr-confirm-dialog', JrConfirmDialog);

declare global {
  interface HTMLElementTagNameMap {
    'jr-confirm-dialog': JrConfirmDialog;
  }
}
