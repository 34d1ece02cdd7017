/**
 * <jr-inline-edit>: a title that reads as text and edits in place. Enter or leaving the field saves,
 * Escape restores. While it has focus, a remote rename does not overwrite what the person is typing.
 */
import { LitElement, css, html, type PropertyValues } from 'lit';
import { sharedStyles } from '../styles/shared-styles.js';

export class JrInlineEdit extends LitElement {
  static override properties = {
    value: {},
    label: {},
    readOnly: { type: Boolean, attribute: 'read-only' },
    maxLength: { type: Number, attribute: 'max-length' },
    commit: { attribute: false },
  };
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        min-width: 0;
      }
      input,
      .text {
        display: block;
        width: 100%;
        margin: 0;
        padding: 0.2rem 0.35rem;
        border: 1px solid transparent;
        border-radius: 6px;
        background: transparent;
        font: inherit;
        font-weight: inherit;
        color: inherit;
        text-overflow: ellipsis;
      }
      input:hover {
        border-color: var(--jr-border-strong);
        background: rgb(255 255 255 / 60%);
      }
      input:focus {
        outline: none;
        border-color: var(--jr-focus);
        background: var(--jr-surface);
        box-shadow: 0 0 0 2px var(--jr-focus);
      }
      .text {
        overflow-wrap: break-word;
        hyphens: auto;
      }
    `,
  ];

  declare value: string;
  declare label: string;
  declare readOnly: boolean;
  declare maxLength: number;
  /** Saves a new value; returns false when it was refused (the field then shows the old value). */
  declare commit: (value: string) => boolean;
  private focused = false;

  constructor() {
    super();
    this.value = '';
    this.label = '';
    this.readOnly = false;
    this.maxLength = 200;
    this.commit = () => true;
  }

  protected override updated(changed: PropertyValues<this>): void {
    const input = this.input;
    if (input && changed.has('value') && !this.focused) input.value = this.value;
  }

  /** Focuses the field and selects its text (a header does this right after its stage or lane is added). */
  async focusAndSelect(): Promise<void> {
    await this.updateComplete;
    this.input?.focus();
    this.input?.select();
  }

  private get input(): HTMLInputElement | null {
    return this.renderRoot.querySelector('input');
  }

  protected override render() {
    if (this.readOnly) return html`<span class="text">${this.value}</span>`;
    return html`<input
      .value=${this.value}
      aria-label=${this.label}
      maxlength=${this.maxLength}
      @focus=${() => (this.focused = true)}
      @blur=${this.save}
      @keydown=${this.onKey}
    />`;
  }

  private readonly save = (): void => {
    this.focused = false;
    const input = this.input;
    if (!input) return;
    const next = input.value.trim();
    if (next === this.value) return;
    if (!next || !this.commit(next)) input.value = this.value;
  };

  private readonly onKey = (event: KeyboardEvent): void => {
    const input = this.input;
    if (!input) return;
    if (event.key === 'Enter') {
      event.preventDefault();
      this.save();
      this.focused = true;
      input.select();
    } else if (event.key === 'Escape') {
      input.value = this.value;
      input.select();
    }
  };
}

customElements.define('jr-inline-edit', JrInlineEdit);

declare global {
  interface HTMLElementTagNameMap {
    'jr-inline-edit': JrInlineEdit;
  }
}
