/**
 * <jr-workspace-view>: the board for facilitators and participants: skip links, title, connection banner,
 * who is here, colour legend, persona card, the map toolbar (add, undo/redo, grid or outline, compact) and
 * the editable map as a grid, an outline, or one stage at a time on a phone (below PHONE_MAX_WIDTH_PX).
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import type { BoardInfoResponse, BoardLinks, JoinResponse } from '../../../shared/api.js';
import { LIMITS, type Author } from '../../../shared/board/schema.js';
import type { PresenceUser } from '../../../shared/protocol.js';
import '../components/jr-board.js';
import type { JrBoard } from '../components/jr-board.js';
import '../components/jr-board-outline.js';
import type { JrBoardOutline } from '../components/jr-board-outline.js';
import '../components/jr-map-toolbar.js';
import { MAP_TOOLBAR_EVENT, type QuickAddDetail } from '../components/jr-map-toolbar.js';
import '../components/jr-phone-board.js';
import { STAGE_CHANGE_EVENT, type JrPhoneBoard } from '../components/jr-phone-board.js';
import '../components/jr-confirm-dialog.js';
import type { ConfirmRequest, JrConfirmDialog } from '../components/jr-confirm-dialog.js';
import '../components/jr-connection-banner.js';
import '../components/jr-copy-link.js';
import '../components/jr-actions-section.js';
import '../components/jr-export-menu.js';
import '../components/jr-metrics-import.js';
import '../components/jr-inline-edit.js';
import '../components/jr-invite.js';
import '../components/jr-legend.js';
import '../components/jr-persona-card.js';
import '../components/jr-presence-bar.js';
import '../components/jr-undo-toast.js';
import type { JrUndoToast } from '../components/jr-undo-toast.js';
import { BoardSnapshotController } from '../controllers/board-snapshot-controller.js';
import { ConnectionController } from '../controllers/connection-controller.js';
import { PresenceController } from '../controllers/presence-controller.js';
import { StageMetricsController } from '../controllers/stage-metrics-controller.js';
import { UndoController } from '../controllers/undo-controller.js';
import type { FacilitationSession } from '../facilitation/facilitation-session.js';
import { WorkspaceFacilitation } from '../facilitation/workspace-facilitation.js';
import { BoardActions } from '../session/board-actions.js';
import { ActionItems } from '../session/action-items.js';
import type { ConnectionView } from '../session/connection-status.js';
import type { BoardSession } from '../session/board-session.js';
import { loadLinks } from '../session/credentials.js';
import { sharedStyles } from '../styles/shared-styles.js';
import { workspaceStyles } from '../styles/workspace-styles.js';
import { announce } from '../ui/announce.js';
import { addNoteIn, focusedStageId, type BoardBinding } from '../ui/board-binding.js';
import type { DeletedDetail, NoteEventDetail } from '../ui/drag.js';
import { legendEntries } from '../ui/note-colors.js';
import { VIEW_PREF, loadFlag, loadLayout, saveFlag, saveLayout } from '../ui/view-prefs.js';

/** Below this viewport width the map shows one stage at a time, lanes stacked (the phone view). */
export const PHONE_MAX_WIDTH_PX = 600;

export class JrWorkspaceView extends LitElement {
  static override properties = {
    session: { attribute: false },
    info: { attribute: false },
    member: { attribute: false },
    facilitation: { attribute: false },
    shareOpen: { state: true },
    phone: { type: Boolean, reflect: true },
    compact: { type: Boolean, reflect: true },
    layout: { state: true },
    personaCollapsed: { state: true },
    phoneStageId: { state: true },
  };
  static override styles = [sharedStyles, workspaceStyles];

  declare session: BoardSession | undefined;
  declare info: BoardInfoResponse | undefined;
  declare member: JoinResponse | undefined;
  /** the session doc connection (metrics, facilitation state) */
  declare facilitation: FacilitationSession | undefined;
  declare shareOpen: boolean;
  /** the viewport is phone-sized: one stage at a time, the page scrolls */
  declare phone: boolean;
  declare compact: boolean;
  declare layout: 'grid' | 'outline';
  declare personaCollapsed: boolean;
  /** the stage the phone view shows (undefined: the room's stage, else the first) */
  declare phoneStageId: string | undefined;
  private stageMetrics: StageMetricsController | undefined;
  /** session bar, facilitator panel, votes, drafts, focus (see facilitation/workspace-facilitation.ts) */
  private workshop: WorkspaceFacilitation | undefined;
  private actions: BoardActions | undefined;
  private actionItems: ActionItems | undefined;
  private board: BoardSnapshotController | undefined;
  private presence: PresenceController | undefined;
  private connection: ConnectionController | undefined;
  private links: BoardLinks | undefined;
  private readonly undo = new UndoController(this, () => this.workshop?.locked ?? false);
  private readonly phoneQuery = window.matchMedia(`(max-width: ${PHONE_MAX_WIDTH_PX - 0.02}px)`);
  /** focus.at of the facilitator's focus the phone view last followed */
  private followedFocusAt: number | undefined;
  /** the board has been shown once: focus went to it (after joining or rejoining) */
  private boardShown = false;

  constructor() {
    super();
    this.session = undefined;
    this.info = undefined;
    this.member = undefined;
    this.facilitation = undefined;
    this.shareOpen = false;
    this.phone = this.phoneQuery.matches;
    this.compact = loadFlag(VIEW_PREF.compact) ?? false;
    this.layout = loadLayout();
    // A phone starts with the persona on one line: the map needs the height.
    this.personaCollapsed = loadFlag(VIEW_PREF.personaCollapsed) ?? this.phone;
    this.phoneStageId = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.phoneQuery.addEventListener('change', this.onPhoneChange);
    this.addEventListener(MAP_TOOLBAR_EVENT.add, this.onQuickAdd);
    this.addEventListener(MAP_TOOLBAR_EVENT.undo, this.onUndo);
    this.addEventListener(MAP_TOOLBAR_EVENT.redo, this.onRedo);
    this.addEventListener(MAP_TOOLBAR_EVENT.layout, this.onLayout);
    this.addEventListener(MAP_TOOLBAR_EVENT.compact, this.onCompact);
    this.addEventListener(STAGE_CHANGE_EVENT, this.onStageChange);
    this.addEventListener('jr-persona-collapse', this.onPersonaCollapse);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.phoneQuery.removeEventListener('change', this.onPhoneChange);
    this.removeEventListener(MAP_TOOLBAR_EVENT.add, this.onQuickAdd);
    this.removeEventListener(MAP_TOOLBAR_EVENT.undo, this.onUndo);
    this.removeEventListener(MAP_TOOLBAR_EVENT.redo, this.onRedo);
    this.removeEventListener(MAP_TOOLBAR_EVENT.layout, this.onLayout);
    this.removeEventListener(MAP_TOOLBAR_EVENT.compact, this.onCompact);
    this.removeEventListener(STAGE_CHANGE_EVENT, this.onStageChange);
    this.removeEventListener('jr-persona-collapse', this.onPersonaCollapse);
    this.actions?.dispose();
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
    this.followFocusOnPhone();
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
    this.actionItems = author ? new ActionItems(session.doc, session.localOrigin, author.name, (message) => this.reportError(message)) : undefined;
    this.undo.attach(this.actions.history);
    this.board = new BoardSnapshotController(this, session.doc);
    this.presence = new PresenceController(this, session.awareness, self);
    // saving ↔ saved (twice per keystroke) is the banner's alone: it follows the status itself
    const live = (view: ConnectionView): boolean => view.state === 'saving' || view.state === 'saved';
    this.connection = new ConnectionController(this, session.status, (before, after) => !(live(before) && live(after)));
    this.links = this.info?.role === 'facilitator' ? loadLinks(session.boardId) : undefined;
  }

  protected override updated(): void {
    // After joining (or rejoining on reload) the keyboard starts on the board, not on the page body.
    if (this.boardShown) return;
    const board = this.renderRoot.querySelector<HTMLElement>('#board');
    if (!board || !this.renderRoot.querySelector('jr-board, jr-board-outline, jr-phone-board')) return;
    this.boardShown = true;
    board.focus({ preventScroll: true });
  }

  /** On a phone, a new focus of the facilitator switches the stage shown (while following). */
  private followFocusOnPhone(): void {
    const workshop = this.workshop;
    const focus = workshop?.session.focus;
    if (!workshop || !focus || focus.at === this.followedFocusAt) return;
    this.followedFocusAt = focus.at;
    if (workshop.role === 'facilitator' || !workshop.following || !this.board) return;
    const stageId = focusedStageId({ snapshot: this.board.snapshot, facilitation: workshop.boardProps(this.board.snapshot).facilitation });
    if (stageId) this.phoneStageId = stageId;
  }

  private reportError(message: string): void {
    this.renderRoot.querySelector<JrUndoToast>('jr-undo-toast')?.error(message);
  }

  /** Everything a rendering of the map needs (grid, outline, phone). */
  private binding(): BoardBinding | undefined {
    const snapshot = this.board?.snapshot;
    const session = this.session;
    if (!snapshot || !session) return undefined;
    const props = this.workshop?.boardProps(snapshot);
    return {
      snapshot,
      doc: session.doc,
      actions: this.actions,
      locked: this.workshop?.locked ?? false,
      // What the server would refuse is not offered: the structure and others' notes are the facilitator's by default.
      structureLocked: (this.workshop?.locked ?? false) || !(this.workshop?.mayEditStructure ?? this.info?.role === 'facilitator'),
      deleteAny: this.workshop?.mayDeleteAnyNote ?? this.info?.role === 'facilitator',
      memberId: this.member?.memberId,
      facilitation: props?.facilitation,
      drafts: props?.drafts ?? [],
      draftDoc: props?.draftDoc,
      draftActions: props?.draftActions,
      draftWriter: props?.draftWriter,
      editing: this.presence?.editing ?? new Map<string, string[]>(),
    };
  }

  protected override render() {
    const snapshot = this.board?.snapshot;
    const view = this.connection?.view;
    const binding = this.binding();
    if (!snapshot || !this.session || !binding) return nothing;
    const member = this.member;
    const roleText = member ? (member.role === 'stakeholder' ? member.department || 'Stakeholder' : member.role === 'customer' ? 'Customer' : 'Facilitator') : '';
    const colours = legendEntries([
      ...snapshot.notes.map((n) => ({ role: n.authorRole, department: n.department })),
      ...(member ? [{ role: member.role, department: member.department }] : []),
    ]);
    const loaded = snapshot.stages.length > 0 || view?.state === 'saved' || view?.state === 'saving';
    const workshop = this.workshop;
    const locked = binding.locked;
    const structureLocked = binding.structureLocked;
    // Buttons, not #fragment links: the targets live in shadow roots, which a fragment cannot reach.
    return html`<nav class="skips" aria-label="Skip links">
        <button class="skip" @click=${this.skipToBoard}>Skip to board</button>
        <button class="skip" @click=${this.skipToOutline}>Skip to outline</button>
      </nav>
      <header>
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
        <jr-connection-banner .status=${this.session.status}></jr-connection-banner>
        ${workshop?.renderToggle() ?? nothing}
        ${this.links || this.info?.joinUrl
          ? html`<button class="btn" aria-expanded=${this.shareOpen ? 'true' : 'false'} aria-controls="invite" @click=${() => (this.shareOpen = !this.shareOpen)}>Invite</button>`
          : nothing}
        ${this.renderExportTools()}
        ${member ? html`<span class="me">You: <strong>${member.name}</strong> · ${roleText}</span>` : nothing}
      </header>
      <main>
        ${workshop?.renderBar(snapshot) ?? nothing}
        ${view?.state === 'refused'
          ? html`<div class="refused error-box" role="alert">${view.detail}<button class="btn" @click=${() => location.reload()}>Reload</button></div>`
          : nothing}
        ${this.shareOpen ? this.renderShare() : nothing}
        <div class="strip">
          <jr-presence-bar .people=${this.presence?.people ?? []}></jr-presence-bar>
          <jr-legend .entries=${colours}></jr-legend>
        </div>
        <jr-persona-card ?read-only=${structureLocked} ?collapsed=${this.personaCollapsed} .persona=${snapshot.persona} .actions=${this.actions}></jr-persona-card>
        <section id="board" class="board" tabindex="-1" aria-label="Board" @jr-editing=${this.onEditing} @jr-deleted=${this.onDeleted} @jr-confirm=${this.onConfirm}>
          ${loaded
            ? html`<jr-map-toolbar
                .stages=${snapshot.stages}
                .lanes=${snapshot.lanes}
                .currentStageId=${focusedStageId(binding)}
                ?can-undo=${this.undo.state.canUndo}
                ?can-redo=${this.undo.state.canRedo}
                .layout=${this.layout}
                ?compact=${this.compact}
                ?phone=${this.phone}
                ?locked=${locked}
              ></jr-map-toolbar>`
            : nothing}
          <div class="map ${this.phone || this.layout === 'outline' ? 'outline' : ''}">
            ${loaded ? this.renderMap(binding) : html`<p role="status" style="padding:1rem">Loading the board…</p>`}
          </div>
        </section>
        <jr-actions-section .boardId=${this.session.boardId} .token=${this.info?.role === 'projector' ? '' : this.session.options.token} .snapshot=${snapshot} .items=${this.actionItems} ?locked=${locked}></jr-actions-section>
      </main>
      <div @jr-confirm=${this.onConfirm}>${workshop?.renderPanel(snapshot) ?? nothing}</div>
      ${workshop?.renderCausesDialog(snapshot) ?? nothing}
      <jr-undo-toast></jr-undo-toast>
      <jr-confirm-dialog></jr-confirm-dialog>`;
  }

  /** The map as a grid, an outline, or (on a phone) one stage at a time. */
  private renderMap(binding: BoardBinding) {
    if (this.phone) {
      const stages = binding.snapshot.stages;
      const stageId = stages.some((s) => s.id === this.phoneStageId) ? this.phoneStageId : (focusedStageId(binding) ?? stages[0]?.id);
      return html`<jr-phone-board .binding=${binding} stage-id=${stageId ?? ''}></jr-phone-board>`;
    }
    if (this.layout === 'outline') return html`<jr-board-outline .binding=${binding}></jr-board-outline>`;
    return html`<jr-board
      lazy
      .snapshot=${binding.snapshot}
      .doc=${binding.doc}
      .actions=${binding.actions}
      .editing=${binding.editing}
      .metrics=${this.stageMetrics?.metrics ?? {}}
      ?locked=${binding.locked}
      ?structure-locked=${binding.structureLocked}
      .deleteAny=${binding.deleteAny}
      .memberId=${binding.memberId}
      .facilitation=${binding.facilitation}
      .drafts=${binding.drafts}
      .draftDoc=${binding.draftDoc}
      .draftActions=${binding.draftActions}
      .draftWriter=${binding.draftWriter}
    ></jr-board>`;
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

  private renderShare() {
    return html`<section class="share" id="invite" aria-labelledby="share-title">
      <div class="share-head">
        <h2 id="share-title">Invite people</h2>
        <button class="btn" @click=${() => (this.shareOpen = false)}>Close</button>
      </div>
      <jr-invite .joinUrl=${this.workshop?.joinUrl ?? this.info?.joinUrl} .joinCode=${this.workshop?.joinCode ?? this.info?.joinCode} .links=${this.links}></jr-invite>
    </section>`;
  }

  private focusBoard(): void {
    this.renderRoot.querySelector<HTMLElement>('#board')?.focus();
  }

  private readonly skipToBoard = (): void => {
    this.focusBoard();
  };

  /** Shows the outline (a phone always does) and starts reading at its first heading. */
  private readonly skipToOutline = async (): Promise<void> => {
    if (!this.phone && this.layout !== 'outline') this.setLayout('outline');
    await this.updateComplete;
    const view = this.renderRoot.querySelector<JrBoardOutline | JrPhoneBoard>('jr-board-outline, jr-phone-board');
    await view?.updateComplete;
    const outline = view?.localName === 'jr-phone-board' ? view.renderRoot.querySelector<JrBoardOutline>('jr-board-outline') : (view as JrBoardOutline | null);
    await outline?.updateComplete;
    const heading = outline?.renderRoot.querySelector<HTMLElement>('h2');
    if (heading) heading.focus();
    else this.focusBoard();
  };

  private setLayout(layout: 'grid' | 'outline'): void {
    this.layout = layout;
    saveLayout(layout);
  }

  private readonly onPhoneChange = (event: MediaQueryListEvent): void => {
    this.phone = event.matches;
  };

  private readonly onQuickAdd = (event: Event): void => {
    const { stageId, laneId } = (event as CustomEvent<QuickAddDetail>).detail;
    const binding = this.binding();
    if (!binding || binding.locked) return;
    const id = addNoteIn(binding, stageId, laneId);
    if (!id) return;
    const view = this.renderRoot.querySelector<JrBoard | JrBoardOutline>('jr-board, jr-board-outline');
    view?.focusNoteText(id);
  };

  private readonly onUndo = (): void => this.undo.undo();
  private readonly onRedo = (): void => this.undo.redo();

  private readonly onLayout = (event: Event): void => {
    const layout = (event as CustomEvent<'grid' | 'outline'>).detail;
    this.setLayout(layout);
    announce(layout === 'outline' ? 'The map is shown as an outline: stages as headings, lanes as lists.' : 'The map is shown as a grid.');
  };

  private readonly onCompact = (event: Event): void => {
    this.compact = (event as CustomEvent<boolean>).detail;
    saveFlag(VIEW_PREF.compact, this.compact);
  };

  private readonly onStageChange = (event: Event): void => {
    this.phoneStageId = (event as CustomEvent<string>).detail;
  };

  private readonly onPersonaCollapse = (event: Event): void => {
    this.personaCollapsed = (event as CustomEvent<boolean>).detail;
    saveFlag(VIEW_PREF.personaCollapsed, this.personaCollapsed);
  };

  private readonly onEditing = (event: CustomEvent<NoteEventDetail | null>): void => {
    this.session?.setPresence({ editing: event.detail?.noteId ?? null });
  };

  private readonly onDeleted = (event: CustomEvent<DeletedDetail>): void => {
    const label = event.detail.label;
    const deletion = this.actions?.lastDeletion();
    announce(`${label} deleted. Undo is available for a few seconds, or press Control+Z.`);
    if (!deletion) return;
    this.renderRoot.querySelector<JrUndoToast>('jr-undo-toast')?.offerUndo(`${label} deleted.`, () => {
      if (this.actions?.undoDeletion(deletion)) announce(`${label} restored.`);
      else this.reportError('Not restored: you changed something since. Use Undo (Ctrl+Z) step by step.');
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
