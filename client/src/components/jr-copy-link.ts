/**
 * <jr-copy-link>: a labelled, read-only link with a Copy button. Uses the Clipboard API where the page
 * may (https or localhost) and falls back to selecting the text and copying it (plain http in a room).
 * The board's links look alike (they differ only in their token), so each `kind` gets its own colour, icon
 * and a word saying who it is for.
 */
import { LitElement, css, html, nothing } from 'lit';
import { sharedStyles } from '../styles/shared-styles.js';
import { announce } from '../ui/announce.js';
import { icon, type IconName } from '../ui/icons.js';

/** The links a board hands out, each shown differently. */
export type LinkKind = 'facilitator' | 'participant' | 'projector' | 'join';

const KIND_TAGS: Record<LinkKind, { icon: IconName; tag: string }> = {
  facilitator: { icon: 'key', tag: 'Private: only for you' },
  participant: { icon: 'people', tag: 'Share with people taking part' },
  projector: { icon: 'projector', tag: 'Big screen, read-only' },
  join: { icon: 'phone', tag: 'Short link for phones and laptops' },
};

function isLinkKind(value: string): value is LinkKind {
  return value in KIND_TAGS;
}

export class JrCopyLink extends LitElement {
  static override properties = {
    kind: { reflect: true },
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
      :host([kind]) .field {
        padding: 0.45rem 0.6rem 0.55rem;
        border-left: 6px solid var(--kind-colour);
        border-radius: var(--jr-radius);
        background: var(--kind-soft);
      }
      :host([kind='facilitator']) {
        --kind-colour: var(--jr-danger);
        --kind-soft: var(--jr-danger-soft);
      }
      :host([kind='participant']) {
        --kind-colour: var(--jr-accent);
        --kind-soft: var(--jr-accent-soft);
      }
      :host([kind='projector']) {
        --kind-colour: #30343b;
        --kind-soft: #eceef1;
      }
      :host([kind='join']) {
        --kind-colour: var(--jr-ok);
        --kind-soft: #e4f4e8;
      }
      .head {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        gap: 0.2rem 0.6rem;
      }
      label {
        font-weight: 700;
      }
      .kind-icon {
        align-self: center;
        display: inline-flex;
        margin-right: -0.3rem;
        color: var(--kind-colour);
        font-size: 1.15em;
      }
      .tag {
        font-size: 0.78em;
        font-weight: 700;
        color: var(--kind-colour);
        text-transform: uppercase;
        letter-spacing: 0.04em;
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

  /** which of the board's links this is (sets colour, icon and the "who is it for" tag); none: plain */
  declare kind: string;
  declare label: string;
  declare hint: string;
  declare url: string;
  declare copied: boolean;
  private timer = 0;

  constructor() {
    super();
    this.kind = '';
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
    const kind = isLinkKind(this.kind) ? KIND_TAGS[this.kind] : undefined;
    return html`<div class="field">
      <div class="head">
        ${kind ? html`<span class="kind-icon">${icon(kind.icon)}</span>` : nothing}<label for="link">${this.label}</label>
        ${kind ? html`<span class="tag" data-kind-tag>${kind.tag}</span>` : nothing}
      </div>
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
