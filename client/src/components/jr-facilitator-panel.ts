/**
 * <jr-facilitator-panel>: everything a facilitator needs to run the workshop, in one side panel of
 * collapsible sections, one element each: agenda, timer, silent brainstorm, dot voting, lock and focus,
 * the links to share, actions by department, the journey series (follow-up, comparison), checkpoints and attendance.
 */
import { LitElement, css, html, nothing } from 'lit';
import type { BoardSnapshot } from '../../../shared/board/snapshot.js';
import type { SessionSnapshot } from '../../../shared/session/schema.js';
import type { FacilitatorActions } from '../facilitation/facilitator-actions.js';
import type { DraftCount } from '../facilitation/presence-drafts.js';
import type { ServerClock } from '../facilitation/server-clock.js';
import { sharedStyles } from '../styles/shared-styles.js';
import './jr-panel-actions.js';
import './jr-panel-agenda.js';
import './jr-panel-attendance.js';
import './jr-panel-brainstorm.js';
import './jr-panel-checkpoints.js';
import './jr-panel-links.js';
import './jr-panel-room.js';
import './jr-panel-series.js';
import './jr-panel-timer.js';
import './jr-panel-vote.js';

/** The facilitator's side panel (a complementary landmark); fires `jr-panel-close` from its Close button. */
export class JrFacilitatorPanel extends LitElement {
  static override properties = {
    boardId: { attribute: false },
    token: { attribute: false },
    actions: { attribute: false },
    clock: { attribute: false },
    session: { attribute: false },
    board: { attribute: false },
    draftCounts: { attribute: false },
    joinCode: { attribute: false },
    projectorLink: { attribute: false },
  };
  static override styles = [
    sharedStyles,
    css`
      :host {
        position: fixed;
        top: 0;
        right: 0;
        bottom: 0;
        z-index: 30;
        display: block;
        width: min(var(--jr-panel-width, 24rem), 100vw);
        overflow-y: auto;
        overscroll-behavior: contain;
        background: var(--jr-surface);
        border-left: 1px solid var(--jr-border-strong);
        box-shadow: -6px 0 18px rgb(0 0 0 / 8%);
        font-size: 0.95rem;
      }
      .head {
        position: sticky;
        top: 0;
        z-index: 2;
        display: flex;
        align-items: center;
        justify-content: space-between;
        padding: 0.55rem 1rem;
        background: var(--jr-surface);
        border-bottom: 1px solid var(--jr-border);
      }
      h2 {
        margin: 0;
        font-size: 1.15rem;
      }
      .btn.sm {
        min-height: 2rem;
        padding: 0.25rem 0.6rem;
        font-size: 0.9em;
      }
    `,
  ];

  declare boardId: string;
  declare token: string;
  declare actions: FacilitatorActions | undefined;
  declare clock: ServerClock | undefined;
  declare session: SessionSnapshot | undefined;
  declare board: BoardSnapshot | undefined;
  declare draftCounts: DraftCount[];
  declare joinCode: string | undefined;
  declare projectorLink: string | undefined;

  constructor() {
    super();
    this.boardId = '';
    this.token = '';
    this.actions = undefined;
    this.clock = undefined;
    this.session = undefined;
    this.board = undefined;
    this.draftCounts = [];
    this.joinCode = undefined;
    this.projectorLink = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.setAttribute('role', 'complementary');
    this.setAttribute('aria-label', 'Facilitator panel');
  }

  protected override render() {
    const { session, board, actions } = this;
    if (!session || !board) return nothing;
    return html`<div class="head">
        <h2 id="panel-title">Facilitate</h2>
        <button class="btn sm" @click=${() => this.dispatchEvent(new CustomEvent('jr-panel-close', { bubbles: true, composed: true }))}>Close</button>
      </div>
      <jr-panel-agenda .actions=${actions} .session=${session}></jr-panel-agenda>
      <jr-panel-timer .actions=${actions} .clock=${this.clock} .session=${session}></jr-panel-timer>
      <jr-panel-brainstorm .boardId=${this.boardId} .token=${this.token} .actions=${actions} .session=${session} .draftCounts=${this.draftCounts}></jr-panel-brainstorm>
      <jr-panel-vote .actions=${actions} .session=${session} .board=${board}></jr-panel-vote>
      <jr-panel-room .actions=${actions} .session=${session} .board=${board}></jr-panel-room>
      <jr-panel-links .boardId=${this.boardId} .token=${this.token} .joinCode=${this.joinCode} .projectorLink=${this.projectorLink}></jr-panel-links>
      <jr-panel-actions .board=${board}></jr-panel-actions>
      <jr-panel-series .boardId=${this.boardId} .token=${this.token}></jr-panel-series>
      <jr-panel-checkpoints .boardId=${this.boardId} .token=${this.token}></jr-panel-checkpoints>
      <jr-panel-attendance .boardId=${this.boardId} .token=${this.token}></jr-panel-attendance>`;
  }
}

customElements.define('jr-facilitator-panel', JrFacilitatorPanel);

declare global {
  interface HTMLElementTagNameMap {
    'jr-facilitator-panel': JrFacilitatorPanel;
  }
}
