/**
 * <jr-persona-card>: the persona the journey is mapped for: name, description, goals, quote. Editable by
 * facilitator and participants (saved as they type, after a short pause, and when leaving a field);
 * read-only on the projector and while locked. A field writes only what the person typed in it, and a field
 * being typed in is never overwritten by a remote change.
 */
import { LitElement, css, html, nothing } from 'lit';
import { LIMITS, type Persona, type PersonaField } from '../../../shared/board/schema.js';
import type { BoardActions } from '../session/board-actions.js';
import { sharedStyles } from '../styles/shared-styles.js';
import { FieldDraft } from '../ui/field-draft.js';
import { icon } from '../ui/icons.js';

/** Pause in typing after which a persona field is written. */
const SAVE_AFTER_TYPING_MS = 400;

const FIELDS: { field: PersonaField; label: string; placeholder: string; multiline: boolean }[] = [
  { field: 'name', label: 'Persona name', placeholder: 'Who is this journey for?', multiline: false },
  { field: 'description', label: 'Description', placeholder: 'Age, situation, context…', multiline: true },
  { field: 'goals', label: 'Goals', placeholder: 'What do they want to achieve?', multiline: true },
  { field: 'quote', label: 'Quote', placeholder: '“In their own words…”', multiline: true },
];

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return (parts.length > 1 ? `${parts[0]?.[0] ?? ''}${parts[parts.length - 1]?.[0] ?? ''}` : name.slice(0, 2)).toUpperCase() || '?';
}

/** Whether two reads of the persona say the same (every board re-read makes a new object). */
function samePersona(a: Persona | undefined, b: Persona | undefined): boolean {
  return a === b || (!!a && !!b && a.name === b.name && a.description === b.description && a.goals === b.goals && a.quote === b.quote);
}

export class JrPersonaCard extends LitElement {
  static override properties = {
    // a keystroke in any note re-reads the board: the card renders again only when the persona changed
    persona: { attribute: false, hasChanged: (value: Persona | undefined, old: Persona | undefined) => !samePersona(value, old) },
    actions: { attribute: false },
    readOnly: { type: Boolean, attribute: 'read-only' },
    collapsed: { type: Boolean, reflect: true },
    fixed: { type: Boolean },
  };
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      section {
        display: grid;
        grid-template-columns: auto minmax(12rem, 1.1fr) minmax(12rem, 1.2fr) minmax(12rem, 1.2fr) minmax(12rem, 1.2fr) auto;
        gap: 0.3rem 0.9rem;
        align-items: start;
        padding: 0.6rem 0.9rem;
        background: var(--jr-surface);
        border: 1px solid var(--jr-border);
        border-radius: 12px;
        box-shadow: var(--jr-shadow);
      }
      @media (max-width: 900px) {
        section {
          grid-template-columns: auto 1fr auto;
        }
        .field {
          grid-column: 2;
        }
      }
      .avatar {
        display: grid;
        place-items: center;
        width: 3rem;
        height: 3rem;
        border-radius: 50%;
        background: #fff1a8;
        border: 2px solid #8a6100;
        color: #4d3600;
        font-weight: 800;
        font-size: 1.1rem;
      }
      .field {
        gap: 0.1rem;
      }
      .field > label,
      .field > .label {
        font-size: 0.72em;
        text-transform: uppercase;
        letter-spacing: 0.05em;
        color: var(--jr-muted);
      }
      input,
      textarea {
        width: 100%;
        padding: 0.2rem 0.35rem;
        border: 1px solid transparent;
        border-radius: 6px;
        background: transparent;
        resize: none;
        field-sizing: content;
        max-height: 6.5em;
        line-height: 1.35;
      }
      input::placeholder,
      textarea::placeholder {
        color: #6b7280;
        font-style: italic;
        font-weight: 400;
      }
      .toggle {
        grid-row: 1;
        grid-column: -2;
        justify-self: end;
      }
      :host([collapsed]) section {
        grid-template-columns: auto 1fr auto;
        align-items: center;
        padding-block: 0.35rem;
      }
      :host([collapsed]) .avatar {
        width: 2.2rem;
        height: 2.2rem;
        font-size: 0.9rem;
      }
      input:hover,
      textarea:hover {
        border-color: var(--jr-border-strong);
      }
      input:focus,
      textarea:focus {
        outline: none;
        border-color: var(--jr-focus);
        box-shadow: 0 0 0 2px var(--jr-focus);
        max-height: none;
      }
      .name input,
      .name .value {
        font-size: 1.15em;
        font-weight: 700;
      }
      .quote textarea,
      .quote .value {
        font-style: italic;
      }
      .value {
        margin: 0;
        padding: 0.2rem 0.35rem;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      .value:empty::before {
        content: '—';
        color: var(--jr-muted);
      }
    `,
  ];

  declare persona: Persona | undefined;
  declare actions: BoardActions | undefined;
  declare readOnly: boolean;
  /** shows only the persona's name, to give the map more room on small screens */
  declare collapsed: boolean;
  /** no show/hide toggle (the projector always shows the whole persona) */
  declare fixed: boolean;
  private readonly timers = new Map<PersonaField, number>();
  private readonly drafts = new Map<PersonaField, FieldDraft>(FIELDS.map(({ field }) => [field, new FieldDraft('')]));

  constructor() {
    super();
    this.persona = undefined;
    this.actions = undefined;
    this.readOnly = false;
    this.collapsed = false;
    this.fixed = false;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const field of [...this.timers.keys()]) this.flush(field);
  }

  // Runs after every render, whatever changed: fields re-created by unlocking or expanding the card must show
  // the stored persona again. Before this, they came back empty and leaving one wrote the emptiness.
  protected override updated(): void {
    const persona = this.persona;
    if (!persona) return;
    for (const { field } of FIELDS) {
      const draft = this.draft(field);
      const input = this.input(field);
      // no field on screen (locked, collapsed, read-only): typing that can no longer be saved is dropped
      if (!input) {
        if (this.timers.has(field)) window.clearTimeout(this.timers.get(field));
        this.timers.delete(field);
        draft.discard();
      }
      const shown = draft.sync(persona[field]);
      if (input && shown !== undefined && input.value !== shown) input.value = shown;
    }
  }

  private draft(field: PersonaField): FieldDraft {
    const draft = this.drafts.get(field);
    if (!draft) throw new Error(`no draft for persona field ${field}`);
    return draft;
  }

  private input(field: PersonaField): HTMLInputElement | HTMLTextAreaElement | null {
    return this.renderRoot.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[name="${field}"]`);
  }

  protected override render() {
    const persona = this.persona;
    if (!persona) return nothing;
    // Showing or hiding the details is a view choice, not an edit: read-only people (the structure is the
    // facilitator's) can still open a collapsed persona to read it.
    const toggle = this.fixed
      ? nothing
      : html`<button class="icon-btn toggle" aria-expanded=${this.collapsed ? 'false' : 'true'} aria-controls="persona"
          aria-label=${this.collapsed ? 'Show persona details' : 'Hide persona details'} title=${this.collapsed ? 'Show persona details' : 'Hide persona details'}
          @click=${this.toggle}>${icon(this.collapsed ? 'down' : 'up')}</button>`;
    if (this.collapsed) {
      return html`<section id="persona" aria-label="Persona">
        <div class="avatar" aria-hidden="true">${initials(persona.name)}</div>
        <div class="field name"><span class="label">Persona</span><p class="value">${persona.name}</p></div>
        ${toggle}
      </section>`;
    }
    return html`<section id="persona" aria-label="Persona">
      <div class="avatar" aria-hidden="true">${initials(persona.name)}</div>
      ${FIELDS.map(({ field, label, placeholder, multiline }) => {
        const id = `persona-${field}`;
        if (this.readOnly) {
          return html`<div class="field ${field}">
            <span class="label">${label}</span>
            <p class="value">${persona[field]}</p>
          </div>`;
        }
        const max = field === 'name' ? LIMITS.nameChars : LIMITS.personaFieldChars;
        return html`<div class="field ${field}">
          <label for=${id}>${label}</label>
          ${multiline
            ? html`<textarea id=${id} name=${field} rows="1" maxlength=${max} placeholder=${placeholder}
                @input=${() => this.schedule(field)} @blur=${() => this.flush(field)}></textarea>`
            : html`<input id=${id} name=${field} maxlength=${max} placeholder=${placeholder}
                @input=${() => this.schedule(field)} @blur=${() => this.flush(field)} />`}
        </div>`;
      })}
      ${toggle}
    </section>`;
  }

  private readonly toggle = (): void => {
    for (const field of [...this.timers.keys()]) this.flush(field);
    this.collapsed = !this.collapsed;
    // The workspace remembers the choice for this browser.
    this.dispatchEvent(new CustomEvent<boolean>('jr-persona-collapse', { detail: this.collapsed, bubbles: true, composed: true }));
  };

  private schedule(field: PersonaField): void {
    this.draft(field).markEdited();
    window.clearTimeout(this.timers.get(field));
    this.timers.set(field, window.setTimeout(() => this.flush(field), SAVE_AFTER_TYPING_MS));
  }

  private flush(field: PersonaField): void {
    window.clearTimeout(this.timers.get(field));
    this.timers.delete(field);
    const input = this.input(field);
    if (!input) return;
    const next = this.draft(field).take(input.value);
    if (next !== undefined) this.actions?.updatePersona({ [field]: next });
  }
}

customElements.define('jr-persona-card', JrPersonaCard);

declare global {
  interface HTMLElementTagNameMap {
    'jr-persona-card': JrPersonaCard;
  }
}
