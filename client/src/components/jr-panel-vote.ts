/** <jr-panel-vote>: the facilitator panel's dot voting section: lanes, dots per person, hidden counts, open, close, ranking. */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import type { BoardSnapshot } from '../../../shared/board/snapshot.js';
import type { SessionSnapshot } from '../../../shared/session/schema.js';
import { DEFAULT_DOTS_PER_PERSON } from '../../../shared/session/schema.js';
import { DEFAULT_VOTE_LANE_KINDS } from '../../../shared/session/vote.js';
import { FocusKeeper } from '../controllers/focus-keeper.js';
import { noteLabel } from '../facilitation/board-facilitation.js';
import type { FacilitatorActions } from '../facilitation/facilitator-actions.js';
import { rankVotes } from '../facilitation/vote-ranking.js';
import { panelSectionStyles } from '../styles/panel-styles.js';
import { sharedStyles } from '../styles/shared-styles.js';
import { announce } from '../ui/announce.js';

/** The dot voting section of the facilitator panel. */
export class JrPanelVote extends LitElement {
  static override properties = {
    actions: { attribute: false },
    session: { attribute: false },
    board: { attribute: false },
    voteLanes: { state: true },
    dots: { state: true },
    hideCounts: { state: true },
  };
  static override styles = [
    sharedStyles,
    panelSectionStyles,
    css`
      .lanes {
        display: grid;
        gap: 0.2rem;
        margin: 0;
        padding: 0;
        border: 0;
      }
      .lanes legend {
        font-weight: 600;
        padding: 0;
        margin-bottom: 0.2rem;
      }
      ol.ranking {
        margin: 0;
        padding-left: 1.3rem;
      }
    `,
  ];

  declare actions: FacilitatorActions | undefined;
  declare session: SessionSnapshot | undefined;
  declare board: BoardSnapshot | undefined;
  declare voteLanes: Set<string> | undefined;
  declare dots: string;
  declare hideCounts: boolean;

  constructor() {
    super();
    this.actions = undefined;
    this.session = undefined;
    this.board = undefined;
    this.voteLanes = undefined;
    this.dots = String(DEFAULT_DOTS_PER_PERSON);
    this.hideCounts = false;
    // Opening or closing the vote replaces the button pressed: the other one (data-focus-next) takes the focus.
    new FocusKeeper(this);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Lanes proposed for a vote: the current vote's, else the board's pain and opportunity lanes.
    if ((changed.has('board') || changed.has('session')) && this.board && this.session && !this.voteLanes) {
      const chosen = this.session.vote.laneIds;
      const defaults = this.board.lanes.filter((l) => (DEFAULT_VOTE_LANE_KINDS as readonly string[]).includes(l.kind)).map((l) => l.id);
      if (this.board.lanes.length > 0) this.voteLanes = new Set(chosen.length ? chosen : defaults);
    }
  }

  protected override render() {
    if (!this.session) return nothing;
    const vote = this.session.vote;
    const open = vote.status === 'open';
    const lanes = this.board?.lanes ?? [];
    const chosen = this.voteLanes ?? new Set<string>();
    const dots = Number(this.dots);
    const dotsOk = Number.isInteger(dots) && dots >= 1 && dots <= 20;
    const ranking = this.board && (open || vote.closedAt !== null) ? rankVotes(this.board, vote) : [];
    return html`<details open>
      <summary>Dot voting ${open ? html`<span class="badge">open</span>` : nothing}</summary>
      <div class="body">
        ${open
          ? html`<p style="margin:0">Vote open on ${lanes.filter((l) => vote.laneIds.includes(l.id)).map((l) => l.title).join(', ') || 'the pain and opportunity lanes'},
              ${vote.dotsPerPerson} dots each${vote.hideCounts ? ', counts hidden from participants' : ''}.</p>
              <div class="row"><button class="btn sm primary" data-focus-next @click=${() => {
                if (this.actions?.closeVote()) announce('Vote closed. Results are shown to everyone.');
              }}>Close the vote</button></div>`
          : html`<fieldset class="lanes">
                <legend>Lanes to vote on</legend>
                ${lanes.map((lane) => html`<label class="check"><input type="checkbox" .checked=${chosen.has(lane.id)}
                  @change=${(e: Event) => {
                    const next = new Set(chosen);
                    if ((e.target as HTMLInputElement).checked) next.add(lane.id);
                    else next.delete(lane.id);
                    this.voteLanes = next;
                  }} />${lane.title}</label>`)}
              </fieldset>
              <div class="row">
                <label for="dots">Dots per person</label>
                <input id="dots" class="input narrow" type="number" min="1" max="20" .value=${this.dots} aria-invalid=${dotsOk ? 'false' : 'true'}
                  @input=${(e: Event) => (this.dots = (e.target as HTMLInputElement).value)} />
              </div>
              <label class="check"><input type="checkbox" .checked=${this.hideCounts} @change=${(e: Event) => (this.hideCounts = (e.target as HTMLInputElement).checked)} />
                Hide counts from participants until the vote closes</label>
              <div class="row">
                <button class="btn sm primary" data-focus-next ?disabled=${!dotsOk || chosen.size === 0} @click=${() => {
                  if (this.actions?.openVote({ laneIds: lanes.filter((l) => chosen.has(l.id)).map((l) => l.id), dotsPerPerson: dots, hideCounts: this.hideCounts })) {
                    announce('Vote opened.');
                  }
                }}>Open the vote</button>
              </div>`}
        ${ranking.length
          ? html`<div>
              <strong>${open ? 'Standing so far' : 'Results'}</strong>
              <ol class="ranking" aria-label="Vote ranking">
                ${ranking.map((r) => html`<li value=${r.rank}><strong>${r.dots}</strong> · ${noteLabel(r.note)} <span class="muted">(${r.stageTitle})</span></li>`)}
              </ol>
            </div>`
          : vote.closedAt !== null && !open
            ? html`<p class="muted" style="margin:0">No dots were placed.</p>`
            : nothing}
      </div>
    </details>`;
  }
}

customElements.define('jr-panel-vote', JrPanelVote);

declare global {
  interface HTMLElementTagNameMap {
    'jr-panel-vote': JrPanelVote;
  }
}
