/**
 * <jr-join-code-field>: "Join with a code": one field for the code shown on the projector (any case, with or
 * without dashes), checked before leaving the page, then off to `/j/<code>`.
 */
import { LitElement, css, html } from 'lit';
import { JOIN_CODE_LENGTH, isJoinCode, joinLinkPath, normalizeJoinCode } from '../../../shared/api.js';
import { sharedStyles } from '../styles/shared-styles.js';

export class JrJoinCodeField extends LitElement {
  static override properties = { value: { state: true }, error: { state: true } };
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      form {
        display: grid;
        gap: 0.35rem;
      }
      .row {
        display: flex;
        gap: 0.5rem;
      }
      input {
        flex: 1;
        min-width: 0;
        font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
        letter-spacing: 0.06em;
        text-transform: uppercase;
      }
    `,
  ];

  declare value: string;
  declare error: string;

  constructor() {
    super();
    this.value = '';
    this.error = '';
  }

  private readonly submit = (event: Event): void => {
    event.preventDefault();
    const code = normalizeJoinCode(this.value);
    if (!isJoinCode(code)) {
      this.error = `A join code has ${JOIN_CODE_LENGTH} letters and digits, like ABCD-EFGH-JKMN.`;
      this.renderRoot.querySelector('input')?.focus();
      return;
    }
    location.assign(joinLinkPath(code));
  };

  protected override render() {
    return html`<form @submit=${this.submit} novalidate>
      <label class="label" for="code">Join with a code</label>
      <span class="hint" id="code-hint">The code shown on the projector, e.g. ABCD-EFGH-JKMN.</span>
      <div class="row">
        <input id="code" class="input" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="20"
          aria-describedby="code-hint code-error" aria-invalid=${this.error ? 'true' : 'false'}
          .value=${this.value} @input=${(e: Event) => {
            this.value = (e.target as HTMLInputElement).value;
            this.error = '';
          }} />
        <button class="btn primary">Join</button>
      </div>
      <span id="code-error" class="error" role=${this.error ? 'alert' : 'none'}>${this.error}</span>
    </form>`;
  }
}

customElements.define('jr-join-code-field', JrJoinCodeField);

declare global {
  interface HTMLElementTagNameMap {
    'jr-join-code-field': JrJoinCodeField;
  }
}
