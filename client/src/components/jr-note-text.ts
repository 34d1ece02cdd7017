/**
 * <jr-note-text>: a note's text, edited together. A textarea bound to the note's Y.Text: local input is
 * written as a minimal diff, remote changes update the textarea and move the caret with the text around
 * it, so typing is never interrupted by someone else's edit.
 */
import { LitElement, css, html, type PropertyValues } from 'lit';
import type * as Y from 'yjs';
import { LIMITS } from '../../../shared/board/schema.js';
import { sharedStyles } from '../styles/shared-styles.js';

/** Shifts a caret position through a Y.Text delta. */
function transformPosition(position: number, delta: Y.YTextEvent['delta']): number {
  let index = 0;
  let result = position;
  for (const op of delta) {
    if (op.retain !== undefined) {
      index += op.retain;
    } else if (op.insert !== undefined) {
      const length = typeof op.insert === 'string' ? op.insert.length : 1;
      // Text inserted exactly at the caret goes before it: someone typing at the same spot pushes us on.
      if (index <= result) result += length;
      index += length;
    } else if (op.delete !== undefined) {
      if (index < result) result -= Math.min(op.delete, result - index);
    }
  }
  return result;
}

export class JrNoteText extends LitElement {
  static override properties = {
    ytext: { attribute: false },
    readOnly: { type: Boolean, attribute: 'read-only' },
    label: {},
  };
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      textarea,
      .text {
        display: block;
        width: 100%;
        min-height: 2.6em;
        margin: 0;
        padding: 0.3rem 0.35rem;
        border: 1px solid transparent;
        border-radius: 6px;
        background: transparent;
        font-size: 1em;
        line-height: 1.35;
        resize: none;
        overflow-wrap: anywhere;
        white-space: pre-wrap;
        field-sizing: content;
      }
      textarea:hover {
        border-color: rgb(0 0 0 / 18%);
      }
      textarea:focus {
        outline: none;
        border-color: var(--jr-focus);
        background: rgb(255 255 255 / 70%);
        box-shadow: 0 0 0 2px var(--jr-focus);
      }
      textarea::placeholder {
        color: #5b6170;
      }
      .text:empty::before {
        content: '…';
        color: var(--jr-muted);
      }
    `,
  ];

  declare ytext: Y.Text | undefined;
  declare readOnly: boolean;
  declare label: string;
  private bound: Y.Text | undefined;
  private textarea: HTMLTextAreaElement | undefined;

  constructor() {
    super();
    this.ytext = undefined;
    this.readOnly = false;
    this.label = 'Note text';
  }

  /** Puts the caret in the text (at the end). */
  override focus(): void {
    const textarea = this.renderRoot.querySelector('textarea');
    if (!textarea) return;
    textarea.focus();
    textarea.setSelectionRange(textarea.value.length, textarea.value.length);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.bind(undefined);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.bind(this.ytext);
  }

  protected override updated(changed: PropertyValues<this>): void {
    this.textarea = this.renderRoot.querySelector('textarea') ?? undefined;
    if (changed.has('ytext') || changed.has('readOnly') || this.bound !== this.ytext) this.bind(this.ytext);
  }

  protected override render() {
    if (this.readOnly) return html`<div class="text" aria-label=${this.label}>${this.ytext?.toString() ?? ''}</div>`;
    return html`<textarea
      aria-label=${this.label}
      placeholder="Type here…"
      maxlength=${LIMITS.noteTextChars}
      rows="2"
      spellcheck="true"
      @input=${this.onInput}
    ></textarea>`;
  }

  private bind(ytext: Y.Text | undefined): void {
    if (this.bound && this.bound !== ytext) this.bound.unobserve(this.onRemote);
    if (ytext && this.bound !== ytext) ytext.observe(this.onRemote);
    this.bound = ytext;
    this.syncFromDoc();
  }

  private syncFromDoc(): void {
    const value = this.bound?.toString() ?? '';
    if (this.textarea && this.textarea.value !== value) this.textarea.value = value;
    if (this.readOnly) this.requestUpdate();
  }

  private readonly onInput = (): void => {
    const textarea = this.textarea;
    if (!textarea) return;
    this.dispatchEvent(new CustomEvent<string>('jr-text-input', { detail: textarea.value, bubbles: true, composed: true }));
    // The write may clean the text (control characters): show what the doc holds.
    const stored = this.bound?.toString();
    if (stored !== undefined && stored !== textarea.value) {
      const caret = textarea.selectionStart;
      textarea.value = stored;
      textarea.setSelectionRange(Math.min(caret, stored.length), Math.min(caret, stored.length));
    }
  };

  private readonly onRemote = (event: Y.YTextEvent, transaction: Y.Transaction): void => {
    const textarea = this.textarea;
    if (this.readOnly || !textarea) return this.syncFromDoc();
    const value = this.bound?.toString() ?? '';
    if (transaction.local && textarea.value === value) return;
    if (this.shadowRoot?.activeElement === textarea) {
      const start = transformPosition(textarea.selectionStart, event.delta);
      const end = transformPosition(textarea.selectionEnd, event.delta);
      const direction = textarea.selectionDirection;
      textarea.value = value;
      textarea.setSelectionRange(start, end, direction);
    } else {
      textarea.value = value;
    }
  };
}

customElements.define('jr-note-text', JrNoteText);

declare global {
  interface HTMLElementTagNameMap {
    'jr-note-text': JrNoteText;
  }
}
