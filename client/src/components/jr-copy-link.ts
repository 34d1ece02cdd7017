/**
 * <jr-copy-link>: a labelled, read-only link with a Copy button. Uses the Clipboard API where the page
 * may (https or localhost) and falls back to selecting the text and copying it (plain http in a room).
 */
import { LitElement, css, html } from 'lit';
import { sharedStyles } from '../styles/shared-styles.js';
import { announce } from '../ui/announce.js';

export class JrCopyLink extends LitElement {
  static override properties = {
    label: {},
    hint: {},
    url: {},
    copied: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      .row {
        display: flex;
        gap: 0.5rem;
      }
      input {
        flex: 1;
        min-width: 0;
        font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
        font-size: 0.85em;
        background: var(--jr-surface-2);
      }
      .btn {
        min-width: 6.5rem;
      }
    `,
  ];

  declare label: string;
  declare hint: string;
  declare url: string;
  declare copied: boolean;
  private timer = 0;

  constructor() {
    super();
    this.label = '';
    this.hint = '';
    this.url = '';
    this.copied = false;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.clearTimeout(this.timer);
  }

  protected override render() {
    return html`<div class="field">
      <label for="link">${this.label}</label>
      ${this.hint ? html`<span class="hint" id="hint">${this.hint}</span>` : ''}
      <div class="row">
        <input id="link" class="input" readonly .value=${this.url} aria-describedby="hint" @focus=${(e: FocusEvent) => (e.target as HTMLInputElement).select()} />
        <button class="btn" aria-label=${`Copy ${this.label.toLowerCase()}`} @click=${this.copy}>${this.copied ? 'Copied ✓' : 'Copy'}</button>
      </div>
    </div>`;
  }

  private readonly copy = async (): Promise<void> => {
    let ok = false;
    if (navigator.clipboard && window.isSecureContext) {
      try {
        await navigator.clipboard.writeText(this.url);
        ok = true;
      } catch (error) {
        console.warn('journeyroom: clipboard write refused, falling back to selection', error);
      }
    }
    if (!ok) {
      const input = this.renderRoot.querySelector('input');
      input?.focus();
      input?.select();
      // execCommand is deprecated but is the only copy path on plain-http pages.
      ok = document.execCommand('copy');
    }
    announce(ok ? `${this.label} copied.` : `Could not copy. The ${this.label.toLowerCase()} is selected: press Ctrl+C.`);
    this.copied = ok;
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => (this.copied = false), 2000);
  };
}

customElements.define('jr-copy-link', JrCopyLink);

declare global {
  interface HTMLElementTagNameMap {
    'jr-copy-link': JrCopyLink;
  }
}
