/**
 * <jr-facilitator-panel>: everything a facilitator needs to run the workshop, in one side panel of
 * collapsible sections: agenda, timer, silent brainstorm (live draft counts, reveal), dot voting (lanes,
 * dots, hidden counts, ranking), lock and focus, the links to share (join code, QR, projector link),
 * checkpoints (take, open read-only, restore with undo) and attendance.
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { formatJoinCode, joinLinkPath } from '../../../shared/api.js';
import type { BoardSnapshot } from '../../../shared/board/snapshot.js';
import type { AttendanceEntry, CheckpointInfo, SessionSnapshot } from '../../../shared/session/schema.js';
import { DEFAULT_DOTS_PER_PERSON, SESSION_LIMITS } from '../../../shared/session/schema.js';
import { DEFAULT_VOTE_LANE_KINDS } from '../../../shared/session/vote.js';
import { noteLabel } from '../facilitation/board-facilitation.js';
import {
  fetchAttendance,
  listCheckpoints,
  openCheckpoint,
  restoreCheckpoint,
  revealDrafts,
  rotateLink,
  takeCheckpoint,
} from '../facilitation/facilitation-api.js';
import type { FacilitatorActions } from '../facilitation/facilitator-actions.js';
import { draftSentence, type DraftCount } from '../facilitation/presence-drafts.js';
import type { ServerClock } from '../facilitation/server-clock.js';
import { rankVotes } from '../facilitation/vote-ranking.js';
import { ApiError } from '../session/api-client.js';
import { sharedStyles } from '../styles/shared-styles.js';
import { announce } from '../ui/announce.js';
import { icon } from '../ui/icons.js';
import type { JrCheckpointViewer } from './jr-checkpoint-viewer.js';
import './jr-checkpoint-viewer.js';
import { askConfirm } from './jr-confirm-dialog.js';
import './jr-copy-link.js';
import './jr-qr-code.js';
import './jr-session-timer.js';

const PRESETS_MIN = [1, 3, 5, 10] as const;

function message(error: unknown): string {
  return error instanceof ApiError ? error.message : String(error);
}

function duration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

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
    customMinutes: { state: true },
    newPhase: { state: true },
    renaming: { state: true },
    voteLanes: { state: true },
    dots: { state: true },
    hideCounts: { state: true },
    checkpointName: { state: true },
    checkpoints: { state: true },
    attendance: { state: true },
    busy: { state: true },
    notice: { state: true },
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
      details {
        border-bottom: 1px solid var(--jr-border);
      }
      summary {
        display: flex;
        align-items: center;
        gap: 0.5rem;
        padding: 0.65rem 1rem;
        cursor: pointer;
        font-weight: 700;
        list-style: none;
      }
      summary::-webkit-details-marker {
        display: none;
      }
      summary::before {
        content: '▸';
        color: var(--jr-muted);
        transition: transform var(--jr-motion);
      }
      details[open] > summary::before {
        transform: rotate(90deg);
      }
      summary .badge {
        margin-left: auto;
        padding: 0.05rem 0.5rem;
        border-radius: 999px;
        font-size: 0.78em;
        background: var(--jr-accent-soft);
        color: var(--jr-accent);
      }
      summary .badge.warn {
        background: #fff3cd;
        color: #5c4300;
      }
      .body {
        display: grid;
        gap: 0.6rem;
        padding: 0 1rem 0.9rem;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4rem;
        align-items: center;
      }
      .btn.sm {
        min-height: 2rem;
        padding: 0.25rem 0.6rem;
        font-size: 0.9em;
      }
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
      .input.narrow {
        width: 5.5rem;
      }
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
      label.check {
        display: flex;
        gap: 0.4rem;
        align-items: center;
      }
      ul.plain,
      ol.ranking {
        margin: 0;
        padding-left: 1.3rem;
      }
      ul.plain {
        padding-left: 0;
        list-style: none;
        display: grid;
        gap: 0.2rem;
      }
      .muted {
        color: var(--jr-muted);
      }
      .notice {
        padding: 0.45rem 0.6rem;
        border-radius: var(--jr-radius);
        background: var(--jr-accent-soft);
      }
      .share {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 0.8rem;
        align-items: center;
      }
      .share jr-qr-code {
        width: 8.5rem;
      }
      .code {
        font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
        font-size: 1.35rem;
        font-weight: 800;
        letter-spacing: 0.04em;
      }
      table {
        width: 100%;
        border-collapse: collapse;
        font-size: 0.9em;
      }
      th,
      td {
        text-align: left;
        padding: 0.25rem 0.3rem;
        border-bottom: 1px solid var(--jr-border);
        vertical-align: top;
      }
      .cp {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.3rem;
      }
      .cp .name {
        flex: 1 1 100%;
        font-weight: 600;
      }
      .cp .when {
        flex: 1;
        color: var(--jr-muted);
        font-size: 0.85em;
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
  declare customMinutes: string;
  declare newPhase: string;
  declare renaming: string | undefined;
  declare voteLanes: Set<string> | undefined;
  declare dots: string;
  declare hideCounts: boolean;
  declare checkpointName: string;
  declare checkpoints: CheckpointInfo[] | undefined;
  declare attendance: AttendanceEntry[] | undefined;
  declare busy: string | undefined;
  declare notice: { section: string; text: string; error: boolean } | undefined;

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
    this.customMinutes = '15';
    this.newPhase = '';
    this.renaming = undefined;
    this.voteLanes = undefined;
    this.dots = String(DEFAULT_DOTS_PER_PERSON);
    this.hideCounts = false;
    this.checkpointName = '';
    this.checkpoints = undefined;
    this.attendance = undefined;
    this.busy = undefined;
    this.notice = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.setAttribute('role', 'complementary');
    this.setAttribute('aria-label', 'Facilitator panel');
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Lanes proposed for a vote: the current vote's, else the board's pain and opportunity lanes.
    if ((changed.has('board') || changed.has('session')) && this.board && this.session && !this.voteLanes) {
      const chosen = this.session.vote.laneIds;
      const defaults = this.board.lanes.filter((l) => (DEFAULT_VOTE_LANE_KINDS as readonly string[]).includes(l.kind)).map((l) => l.id);
      if (this.board.lanes.length > 0) this.voteLanes = new Set(chosen.length ? chosen : defaults);
    }
  }

  private say(section: string, text: string, error = false): void {
    this.notice = { section, text, error };
    announce(text);
  }

  private noticeFor(section: string) {
    const n = this.notice;
    if (!n || n.section !== section) return nothing;
    return html`<p class=${n.error ? 'error-box' : 'notice'} role=${n.error ? 'alert' : 'status'}>${n.text}</p>`;
  }

  /** Runs an HTTP action with a busy flag; failures are shown in the section. */
  private async busyDo(section: string, key: string, fn: () => Promise<void>): Promise<void> {
    if (this.busy) return;
    this.busy = key;
    try {
      await fn();
    } catch (error) {
      this.say(section, message(error), true);
    } finally {
      this.busy = undefined;
    }
  }

  protected override render() {
    const session = this.session;
    if (!session || !this.board) return nothing;
    return html`<div class="head">
        <h2 id="panel-title">Facilitate</h2>
        <button class="btn sm" @click=${() => this.dispatchEvent(new CustomEvent('jr-panel-close', { bubbles: true, composed: true }))}>Close</button>
      </div>
      ${this.renderAgenda(session)} ${this.renderTimer(session)} ${this.renderBrainstorm(session)} ${this.renderVote(session)}
      ${this.renderRoom(session)} ${this.renderLinks()} ${this.renderCheckpoints()} ${this.renderAttendance()}
      <jr-checkpoint-viewer></jr-checkpoint-viewer>`;
  }

  // ---- agenda ----

  private renderAgenda(session: SessionSnapshot) {
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

  // ---- timer ----

  private renderTimer(session: SessionSnapshot) {
    const timer = session.timer;
    const minutes = Number(this.customMinutes);
    const customOk = Number.isFinite(minutes) && minutes > 0 && minutes * 60_000 <= SESSION_LIMITS.timerMs;
    return html`<details open>
      <summary>Timer ${timer.status !== 'idle' ? html`<span class="badge">${timer.status}</span>` : nothing}</summary>
      <div class="body">
        ${timer.status !== 'idle' ? html`<div><jr-session-timer .timer=${timer} .clock=${this.clock}></jr-session-timer></div>` : nothing}
        <div class="row" role="group" aria-label="Start a timer">
          ${PRESETS_MIN.map((m) => html`<button class="btn sm" @click=${() => this.start(m * 60_000)}>${m} min</button>`)}
        </div>
        <form class="row" @submit=${(e: Event) => {
          e.preventDefault();
          if (customOk) this.start(Math.round(minutes * 60_000));
        }}>
          <label for="custom-min">Minutes</label>
          <input id="custom-min" class="input narrow" type="number" min="0.1" step="any" max="1440" .value=${this.customMinutes}
            aria-invalid=${customOk ? 'false' : 'true'} @input=${(e: Event) => (this.customMinutes = (e.target as HTMLInputElement).value)} />
          <button class="btn sm" ?disabled=${!customOk}>Start</button>
        </form>
        ${timer.status !== 'idle'
          ? html`<div class="row">
              ${timer.status === 'running'
                ? html`<button class="btn sm" @click=${() => this.actions?.pauseTimer()}>Pause</button>`
                : html`<button class="btn sm" @click=${() => this.actions?.resumeTimer()}>Resume</button>`}
              <button class="btn sm" @click=${() => this.actions?.addTime(60_000)}>+1 min</button>
              <button class="btn sm" @click=${() => this.actions?.stopTimer()}>Stop</button>
            </div>`
          : nothing}
      </div>
    </details>`;
  }

  private start(ms: number): void {
    if (this.actions?.startTimer(ms)) announce(`Timer started: ${duration(ms)}.`);
  }

  // ---- silent brainstorm ----

  private renderBrainstorm(session: SessionSnapshot) {
    const on = session.privateMode.on;
    const writers = this.draftCounts.filter((d) => d.role !== 'facilitator' || d.count > 0);
    const total = writers.reduce((sum, d) => sum + d.count, 0);
    return html`<details open>
      <summary>Silent brainstorm ${on ? html`<span class="badge">on · ${total} private</span>` : nothing}</summary>
      <div class="body">
        <p class="muted" style="margin:0">While it is on, the notes participants add stay private to their author until you reveal them all at once.</p>
        <div class="row">
          ${on
            ? html`<button class="btn sm" @click=${() => this.actions?.setPrivateMode(false)}>End without revealing</button>`
            : html`<button class="btn sm primary" @click=${() => {
                if (this.actions?.setPrivateMode(true)) announce('Silent brainstorm started.');
              }}>Start silent brainstorm</button>`}
          <button class="btn sm ${on ? 'primary' : ''}" ?disabled=${this.busy === 'reveal'} @click=${this.reveal}>Reveal all notes</button>
        </div>
        ${on || total > 0
          ? html`<ul class="plain" aria-label="Private notes per person" aria-live="polite">
              ${writers.length ? writers.map((d) => html`<li data-member=${d.memberId}>${draftSentence(d)}</li>`) : html`<li class="muted">Nobody is here yet.</li>`}
            </ul>`
          : nothing}
        ${this.noticeFor('brainstorm')}
      </div>
    </details>`;
  }

  private readonly reveal = (): void => {
    void this.busyDo('brainstorm', 'reveal', async () => {
      const result = await revealDrafts(this.boardId, this.token);
      const skipped = result.skipped.length ? ` ${result.skipped.length} could not be placed and stay private.` : '';
      this.say('brainstorm', `Revealed ${result.revealed} note${result.revealed === 1 ? '' : 's'}.${skipped}`);
    });
  };

  // ---- dot voting ----

  private renderVote(session: SessionSnapshot) {
    const vote = session.vote;
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
              <div class="row"><button class="btn sm primary" @click=${() => {
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
                <button class="btn sm primary" ?disabled=${!dotsOk || chosen.size === 0} @click=${() => {
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

  // ---- lock and focus ----

  private renderRoom(session: SessionSnapshot) {
    const focus = session.focus;
    let focusText = 'Nobody is being brought anywhere.';
    if (focus && this.board) {
      if (focus.kind === 'stage') focusText = `Everyone is looking at the stage “${this.board.stages.find((s) => s.id === focus.id)?.title ?? 'removed stage'}”.`;
      else {
        const note = this.board.notes.find((n) => n.id === focus.id);
        focusText = `Everyone is looking at the note “${note ? noteLabel(note) : 'removed note'}”.`;
      }
    }
    return html`<details open>
      <summary>Lock and focus ${session.locked ? html`<span class="badge warn">locked</span>` : nothing}</summary>
      <div class="body">
        <div class="row">
          <button class="btn sm ${session.locked ? 'primary' : ''}" aria-pressed=${session.locked ? 'true' : 'false'}
            @click=${() => {
              if (this.actions?.setLocked(!session.locked)) announce(session.locked ? 'Board unlocked.' : 'Board locked for participants.');
            }}>${session.locked ? 'Unlock the board' : 'Lock the board'}</button>
        </div>
        <p style="margin:0" role="status">${focusText}</p>
        <p class="muted" style="margin:0">Use “Bring everyone here” on a stage or a note to move the projector and everyone who follows.</p>
        ${focus ? html`<div class="row"><button class="btn sm" @click=${() => this.actions?.setFocus(null)}>Clear focus</button></div>` : nothing}
      </div>
    </details>`;
  }

  // ---- links ----

  private renderLinks() {
    const code = this.joinCode;
    const joinUrl = code ? `${location.origin}${joinLinkPath(code)}` : undefined;
    return html`<details>
      <summary>Invite people</summary>
      <div class="body">
        ${joinUrl && code
          ? html`<div class="share">
                <jr-qr-code .value=${joinUrl} label="QR code of the join link"></jr-qr-code>
                <div>
                  <div class="muted">Join code</div>
                  <div class="code" data-join-code=${code}>${formatJoinCode(code)}</div>
                  <div class="muted">at ${location.host}/j</div>
                </div>
              </div>
              <jr-copy-link label="Join link" hint="For customers and stakeholders: open it or scan the QR code." .url=${joinUrl}></jr-copy-link>
              <div class="row"><button class="btn sm" ?disabled=${this.busy === 'join'} @click=${this.newJoinCode}>New join code…</button></div>`
          : html`<p class="muted" style="margin:0">The join code is not available.</p>`}
        ${this.projectorLink
          ? html`<jr-copy-link label="Projector link" hint="Open it on the big screen (read-only)." .url=${this.projectorLink}></jr-copy-link>`
          : html`<p class="muted" style="margin:0">This browser does not know the projector link.</p>`}
        <div class="row">
          <button class="btn sm" ?disabled=${this.busy === 'projector'} @click=${this.newProjectorLink}>
            ${this.projectorLink ? 'Issue a new projector link…' : 'Issue a new projector link'}
          </button>
        </div>
        ${this.noticeFor('links')}
      </div>
    </details>`;
  }

  private emitLinks(detail: { joinCode?: string; projectorLink?: string }): void {
    this.dispatchEvent(new CustomEvent('jr-links-changed', { detail, bubbles: true, composed: true }));
  }

  private readonly newJoinCode = async (): Promise<void> => {
    const ok = await askConfirm(this, {
      title: 'New join code?',
      message: 'The current join code and its QR code stop working for people who have not joined yet. People already on the board stay.',
      confirmLabel: 'Issue a new code',
    });
    if (!ok) return;
    await this.busyDo('links', 'join', async () => {
      const result = await rotateLink(this.boardId, this.token, 'join');
      if (result.joinCode) {
        this.joinCode = result.joinCode;
        this.emitLinks({ joinCode: result.joinCode });
      }
      this.say('links', 'New join code issued.');
    });
  };

  private readonly newProjectorLink = async (): Promise<void> => {
    if (this.projectorLink) {
      const ok = await askConfirm(this, {
        title: 'New projector link?',
        message: 'The current projector link stops working; open the new one on the projector.',
        confirmLabel: 'Issue a new link',
      });
      if (!ok) return;
    }
    await this.busyDo('links', 'projector', async () => {
      const result = await rotateLink(this.boardId, this.token, 'projector');
      this.projectorLink = result.link;
      this.emitLinks({ projectorLink: result.link });
      this.say('links', 'New projector link issued. The old one no longer works.');
    });
  };

  // ---- checkpoints ----

  private renderCheckpoints() {
    const list = this.checkpoints;
    return html`<details @toggle=${(e: Event) => {
      if ((e.target as HTMLDetailsElement).open && !this.checkpoints) void this.loadCheckpoints();
    }}>
      <summary>Checkpoints ${list?.length ? html`<span class="badge">${list.length}</span>` : nothing}</summary>
      <div class="body">
        <form class="row" @submit=${this.take}>
          <label class="visually-hidden" for="cp-name">Checkpoint name</label>
          <input id="cp-name" class="input" style="flex:1" placeholder="e.g. End of session 1" maxlength="80"
            .value=${this.checkpointName} @input=${(e: Event) => (this.checkpointName = (e.target as HTMLInputElement).value)} />
          <button class="btn sm" ?disabled=${!this.checkpointName.trim() || this.busy === 'take'}>Take checkpoint</button>
        </form>
        ${this.noticeFor('checkpoints')}
        ${list === undefined
          ? html`<p class="muted" style="margin:0">Loading…</p>`
          : list.length === 0
            ? html`<p class="muted" style="margin:0">No checkpoints yet.</p>`
            : html`<ul class="plain" aria-label="Checkpoints, newest first">
                ${[...list].reverse().map(
                  (cp) => html`<li class="cp">
                    <span class="name">${cp.name}</span>
                    <span class="when">${new Date(cp.createdAt).toLocaleString()}</span>
                    <button class="btn sm" aria-label=${`Open checkpoint ${cp.name}`} ?disabled=${this.busy !== undefined} @click=${() => void this.open(cp)}>Open</button>
                    <button class="btn sm" aria-label=${`Restore checkpoint ${cp.name}`} ?disabled=${this.busy !== undefined} @click=${() => void this.restore(cp)}>Restore…</button>
                  </li>`,
                )}
              </ul>`}
      </div>
    </details>`;
  }

  private async loadCheckpoints(): Promise<void> {
    try {
      this.checkpoints = await listCheckpoints(this.boardId, this.token);
    } catch (error) {
      this.checkpoints = [];
      this.say('checkpoints', `Could not list checkpoints: ${message(error)}`, true);
    }
  }

  private readonly take = (event: Event): void => {
    event.preventDefault();
    const name = this.checkpointName.trim();
    if (!name) return;
    void this.busyDo('checkpoints', 'take', async () => {
      await takeCheckpoint(this.boardId, this.token, name);
      this.checkpointName = '';
      this.checkpoints = await listCheckpoints(this.boardId, this.token);
      this.say('checkpoints', `Checkpoint “${name}” taken.`);
    });
  };

  private async open(cp: CheckpointInfo): Promise<void> {
    await this.busyDo('checkpoints', 'open', async () => {
      const snapshot = await openCheckpoint(this.boardId, this.token, cp.id);
      await this.renderRoot.querySelector<JrCheckpointViewer>('jr-checkpoint-viewer')?.show(cp, snapshot);
    });
  }

  private async restore(cp: CheckpointInfo): Promise<void> {
    const ok = await askConfirm(this, {
      title: `Restore “${cp.name}”?`,
      message: 'The board goes back to this checkpoint for everyone. A checkpoint of the board as it is now is taken first, so you can undo this by restoring it.',
      confirmLabel: 'Restore',
    });
    if (!ok) return;
    await this.busyDo('checkpoints', 'restore', async () => {
      const result = await restoreCheckpoint(this.boardId, this.token, cp.id);
      this.checkpoints = await listCheckpoints(this.boardId, this.token);
      this.say('checkpoints', `Restored “${result.restored.name}”. To undo, restore “${result.undo.name}”.`);
    });
  }

  // ---- attendance ----

  private renderAttendance() {
    const list = this.attendance;
    return html`<details @toggle=${(e: Event) => {
      if ((e.target as HTMLDetailsElement).open) void this.loadAttendance();
    }}>
      <summary>Attendance ${list ? html`<span class="badge">${list.length}</span>` : nothing}</summary>
      <div class="body">
        <div class="row"><button class="btn sm" ?disabled=${this.busy === 'attendance'} @click=${() => void this.loadAttendance()}>Refresh</button></div>
        ${this.noticeFor('attendance')}
        ${list && list.length
          ? html`<table>
              <caption class="visually-hidden">Who joined the board</caption>
              <thead><tr><th scope="col">Name</th><th scope="col">As</th><th scope="col">Joined</th><th scope="col">Time</th></tr></thead>
              <tbody>
                ${list.map(
                  (a) => html`<tr>
                    <td>${a.name}</td>
                    <td>${a.role === 'customer' ? 'Customer' : a.role === 'facilitator' ? 'Facilitator' : a.department || 'Stakeholder'}</td>
                    <td>${a.firstJoinedAt ? new Date(a.firstJoinedAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : '—'}</td>
                    <td>${duration(a.totalMs)}</td>
                  </tr>`,
                )}
              </tbody>
            </table>`
          : list
            ? html`<p class="muted" style="margin:0">Nobody has joined yet.</p>`
            : nothing}
      </div>
    </details>`;
  }

  private async loadAttendance(): Promise<void> {
    await this.busyDo('attendance', 'attendance', async () => {
      this.attendance = await fetchAttendance(this.boardId, this.token);
    });
  }
}

customElements.define('jr-facilitator-panel', JrFacilitatorPanel);

declare global {
  interface HTMLElementTagNameMap {
    'jr-facilitator-panel': JrFacilitatorPanel;
  }
}
