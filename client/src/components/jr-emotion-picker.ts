/**
 * <jr-emotion-picker>: how the customer feels at this step, -2..2, as a radio group of faces with words
 * (never colour alone). Fires `jr-emotion-change` with the chosen value.
 */
import { LitElement, css, html, nothing } from 'lit';
import { EMOTIONS, emotionOption } from '../ui/emotions.js';
import { face } from '../ui/icons.js';
import { sharedStyles } from '../styles/shared-styles.js';

export class JrEmotionPicker extends LitElement {
  static override properties = {
    value: { type: Number },
    readOnly: { type: Boolean, attribute: 'read-only' },
  };
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      fieldset {
        margin: 0;
        padding: 0;
        border: 0;
        min-width: 0;
      }
      .faces {
        display: flex;
        gap: 2px;
        align-items: center;
        flex-wrap: wrap;
      }
      label {
        position: relative;
        display: inline-flex;
        align-items: center;
        justify-content: center;
        width: 1.9em;
        height: 1.9em;
        border-radius: 50%;
        font-size: 1.35em;
        cursor: pointer;
        color: #2a2f38;
        filter: grayscale(0.7);
        opacity: 0.75;
        transition: transform var(--jr-motion), opacity var(--jr-motion);
      }
      label:hover {
        opacity: 1;
        filter: none;
      }
      input {
        position: absolute;
        opacity: 0;
        inset: 0;
        margin: 0;
        cursor: pointer;
      }
      label:has(input:checked) {
        filter: none;
        opacity: 1;
        background: rgb(255 255 255 / 85%);
        box-shadow: 0 0 0 2px var(--jr-text);
      }
      label:has(input:focus-visible) {
        outline: 3px solid var(--jr-focus);
        outline-offset: 2px;
      }
      .chosen {
        margin-left: 0.35rem;
        font-size: 0.85em;
        font-weight: 600;
      }
      .static {
        display: inline-flex;
        gap: 0.35em;
        align-items: center;
        font-weight: 600;
      }
      .static .face {
        font-size: 1.3em;
      }
    `,
  ];

  declare value: number | null;
  declare readOnly: boolean;

  constructor() {
    super();
    this.value = null;
    this.readOnly = false;
  }

  protected override render() {
    const chosen = emotionOption(this.value);
    if (this.readOnly) {
      return chosen
        ? html`<span class="static"><span class="face">${face(chosen.value)}</span>${chosen.label}</span>`
        : nothing;
    }
    return html`<fieldset>
      <legend class="visually-hidden">Feeling</legend>
      <div class="faces">
        ${EMOTIONS.map(
          (option) => html`<label title=${option.label}>
            <input
              type="radio"
              name="emotion"
              .value=${String(option.value)}
              .checked=${option.value === this.value}
              aria-label=${option.label}
              @change=${() => this.choose(option.value)}
            />${face(option.value)}
          </label>`,
        )}
        <span class="chosen" aria-hidden="true">${chosen ? chosen.label : 'How does it feel?'}</span>
      </div>
    </fieldset>`;
  }

  private choose(value: number): void {
    this.dispatchEvent(new CustomEvent<number>('jr-emotion-change', { detail: value, bubbles: true, composed: true }));
  }
}

customElements.define('jr-emotion-picker', JrEmotionPicker);

declare global {
  interface HTMLElementTagNameMap {
    'jr-emotion-picker': JrEmotionPicker;
  }
}
