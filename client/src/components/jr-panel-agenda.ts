/** <jr-panel-agenda>: the facilitator panel's agenda section: phases (rename, reorder, remove), next phase, add a phase. */
import { LitElement, css, html, nothing } from 'lit';
import type { SessionSnapshot } from '../../../shared/session/schema.js';
import { SESSION_LIMITS } from '../../../shared/session/schema.js';
import type { FacilitatorActions } from '../facilitation/facilitator-actions.js';
import { panelSectionStyles } from '../styles/panel-styles.js';
import { sharedStyles } from '../styles/shared-styles.js';
import { announce } from '../ui/announce.js';
import { icon } from '../ui/icons.js';
import { askConfirm } from './jr-confirm-dialog.js';

/** The agenda section of the facilitator panel. */
export class JrPanelAgenda extends LitElement {
  static override properties = {
    actions: { attribute: false },
    session: { attribute: false },
    newPhase: { state: true },
    renaming: { state: true },
  };
  static override styles = [
    sharedStyles,
    panelSectionStyles,
    css`
      ol.agenda {
        margin: 0;
        padding: 0;
        list-style: none;
        display: grid;
        gap: 0.25rem;
      }
      ol.agenda li {
        display: flex;
        align-items: center;
        gap: 0.25rem;
        padding: 0.2rem 0.3rem;
        border-radius: 8px;
        border: 1px solid transparent;
      }
      ol.agenda li.current {
        background: var(--jr-accent-soft);
        border-color: var(--jr-accent);
      }
      ol.agenda .title {
        flex: 1;
        min-width: 0;
        text-align: left;
        border: 0;
        background: transparent;
        padding: 0.3rem 0.2rem;
        border-radius: 6px;
        font-weight: 600;
      }
      ol.agenda li.current .title::after {
        content: ' · now';
        color: var(--jr-accent);
        font-size: 0.85em;
      }
      ol.agenda input {
        flex: 1;
        min-width: 0;
      }
    `,
  ];

  declare actions: FacilitatorActions | undefined;
  declare session: SessionSnapshot | undefined;
  declare newPhase: string;
  declare renaming: string | undefined;

  constructor() {
    super();
    this.actions = undefined;
    this.session = undefined;
    this.newPhase = '';
    this.renaming = undefined;
  }

  protected override render() {
    const session = this.session;
    if (!session) return nothing;
    const phases = session.agenda;
    const current = phases.find((p) => p.id === session.phaseId);
    return html`<details open>
      <summary>Agenda <span class="badge">${current?.title ?? 'no phase'}</span></summary>
      <div class="body">
        <ol class="agenda" aria-label="Agenda phases">
          ${phases.map((phase, i) => {
            const isCurrent = phase.id === session.phaseId;
            if (this.renaming === phase.id) {
              return html`<li>
                <label class="visually-hidden" for="rename-${phase.id}">New title of ${phase.title}</label>
                <input id="rename-${phase.id}" class="input" .value=${phase.title} maxlength=${SESSION_LIMITS.phaseTitleChars}
                  @keydown=${(e: KeyboardEvent) => {
                    if (e.key === 'Enter') this.commitRename(phase.id, (e.target as HTMLInputElement).value);
                    if (e.key === 'Escape') this.renaming = undefined;
                  }} />
                <button class="btn sm" @click=${(e: Event) => this.commitRename(phase.id, ((e.target as HTMLElement).previousElementSibling as HTMLInputElement).value)}>Save</button>
              </li>`;
            }
            return html`<li class=${isCurrent ? 'current' : ''}>
              <button class="title" aria-current=${isCurrent ? 'step' : 'false'} title="Make this the current phase"
                @click=${() => {
                  if (this.actions?.setPhase(phase.id)) announce(`Current phase: ${phase.title}.`);
                }}>${i + 1}. ${phase.title}</button>
              <button class="icon-btn" aria-label=${`Rename ${phase.title}`} title="Rename" @click=${() => this.startRename(phase.id)}>✎</button>
              <button class="icon-btn" aria-label=${`Move ${phase.title} up`} ?disabled=${i === 0} @click=${() => this.actions?.movePhase(phase.id, i - 1)}>${icon('up')}</button>
              <button class="icon-btn" aria-label=${`Move ${phase.title} down`} ?disabled=${i === phases.length - 1} @click=${() => this.actions?.movePhase(phase.id, i + 1)}>${icon('down')}</button>
              <button class="icon-btn" aria-label=${`Remove ${phase.title}`} ?disabled=${phases.length <= 1} @click=${() => void this.removePhase(phase.id, phase.title)}>${icon('trash')}</button>
            </li>`;
          })}
        </ol>
        <div class="row">
          ${current
            ? html`<button class="btn sm primary" ?disabled=${phases.indexOf(current) >= phases.length - 1}
                @click=${() => {
                  const next = phases[phases.indexOf(current) + 1];
                  if (next && this.actions?.setPhase(next.id)) announce(`Current phase: ${next.title}.`);
                }}>Next phase</button>`
            : nothing}
        </div>
        <form class="row" @submit=${this.addPhase}>
          <label class="visually-hidden" for="new-phase">New phase title</label>
          <input id="new-phase" class="input" style="flex:1" placeholder="New phase" maxlength=${SESSION_LIMITS.phaseTitleChars}
            .value=${this.newPhase} @input=${(e: Event) => (this.newPhase = (e.target as HTMLInputElement).value)} />
          <button class="btn sm" ?disabled=${!this.newPhase.trim() || phases.length >= SESSION_LIMITS.phases}>Add phase</button>
        </form>
      </div>
    </details>`;
  }

  private async startRename(phaseId: string): Promise<void> {
    this.renaming = phaseId;
    await this.updateComplete;
    const input = this.renderRoot.querySelector<HTMLInputElement>(`#rename-${CSS.escape(phaseId)}`);
    input?.focus();
    input?.select();
  }

  private commitRename(phaseId: string, title: string): void {
    if (this.actions?.renamePhase(phaseId, title)) this.renaming = undefined;
  }

  private readonly addPhase = (event: Event): void => {
    event.preventDefault();
    if (this.actions?.addPhase(this.newPhase)) {
      announce(`Phase ${this.newPhase.trim()} added.`);
      this.newPhase = '';
    }
  };

  private async removePhase(phaseId: string, title: string): Promise<void> {
    const ok = await askConfirm(this, { title: 'Remove phase?', message: `Remove “${title}” from the agenda?`, confirmLabel: 'Remove' });
    if (ok && this.actions?.removePhase(phaseId)) announce(`Phase ${title} removed.`);
  }
}

customElements.define('jr-panel-agenda', JrPanelAgenda);

declare global {
  interface HTMLElementTagNameMap {
    'jr-panel-agenda': JrPanelAgenda;
  }
}
