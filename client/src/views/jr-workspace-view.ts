/**
 * <jr-workspace-view>: the board for facilitators and participants: title, connection banner, who is
 * here, colour legend, persona card and the editable map, with undo for deletions and a confirm dialog.
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import type { BoardInfoResponse, BoardLinks, JoinResponse } from '../../../shared/api.js';
import { LIMITS, type Author } from '../../../shared/board/schema.js';
import type { PresenceUser } from '../../../shared/protocol.js';
import '../components/jr-board.js';
import '../components/jr-confirm-dialog.js';
import type { ConfirmRequest, JrConfirmDialog } from '../components/jr-confirm-dialog.js';
import '../components/jr-connection-banner.js';
import '../components/jr-copy-link.js';
import '../components/jr-export-menu.js';
import '../components/jr-metrics-import.js';
import '../components/jr-inline-edit.js';
import '../components/jr-legend.js';
import '../components/jr-persona-card.js';
import '../components/jr-presence-bar.js';
import '../components/jr-undo-toast.js';
import type { JrUndoToast } from '../components/jr-undo-toast.js';
import { BoardSnapshotController } from '../controllers/board-snapshot-controller.js';
import { ConnectionController } from '../controllers/connection-controller.js';
import { PresenceController } from '../controllers/presence-controller.js';
import { StageMetricsController } from '../controllers/stage-metrics-controller.js';
import type { FacilitationSession } from '../facilitation/facilitation-session.js';
import { WorkspaceFacilitation } from '../facilitation/workspace-facilitation.js';
import { BoardActions } from '../session/board-actions.js';
import type { BoardSession } from '../session/board-session.js';
import { loadLinks } from '../session/credentials.js';
import { sharedStyles } from '../styles/shared-styles.js';
import { announce } from '../ui/announce.js';
import type { DeletedDetail, NoteEventDetail } from '../ui/drag.js';
import { legendEntries } from '../ui/note-colors.js';

export class JrWorkspaceView extends LitElement {
  static override properties = {
    session: { attribute: false },
    info: { attribute: false },
    member: { attribute: false },
    facilitation: { attribute: false },
    shareOpen: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        height: 100vh;
        height: 100dvh;
        overflow: hidden;
      }
      header {
        display: flex;
        align-items: center;
        flex-wrap: wrap;
        gap: 0.5rem 1rem;
        padding: 0.5rem 1rem;
        background: var(--jr-surface);
        border-bottom: 1px solid var(--jr-border);
      }
      .brand {
        color: var(--jr-accent);
        font-weight: 800;
        text-decoration: none;
        white-space: nowrap;
      }
      h1 {
        flex: 1 1 16rem;
        min-width: 0;
        margin: 0;
        font-size: 1.3rem;
      }
      .me {
        font-size: 0.85em;
        color: var(--jr-muted);
        white-space: nowrap;
      }
      .me strong {
        color: var(--jr-text);
      }
      .strip {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        align-items: center;
        gap: 0.4rem 1.5rem;
        padding: 0.45rem 1rem;
      }
      jr-persona-card {
        padding: 0 1rem 0.6rem;
      }
      .map {
        flex: 1;
        min-height: 0;
        margin: 0 1rem 1rem;
        background: var(--jr-surface);
        border: 1px solid var(--jr-border);
        border-radius: 12px;
        overflow: hidden;
        box-shadow: var(--jr-shadow);
      }
      jr-board {
        height: 100%;
      }
      .share {
        display: grid;
        gap: 0.8rem;
        margin: 0 1rem 0.6rem;
        padding: 1rem;
        background: var(--jr-surface);
        border: 1px solid var(--jr-border);
        border-radius: 12px;
      }
      .share-head {
        display: flex;
        justify-content: space-between;
        align-items: center;
      }
      .share h2 {
        margin: 0;
        font-size: 1.05rem;
      }
      .refused {
        margin: 0 1rem 0.6rem;
      }
      .refused .btn {
        margin-left: 0.6rem;
      }
      @media (min-width: 900px) {
        /* room for the facilitator panel (fixed on the right) */
        :host([panel-open]) {
          padding-right: min(24rem, 100vw);
        }
      }
      @media (max-width: 700px) {
        .map {
          margin: 0 0.4rem 0.4rem;
        }
      }
    `,
  ];

  declare session: BoardSession | undefined;
  declare info: BoardInfoResponse | undefined;
  declare member: JoinResponse | undefined;
  /** the session doc connection (metrics, facilitation state) */
  declare facilitation: FacilitationSession | undefined;
  declare shareOpen: boolean;
  private stageMetrics: StageMetricsController | undefined;
  /** session bar, facilitator panel, votes, drafts, focus (see facilitation/workspace-facilitation.ts) */
  private workshop: WorkspaceFacilitation | undefined;
  private actions: BoardActions | undefined;
  private board: BoardSnapshotController | undefined;
  private presence: PresenceController | undefined;
  private connection: ConnectionController | undefined;
  private links: BoardLinks | undefined;

  constructor() {
    super();
    this.session = undefined;
    this.info = undefined;
    this.member = undefined;
    this.facilitation = undefined;
    this.shareOpen = false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('facilitation') && this.facilitation && !this.stageMetrics) {
      this.stageMetrics = new StageMetricsController(this, this.facilitation.sessionDoc);
    }
    if (this.facilitation && this.session && !this.workshop) {
      this.workshop = new WorkspaceFacilitation(this, {
        board: this.session,
        facilitation: this.facilitation,
        info: this.info,
        member: this.member,
        reportError: (message) => this.reportError(message),
      });
    }
    // Controllers are made once, when the session arrives (a view shows one session for its lifetime).
    if (!changed.has('session') || !this.session || this.actions) return;
    const session = this.session;
    const member = this.member;
    const author: Author | undefined = member
      ? { id: member.memberId, name: member.name, role: member.role, department: member.department }
      : undefined;
    const self: PresenceUser | undefined = member
      ? { memberId: member.memberId, name: member.name, role: member.role, department: member.department }
      : undefined;
    this.actions = new BoardActions(session.doc, session.localOrigin, author, (message) => this.reportError(message));
    this.board = new BoardSnapshotController(this, session.doc);
    this.presence = new PresenceController(this, session.awareness, self);
    this.connection = new ConnectionController(this, session.status);
    this.links = this.info?.role === 'facilitator' ? loadLinks(session.boardId) : undefined;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.actions?.dispose();
  }

  private reportError(message: string): void {
    this.renderRoot.querySelector<JrUndoToast>('jr-undo-toast')?.error(message);
  }

  protected override render() {
    const snapshot = this.board?.snapshot;
    const view = this.connection?.view;
    if (!snapshot || !this.session) return nothing;
    const member = this.member;
    const roleText = member ? (member.role === 'stakeholder' ? member.department || 'Stakeholder' : member.role === 'customer' ? 'Customer' : 'Facilitator') : '';
    const colours = legendEntries([
      ...snapshot.notes.map((n) => ({ role: n.authorRole, department: n.department })),
      ...(member ? [{ role: member.role, department: member.department }] : []),
    ]);
    const loaded = snapshot.stages.length > 0 || view?.state === 'saved' || view?.state === 'saving';
    const workshop = this.workshop;
    const locked = workshop?.locked ?? false;
    // What the server would refuse is not offered: the structure and others' notes are the facilitator's by default.
    const structureLocked = locked || !(workshop?.mayEditStructure ?? this.info?.role === 'facilitator');
    const deleteAny = workshop?.mayDeleteAnyNote ?? this.info?.role === 'facilitator';
    const sessionProps = workshop?.boardProps(snapshot);
    return html`<header>
        <a class="brand" href="/" aria-label="Journeyroom start page">◆ Journeyroom</a>
        <h1>
          ${structureLocked
            ? snapshot.meta.title
            : html`<jr-inline-edit
                .value=${snapshot.meta.title}
                label="Board title"
                max-length=${LIMITS.titleChars}
                .commit=${(title: string) => this.actions?.setTitle(title) ?? false}
              ></jr-inline-edit>`}
        </h1>
        <jr-connection-banner .view=${view}></jr-connection-banner>
        ${workshop?.renderToggle() ?? nothing}
        ${this.links ? html`<button class="btn" aria-expanded=${this.shareOpen ? 'true' : 'false'} @click=${() => (this.shareOpen = !this.shareOpen)}>Share links</button>` : nothing}
        ${this.renderExportTools()}
        ${member ? html`<span class="me">You: <strong>${member.name}</strong> · ${roleText}</span>` : nothing}
      </header>
      ${workshop?.renderBar(snapshot) ?? nothing}
      ${view?.state === 'refused'
        ? html`<div class="refused error-box" role="alert">${view.detail}<button class="btn" @click=${() => location.reload()}>Reload</button></div>`
        : nothing}
      ${this.shareOpen && this.links ? this.renderShare(this.links) : nothing}
      <div class="strip">
        <jr-presence-bar .people=${this.presence?.people ?? []}></jr-presence-bar>
        <jr-legend .entries=${colours}></jr-legend>
      </div>
      <jr-persona-card ?read-only=${structureLocked} .persona=${snapshot.persona} .actions=${this.actions}></jr-persona-card>
      <div class="map" @jr-editing=${this.onEditing} @jr-deleted=${this.onDeleted} @jr-confirm=${this.onConfirm}>
        ${loaded
          ? html`<jr-board
              .snapshot=${snapshot}
              .doc=${this.session.doc}
              .actions=${this.actions}
              .editing=${this.presence?.editing ?? new Map()}
              .metrics=${this.stageMetrics?.metrics ?? {}}
              ?locked=${locked}
              ?structure-locked=${structureLocked}
              .deleteAny=${deleteAny}
              .memberId=${member?.memberId}
              .facilitation=${sessionProps?.facilitation}
              .drafts=${sessionProps?.drafts ?? []}
              .draftDoc=${sessionProps?.draftDoc}
              .draftActions=${sessionProps?.draftActions}
              .draftWriter=${sessionProps?.draftWriter}
            ></jr-board>`
          : html`<p role="status" style="padding:1rem">Loading the board…</p>`}
      </div>
      <div @jr-confirm=${this.onConfirm}>${workshop?.renderPanel(snapshot) ?? nothing}</div>
      ${workshop?.renderCausesDialog(snapshot) ?? nothing}
      <jr-undo-toast></jr-undo-toast>
      <jr-confirm-dialog></jr-confirm-dialog>`;
  }

  /** Export menu for everyone who may export; metrics import for the facilitator. */
  private renderExportTools() {
    const session = this.session;
    const role = this.info?.role;
    if (!session || (role !== 'facilitator' && role !== 'participant')) return nothing;
    return html`${role === 'facilitator'
        ? html`<jr-metrics-import .boardId=${session.boardId} .token=${session.options.token} .metrics=${this.stageMetrics?.metrics ?? {}}></jr-metrics-import>`
        : nothing}
      <jr-export-menu .boardId=${session.boardId} .token=${session.options.token} .boardTitle=${this.board?.snapshot.meta.title ?? ''}></jr-export-menu>`;
  }

  private renderShare(links: BoardLinks) {
    return html`<section class="share" aria-labelledby="share-title">
      <div class="share-head">
        <h2 id="share-title">Invite people</h2>
        <button class="btn" @click=${() => (this.shareOpen = false)}>Close</button>
      </div>
      <jr-copy-link label="Participant link" hint="For customers and stakeholders." .url=${links.participant}></jr-copy-link>
      <jr-copy-link label="Projector link" hint="Open on the big screen (read-only)." .url=${links.projector}></jr-copy-link>
    </section>`;
  }

  private readonly onEditing = (event: CustomEvent<NoteEventDetail | null>): void => {
    this.session?.setPresence({ editing: event.detail?.noteId ?? null });
  };

  private readonly onDeleted = (event: CustomEvent<DeletedDetail>): void => {
    const label = event.detail.label;
    announce(`${label} deleted. Undo is available for a few seconds.`);
    this.renderRoot.querySelector<JrUndoToast>('jr-undo-toast')?.offerUndo(`${label} deleted.`, () => {
      if (this.actions?.undoDelete()) announce(`${label} restored.`);
    });
  };

  private readonly onConfirm = (event: CustomEvent<ConfirmRequest>): void => {
    const dialog = this.renderRoot.querySelector<JrConfirmDialog>('jr-confirm-dialog');
    if (!dialog) return;
    event.preventDefault();
    dialog.open(event.detail);
  };
}

customElements.define('jr-workspace-view', JrWorkspaceView);

declare global {
  interface HTMLElementTagNameMap {
    'jr-workspace-view': JrWorkspaceView;
  }
}
