/**
 * <jr-panel-room>: the facilitator panel's lock and focus section: lock the board, open structure editing or
 * deleting others' notes to participants, see and clear what everyone is brought to.
 */
import { LitElement, css, html, nothing } from 'lit';
import type { BoardSnapshot } from '../../../shared/board/snapshot.js';
import type { SessionSnapshot } from '../../../shared/session/schema.js';
import { noteLabel } from '../facilitation/board-facilitation.js';
import type { FacilitatorActions } from '../facilitation/facilitator-actions.js';
import { panelSectionStyles } from '../styles/panel-styles.js';
import { sharedStyles } from '../styles/shared-styles.js';
import { announce } from '../ui/announce.js';

/** The lock and focus section of the facilitator panel. */
export class JrPanelRoom extends LitElement {
  static override properties = {
    actions: { attribute: false },
    session: { attribute: false },
    board: { attribute: false },
  };
  static override styles = [
    sharedStyles,
    panelSectionStyles,
    css`
      .switches {
        display: grid;
        gap: 0.35rem;
        margin: 0;
        padding: 0.4rem 0.6rem 0.5rem;
        border: 1px solid var(--jr-border);
        border-radius: 8px;
      }
      .switches legend {
        padding: 0 0.3rem;
        font-weight: 600;
      }
      .switches label {
        display: flex;
        gap: 0.45rem;
        align-items: center;
      }
    `,
  ];

  declare actions: FacilitatorActions | undefined;
  declare session: SessionSnapshot | undefined;
  declare board: BoardSnapshot | undefined;

  constructor() {
    super();
    this.actions = undefined;
    this.session = undefined;
    this.board = undefined;
  }

  private focusText(): string {
    const focus = this.session?.focus;
    if (!focus || !this.board) return 'Nobody is being brought anywhere.';
    if (focus.kind === 'stage') return `Everyone is looking at the stage “${this.board.stages.find((s) => s.id === focus.id)?.title ?? 'removed stage'}”.`;
    const note = this.board.notes.find((n) => n.id === focus.id);
    return `Everyone is looking at the note “${note ? noteLabel(note) : 'removed note'}”.`;
  }

  protected override render() {
    const session = this.session;
    if (!session) return nothing;
    return html`<details open>
      <summary>Lock and focus ${session.locked ? html`<span class="badge warn">locked</span>` : nothing}</summary>
      <div class="body">
        <div class="row">
          <button class="btn sm ${session.locked ? 'primary' : ''}" aria-pressed=${session.locked ? 'true' : 'false'}
            @click=${() => {
              if (this.actions?.setLocked(!session.locked)) announce(session.locked ? 'Board unlocked.' : 'Board locked for participants.');
            }}>${session.locked ? 'Unlock the board' : 'Lock the board'}</button>
        </div>
        <fieldset class="switches">
          <legend>Participants may also</legend>
          <label><input type="checkbox" .checked=${session.permissions.structure}
            @change=${(e: Event) => this.actions?.setPermissions({ structure: (e.target as HTMLInputElement).checked })} />
            edit the title, persona, stages and lanes</label>
          <label><input type="checkbox" .checked=${session.permissions.deleteAnyNote}
            @change=${(e: Event) => this.actions?.setPermissions({ deleteAnyNote: (e.target as HTMLInputElement).checked })} />
            delete notes written by others</label>
        </fieldset>
        <p style="margin:0" role="status">${this.focusText()}</p>
        <p class="muted" style="margin:0">Use “Bring everyone here” on a stage or a note to move the projector and everyone who follows.</p>
        ${session.focus ? html`<div class="row"><button class="btn sm" @click=${() => this.actions?.setFocus(null)}>Clear focus</button></div>` : nothing}
      </div>
    </details>`;
  }
}

customElements.define('jr-panel-room', JrPanelRoom);

declare global {
  interface HTMLElementTagNameMap {
    'jr-panel-room': JrPanelRoom;
  }
}
