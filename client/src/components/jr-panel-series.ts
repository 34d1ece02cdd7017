/**
 * <jr-panel-series>: the facilitator panel's "Journey series" section: the previous and next sessions of this
 * board, the comparison with the previous one, and starting a follow-up session (new board, new links) with
 * the open actions and, as chosen, no notes, the pain points or all notes.
 */
import { LitElement, css, html, nothing } from 'lit';
import { FOLLOW_UP_NOTES, type FollowUpNotes, type FollowUpResponse, type SeriesInfoResponse } from '../../../shared/series/api.js';
import { PanelTaskController } from '../controllers/panel-task-controller.js';
import { fetchSeries, startFollowUp } from '../series/series-api.js';
import { panelSectionStyles } from '../styles/panel-styles.js';
import { sharedStyles } from '../styles/shared-styles.js';
import type { JrCompareView } from './jr-compare-view.js';
import './jr-compare-view.js';
import './jr-copy-link.js';

const NOTE_CHOICES: Record<FollowUpNotes, string> = {
  none: 'No notes (a blank map)',
  pains: 'The pain points only',
  all: 'All notes',
};

/** The series section; loads the series the first time it is opened. */
export class JrPanelSeries extends LitElement {
  static override properties = {
    boardId: { attribute: false },
    token: { attribute: false },
    series: { state: true },
    notes: { state: true },
    created: { state: true },
  };
  static override styles = [
    sharedStyles,
    panelSectionStyles,
    css`
      fieldset {
        border: 1px solid var(--jr-border);
        border-radius: 6px;
        margin: 0;
        padding: 0.3rem 0.6rem;
      }
      fieldset label {
        display: flex;
        gap: 0.4rem;
      }
    `,
  ];

  declare boardId: string;
  declare token: string;
  declare series: SeriesInfoResponse | undefined;
  declare notes: FollowUpNotes;
  declare created: FollowUpResponse | undefined;
  private readonly task = new PanelTaskController(this);

  constructor() {
    super();
    this.boardId = '';
    this.token = '';
    this.series = undefined;
    this.notes = 'pains';
    this.created = undefined;
  }

  private async load(): Promise<void> {
    await this.task.run('load', async () => {
      this.series = await fetchSeries(this.boardId, this.token);
    });
  }

  private async followUp(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const title = new FormData(event.target as HTMLFormElement).get('title');
    await this.task.run('follow-up', async () => {
      this.created = await startFollowUp(this.boardId, this.token, {
        notes: this.notes,
        ...(typeof title === 'string' && title.trim() ? { title } : {}),
      });
      this.series = await fetchSeries(this.boardId, this.token);
      this.task.say(`Follow-up created: ${this.created.carried.actions} open actions and ${this.created.carried.notes} notes carried over. This board stays as it is.`);
    });
  }

  private compare(): void {
    void this.renderRoot.querySelector<JrCompareView>('jr-compare-view')?.show(this.boardId, this.token);
  }

  protected override render() {
    const s = this.series;
    return html`<details @toggle=${(e: Event) => {
        if ((e.target as HTMLDetailsElement).open && !this.series) void this.load();
      }}>
        <summary>Journey series ${s ? html`<span class="badge">session ${s.position}</span>` : nothing}</summary>
        <div class="body">
          ${this.task.renderNotice()}
          ${s
            ? html`<p style="margin:0">
                  Session ${s.position} of this journey.
                  ${s.previous ? html`Previous: <strong>${s.previous.title}</strong>.` : html`No previous session.`}
                  ${s.next ? html`Next: <strong>${s.next.title}</strong>.` : nothing}
                </p>
                ${s.previous ? html`<div class="row"><button class="btn sm" @click=${() => this.compare()}>Compare with the previous session</button></div>` : nothing}
                ${this.created
                  ? html`<p class="muted" style="margin:0">Links of the new board (shown once; keep the facilitator link to yourself):</p>
                      <jr-copy-link label="Facilitator link (follow-up)" .url=${this.created.links.facilitator}></jr-copy-link>
                      <jr-copy-link label="Participant link (follow-up)" .url=${this.created.links.participant}></jr-copy-link>
                      <jr-copy-link label="Projector link (follow-up)" .url=${this.created.links.projector}></jr-copy-link>`
                  : s.next
                    ? nothing
                    : html`<form class="body" style="padding:0" @submit=${(e: SubmitEvent) => void this.followUp(e)} aria-label="Start a follow-up session">
                        <label for="fu-title">Title of the follow-up (optional)</label>
                        <input id="fu-title" name="title" class="input" maxlength="200" placeholder="Default: this title · session ${s.position + 1}" />
                        <fieldset>
                          <legend>Carry over, besides persona, stages, lanes and open actions</legend>
                          ${FOLLOW_UP_NOTES.map(
                            (n) => html`<label><input type="radio" name="notes" value=${n} .checked=${this.notes === n} @change=${() => (this.notes = n)} /> ${NOTE_CHOICES[n]}</label>`,
                          )}
                        </fieldset>
                        <div class="row"><button class="btn sm primary" ?disabled=${this.task.busy !== undefined}>Start follow-up session</button></div>
                      </form>`}`
            : html`<p class="muted" style="margin:0">Loading…</p>`}
        </div>
      </details>
      <jr-compare-view></jr-compare-view>`;
  }
}

customElements.define('jr-panel-series', JrPanelSeries);

declare global {
  interface HTMLElementTagNameMap {
    'jr-panel-series': JrPanelSeries;
  }
}
