/**
 * <jr-join-form>: joining a board with a name, and for participants whether they are a customer or a
 * stakeholder and from which department (suggestions, free text allowed; required for stakeholders).
 * Validates before sending and fires `jr-join` with a JoinRequest; server errors come back via `error`.
 */
import { LitElement, css, html, nothing } from 'lit';
import type { JoinRequest } from '../../../shared/api.js';
import { DEPARTMENTS, LIMITS, cleanLine } from '../../../shared/board/schema.js';
import type { JoinRole } from '../../../shared/protocol.js';
import { choiceStyles } from '../styles/choice-styles.js';
import { sharedStyles } from '../styles/shared-styles.js';

type FieldErrors = Partial<Record<'name' | 'role' | 'department', string>>;

export class JrJoinForm extends LitElement {
  static override properties = {
    boardTitle: { attribute: 'board-title' },
    facilitator: { type: Boolean },
    busy: { type: Boolean },
    error: {},
    joinRole: { state: true },
    errors: { state: true },
  };
  static override styles = [
    sharedStyles,
    choiceStyles,
    css`
      :host {
        display: block;
      }
      form {
        display: grid;
        gap: 1.1rem;
      }
      fieldset {
        margin: 0;
        padding: 0;
        border: 0;
        display: grid;
        gap: 0.4rem;
      }
      legend {
        font-weight: 600;
        margin-bottom: 0.4rem;
        padding: 0;
      }
      .choices {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: 0.6rem;
      }
      .choice {
        background: var(--jr-surface);
      }
      .choice input {
        margin-top: 0.2rem;
      }
      .choice strong {
        display: block;
      }
      .choice span {
        font-size: 0.88em;
        color: var(--jr-muted);
      }
      .submit {
        justify-self: start;
        min-width: 10rem;
        min-height: 2.6rem;
      }
    `,
  ];

  declare boardTitle: string;
  declare facilitator: boolean;
  declare busy: boolean;
  declare error: string;
  declare joinRole: JoinRole | undefined;
  declare errors: FieldErrors;

  constructor() {
    super();
    this.boardTitle = '';
    this.facilitator = false;
    this.busy = false;
    this.error = '';
    this.joinRole = undefined;
    this.errors = {};
  }

  protected override firstUpdated(): void {
    this.renderRoot.querySelector<HTMLInputElement>('#name')?.focus();
  }

  protected override render() {
    const e = this.errors;
    return html`<form novalidate @submit=${this.onSubmit} aria-describedby=${this.error ? 'form-error' : nothing}>
      ${this.error ? html`<div class="error-box" id="form-error" role="alert">${this.error}</div>` : nothing}
      <div class="field">
        <label for="name">Your name</label>
        <input id="name" name="name" class="input" autocomplete="name" maxlength=${LIMITS.nameChars} required
          aria-invalid=${e.name ? 'true' : 'false'} aria-describedby=${e.name ? 'name-error' : nothing} />
        ${e.name ? html`<span class="error" id="name-error">${e.name}</span>` : nothing}
      </div>
      ${this.facilitator
        ? nothing
        : html`<fieldset aria-describedby=${e.role ? 'role-error' : nothing}>
              <legend>I am…</legend>
              <div class="choices">
                <label class="choice">
                  <input type="radio" name="role" value="customer" .checked=${this.joinRole === 'customer'} @change=${() => this.pick('customer')} />
                  <div><strong>a customer</strong><span>I speak for the persona’s experience</span></div>
                </label>
                <label class="choice">
                  <input type="radio" name="role" value="stakeholder" .checked=${this.joinRole === 'stakeholder'} @change=${() => this.pick('stakeholder')} />
                  <div><strong>a stakeholder</strong><span>I work in a department on this journey</span></div>
                </label>
              </div>
              ${e.role ? html`<span class="error" id="role-error">${e.role}</span>` : nothing}
            </fieldset>
            <div class="field">
              <label for="department">Department${this.joinRole === 'stakeholder' ? '' : ' (optional)'}</label>
              <span class="hint" id="department-hint">Pick a suggestion or type your own.</span>
              <input id="department" name="department" class="input" list="departments" maxlength=${LIMITS.departmentChars}
                autocomplete="organization-title" ?required=${this.joinRole === 'stakeholder'}
                aria-invalid=${e.department ? 'true' : 'false'}
                aria-describedby=${e.department ? 'department-error department-hint' : 'department-hint'} />
              <datalist id="departments">${DEPARTMENTS.map((d) => html`<option value=${d}></option>`)}</datalist>
              ${e.department ? html`<span class="error" id="department-error">${e.department}</span>` : nothing}
            </div>`}
      <button class="btn primary submit" type="submit" ?disabled=${this.busy}>${this.busy ? 'Joining…' : 'Join the board'}</button>
    </form>`;
  }

  private pick(role: JoinRole): void {
    this.joinRole = role;
    if (this.errors.role) this.errors = { ...this.errors, role: undefined };
  }

  private value(id: string): string {
    return cleanLine(this.renderRoot.querySelector<HTMLInputElement>(`#${id}`)?.value ?? '');
  }

  private readonly onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    if (this.busy) return;
    const name = this.value('name');
    const department = this.facilitator ? '' : this.value('department');
    const errors: FieldErrors = {};
    if (!name) errors.name = 'Please enter your name.';
    if (!this.facilitator && !this.joinRole) errors.role = 'Choose whether you are a customer or a stakeholder.';
    if (this.joinRole === 'stakeholder' && !department) errors.department = 'Stakeholders: please say which department you are from.';
    this.errors = errors;
    const first = Object.keys(errors)[0];
    if (first) {
      const id = first === 'role' ? 'input[name="role"]' : `#${first}`;
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>(id)?.focus());
      return;
    }
    const request: JoinRequest = this.facilitator ? { name } : { name, role: this.joinRole, department };
    this.dispatchEvent(new CustomEvent<JoinRequest>('jr-join', { detail: request, bubbles: true, composed: true }));
  };
}

customElements.define('jr-join-form', JrJoinForm);

declare global {
  interface HTMLElementTagNameMap {
    'jr-join-form': JrJoinForm;
  }
}
