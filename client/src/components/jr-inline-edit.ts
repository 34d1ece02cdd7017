/**
 * <jr-inline-edit>: a title that reads as text and edits in place. Enter or leaving the field saves what the
 * person typed (tabbing through writes nothing), Escape restores. A rename made elsewhere shows at once unless
 * the person is typing in the field.
 */
import { LitElement, css, html } from 'lit';
import { sharedStyles } from '../styles/shared-styles.js';
import { FieldDraft } from '../ui/field-draft.js';

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
  private readonly draft = new FieldDraft('');

  constructor() {
    super();
    this.value = '';
    this.label = '';
    this.readOnly = false;
    this.maxLength = 200;
    this.commit = () => true;
  }

  // Runs after every render, not only when `value` changed: a field that was re-created (read-only and back)
  // must show the stored value again, never stay empty.
  protected override updated(): void {
    const input = this.input;
    // read-only now (locked): typing that can no longer be saved is dropped, not written later
    if (!input) this.draft.discard();
    const shown = this.draft.sync(this.value);
    if (input && shown !== undefined && input.value !== shown) input.value = shown;
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
    // no `.value` binding: updated() decides what the field shows, so a re-render never replaces typing
    return html`<input
      aria-label=${this.label}
      maxlength=${this.maxLength}
      @input=${() => this.draft.markEdited()}
      @blur=${this.save}
      @keydown=${this.onKey}
    />`;
  }

  private readonly save = (): void => {
    const input = this.input;
    if (!input) return;
    const next = this.draft.take(input.value.trim());
    if (next === undefined) return;
    if (!next || !this.commit(next)) input.value = this.draft.discard();
  };

  private readonly onKey = (event: KeyboardEvent): void => {
    const input = this.input;
    if (!input) return;
    if (event.key === 'Enter') {
      event.preventDefault();
      this.save();
      input.select();
    } else if (event.key === 'Escape') {
      input.value = this.draft.discard();
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
