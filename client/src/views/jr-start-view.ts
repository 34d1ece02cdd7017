/**
 * <jr-start-view>: the start page. A facilitator creates a board (title, persona, template) and gets the
 * three links — facilitator, participant, projector — with copy buttons and a way in.
 */
import { LitElement, css, html, nothing } from 'lit';
import type { CreateBoardRequest, CreateBoardResponse } from '../../../shared/api.js';
import { LIMITS, cleanLine, cleanText } from '../../../shared/board/schema.js';
import { TEMPLATES, TEMPLATE_IDS } from '../../../shared/board/template.js';
import '../components/jr-copy-link.js';
import '../components/jr-join-code-field.js';
import { ApiError, createBoard } from '../session/api-client.js';
import { saveLinks } from '../session/credentials.js';
import { choiceStyles } from '../styles/choice-styles.js';
import { cardStyles } from '../styles/page-styles.js';
import { sharedStyles } from '../styles/shared-styles.js';
import { announce } from '../ui/announce.js';

type FieldErrors = Partial<Record<'title' | 'personaName', string>>;

export class JrStartView extends LitElement {
  static override properties = {
    busy: { state: true },
    error: { state: true },
    errors: { state: true },
    created: { state: true },
  };
  static override styles = [
    sharedStyles,
    cardStyles,
    choiceStyles,
    css`
      :host {
        display: block;
        min-height: 100vh;
        padding: 2rem 1rem 4rem;
      }
      main {
        max-width: 44rem;
        margin: 0 auto;
      }
      .brand {
        display: flex;
        align-items: center;
        gap: 0.6rem;
        margin-bottom: 0.4rem;
        color: var(--jr-accent);
        font-weight: 800;
        letter-spacing: 0.01em;
      }
      h1 {
        margin: 0 0 0.3rem;
        font-size: 2rem;
        line-height: 1.15;
      }
      .join-card {
        margin-top: 1.2rem;
      }
      .lead {
        margin: 0 0 1.6rem;
        color: var(--jr-muted);
        font-size: 1.05rem;
      }
      form {
        display: grid;
        gap: 1.1rem;
      }
      .two {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: 1rem;
      }
      @media (max-width: 640px) {
        .two {
          grid-template-columns: 1fr;
        }
      }
      textarea.input {
        min-height: 4.2rem;
        resize: vertical;
      }
      details {
        border-top: 1px solid var(--jr-border);
        padding-top: 0.9rem;
      }
      summary {
        cursor: pointer;
        font-weight: 600;
      }
      details[open] summary {
        margin-bottom: 0.9rem;
      }
      .details-body {
        display: grid;
        gap: 1rem;
      }
      fieldset {
        margin: 0;
        padding: 0;
        border: 0;
      }
      legend {
        font-weight: 600;
        padding: 0;
        margin-bottom: 0.4rem;
      }
      .templates {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: 0.6rem;
      }
      .template input {
        margin-top: 0.25rem;
      }
      .template span {
        display: block;
        font-size: 0.85em;
        color: var(--jr-muted);
      }
      .submit {
        justify-self: start;
        min-height: 2.7rem;
        min-width: 12rem;
        font-size: 1.02rem;
      }
      .links {
        display: grid;
        gap: 1.1rem;
      }
      .links h1 {
        margin: 0;
        font-size: 1.4rem;
      }
      .next {
        display: flex;
        flex-wrap: wrap;
        gap: 0.7rem;
        margin-top: 0.4rem;
      }
      .note {
        margin: 0;
        color: var(--jr-muted);
        font-size: 0.9em;
      }
    `,
  ];

  declare busy: boolean;
  declare error: string;
  declare errors: FieldErrors;
  declare created: CreateBoardResponse | undefined;

  constructor() {
    super();
    this.busy = false;
    this.error = '';
    this.errors = {};
    this.created = undefined;
  }

  protected override render() {
    return html`<main>
      <div class="brand"><span aria-hidden="true">◆</span> Journeyroom</div>
      ${this.created ? this.renderLinks(this.created) : this.renderForm()}
    </main>`;
  }

  private renderForm() {
    const e = this.errors;
    return html`<h1>Map a customer journey together</h1>
      <p class="lead">Create a board, share the participant link with customers and stakeholders, and put the projector link on the big screen.</p>
      <div class="card">
        <form novalidate @submit=${this.onSubmit} aria-label="Create a board">
          ${this.error ? html`<div class="error-box" role="alert">${this.error}</div>` : nothing}
          <div class="field">
            <label for="title">Workshop title</label>
            <input id="title" name="title" class="input" required maxlength=${LIMITS.titleChars}
              placeholder="e.g. New customer onboarding, spring workshop"
              aria-invalid=${e.title ? 'true' : 'false'} aria-describedby=${e.title ? 'title-error' : nothing} />
            ${e.title ? html`<span class="error" id="title-error">${e.title}</span>` : nothing}
          </div>
          <div class="field">
            <label for="persona-name">Persona name</label>
            <span class="hint" id="persona-hint">The customer this journey is mapped for.</span>
            <input id="persona-name" name="personaName" class="input" required maxlength=${LIMITS.nameChars}
              placeholder="e.g. Sam, first-time buyer"
              aria-invalid=${e.personaName ? 'true' : 'false'}
              aria-describedby=${e.personaName ? 'persona-error persona-hint' : 'persona-hint'} />
            ${e.personaName ? html`<span class="error" id="persona-error">${e.personaName}</span>` : nothing}
          </div>
          <details>
            <summary>More about the persona (optional)</summary>
            <div class="details-body">
              <div class="field">
                <label for="description">Description</label>
                <textarea id="description" class="input" maxlength=${LIMITS.personaFieldChars} placeholder="Age, situation, context…"></textarea>
              </div>
              <div class="two">
                <div class="field">
                  <label for="goals">Goals</label>
                  <textarea id="goals" class="input" maxlength=${LIMITS.personaFieldChars} placeholder="What do they want to achieve?"></textarea>
                </div>
                <div class="field">
                  <label for="quote">Quote</label>
                  <textarea id="quote" class="input" maxlength=${LIMITS.personaFieldChars} placeholder="“In their own words…”"></textarea>
                </div>
              </div>
            </div>
          </details>
          <fieldset>
            <legend>Start from</legend>
            <div class="templates">
              ${TEMPLATE_IDS.map((id) => {
                const template = TEMPLATES[id];
                return html`<label class="choice template">
                  <input type="radio" name="template" value=${id} ?checked=${id === 'default'} />
                  <div><strong>${template?.name ?? id}</strong><span>${template?.stages.join(' · ')}</span></div>
                </label>`;
              })}
            </div>
          </fieldset>
          <button class="btn primary submit" type="submit" ?disabled=${this.busy}>${this.busy ? 'Creating…' : 'Create board'}</button>
        </form>
      </div>
      <div class="card join-card">
        <jr-join-code-field></jr-join-code-field>
      </div>`;
  }

  private renderLinks(created: CreateBoardResponse) {
    return html`<section class="card links" aria-labelledby="links-title">
      <h1 id="links-title" tabindex="-1">Your board is ready</h1>
      <p class="note">Keep the facilitator link to yourself. These links are the only way in; no accounts needed.</p>
      <jr-copy-link label="Facilitator link" hint="For you: run the workshop and edit everything." .url=${created.links.facilitator}></jr-copy-link>
      <jr-copy-link label="Participant link" hint="Send to customers and stakeholders." .url=${created.links.participant}></jr-copy-link>
      <jr-copy-link label="Projector link" hint="Open on the big screen: read-only, fills the screen." .url=${created.links.projector}></jr-copy-link>
      <div class="next">
        <a class="btn primary" href=${created.links.facilitator}>Open as facilitator</a>
        <button class="btn" @click=${() => (this.created = undefined)}>Create another board</button>
      </div>
    </section>`;
  }

  private text(id: string): string {
    return this.renderRoot.querySelector<HTMLInputElement | HTMLTextAreaElement>(`#${id}`)?.value ?? '';
  }

  private readonly onSubmit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    if (this.busy) return;
    const title = cleanLine(this.text('title'));
    const name = cleanLine(this.text('persona-name'));
    const errors: FieldErrors = {};
    if (!title) errors.title = 'Please give the workshop a title.';
    if (!name) errors.personaName = 'Please name the persona.';
    this.errors = errors;
    if (errors.title || errors.personaName) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>(errors.title ? '#title' : '#persona-name')?.focus();
      return;
    }
    const template = this.renderRoot.querySelector<HTMLInputElement>('input[name="template"]:checked')?.value === 'blank' ? 'blank' : 'default';
    const request: CreateBoardRequest = {
      title,
      template,
      persona: {
        name,
        description: cleanText(this.text('description')).trim(),
        goals: cleanText(this.text('goals')).trim(),
        quote: cleanText(this.text('quote')).trim(),
      },
    };
    this.busy = true;
    this.error = '';
    try {
      const created = await createBoard(request);
      saveLinks(created.id, created.links);
      this.created = created;
      announce('Board created. Three links are ready to copy.');
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#links-title')?.focus();
    } catch (error) {
      this.error = error instanceof ApiError ? error.message : `Could not create the board: ${String(error)}`;
    } finally {
      this.busy = false;
    }
  };
}

customElements.define('jr-start-view', JrStartView);

declare global {
  interface HTMLElementTagNameMap {
    'jr-start-view': JrStartView;
  }
}
