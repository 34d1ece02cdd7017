/** <jr-live-region>: the page's one polite aria-live region; speaks what `announce()` sends. */
import { LitElement, html } from 'lit';
import { ANNOUNCE_EVENT } from '../ui/announce.js';
import { sharedStyles } from '../styles/shared-styles.js';

export class JrLiveRegion extends LitElement {
  static override properties = { message: { state: true } };
  static override styles = [sharedStyles];

  declare message: string;
  private toggle = false;

  constructor() {
    super();
    this.message = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener(ANNOUNCE_EVENT, this.onAnnounce);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener(ANNOUNCE_EVENT, this.onAnnounce);
  }

  protected override render() {
    return html`<div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.message}</div>`;
  }

  private readonly onAnnounce = (event: Event): void => {
    const message = (event as CustomEvent<string>).detail;
    // A trailing non-breaking space on every other message makes repeats ("Edge of the board.") speak again.
    this.toggle = !this.toggle;
    this.message = this.toggle ? message : `${message}\u00a0`;
  };
}

customElements.define('jr-live-region', JrLiveRegion);

declare global {
  interface HTMLElementTagNameMap {
    'jr-live-region': JrLiveRegion;
  }
}
