/** <jr-panel-brainstorm>: the facilitator panel's silent brainstorm section: start, end, live draft counts, reveal. */
import { LitElement, html, nothing } from 'lit';
import type { SessionSnapshot } from '../../../shared/session/schema.js';
import { PanelTaskController } from '../controllers/panel-task-controller.js';
import { revealDrafts } from '../facilitation/facilitation-api.js';
import type { FacilitatorActions } from '../facilitation/facilitator-actions.js';
import { draftSentence, type DraftCount } from '../facilitation/presence-drafts.js';
import { panelSectionStyles } from '../styles/panel-styles.js';
import { sharedStyles } from '../styles/shared-styles.js';
import { announce } from '../ui/announce.js';

/** The silent brainstorm section of the facilitator panel. */
export class JrPanelBrainstorm extends LitElement {
  static override properties = {
    boardId: { attribute: false },
    token: { attribute: false },
    actions: { attribute: false },
    session: { attribute: false },
    draftCounts: { attribute: false },
  };
  static override styles = [sharedStyles, panelSectionStyles];

  declare boardId: string;
  declare token: string;
  declare actions: FacilitatorActions | undefined;
  declare session: SessionSnapshot | undefined;
  declare draftCounts: DraftCount[];
  private readonly task = new PanelTaskController(this);

  constructor() {
    super();
    this.boardId = '';
    this.token = '';
    this.actions = undefined;
    this.session = undefined;
    this.draftCounts = [];
  }

  protected override render() {
    if (!this.session) return nothing;
    const on = this.session.privateMode.on;
    const writers = this.draftCounts.filter((d) => d.role !== 'facilitator' || d.count > 0);
    const total = writers.reduce((sum, d) => sum + d.count, 0);
    return html`<details open>
      <summary>Silent brainstorm ${on ? html`<span class="badge">on · ${total} private</span>` : nothing}</summary>
      <div class="body">
        <p class="muted" style="margin:0">While it is on, the notes participants add stay private to their author until you reveal them all at once.</p>
        <div class="row">
          <button class="btn sm ${on ? '' : 'primary'}" @click=${() => {
            // One button for both (the same element), so a keyboard user keeps the focus on it.
            if (on) this.actions?.setPrivateMode(false);
            else if (this.actions?.setPrivateMode(true)) announce('Silent brainstorm started.');
          }}>${on ? 'End without revealing' : 'Start silent brainstorm'}</button>
          <button class="btn sm ${on ? 'primary' : ''}" ?disabled=${this.task.busy === 'reveal'} @click=${this.reveal}>Reveal all notes</button>
        </div>
        ${on || total > 0
          ? html`<ul class="plain" aria-label="Private notes per person" aria-live="polite">
              ${writers.length ? writers.map((d) => html`<li data-member=${d.memberId}>${draftSentence(d)}</li>`) : html`<li class="muted">Nobody is here yet.</li>`}
            </ul>`
          : nothing}
        ${this.task.renderNotice()}
      </div>
    </details>`;
  }

  private readonly reveal = (): void => {
    void this.task.run('reveal', async () => {
      const result = await revealDrafts(this.boardId, this.token);
      const skipped = result.skipped.length ? ` ${result.skipped.length} could not be placed and stay private.` : '';
      this.task.say(`Revealed ${result.revealed} note${result.revealed === 1 ? '' : 's'}.${skipped}`);
    });
  };
}

customElements.define('jr-panel-brainstorm', JrPanelBrainstorm);

declare global {
  interface HTMLElementTagNameMap {
    'jr-panel-brainstorm': JrPanelBrainstorm;
  }
}
