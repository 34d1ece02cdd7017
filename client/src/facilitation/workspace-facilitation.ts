/**
 * The facilitation side of the workspace view, as one reactive controller so the view stays small: reads the
 * session doc and this member's drafts, binds the facilitator's and the participants' actions, follows the
 * facilitator's focus, publishes this person's draft count in presence, plays the timer's end sound, and
 * renders the session bar, the facilitator panel and the root-cause dialog. Listens on the host for the
 * events notes and the board send up (dots, focus requests, root causes).
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { BoardInfoResponse, JoinResponse } from '../../../shared/api.js';
import { readNotes, readStages } from '../../../shared/board/read.js';
import type { Author, LaneKind } from '../../../shared/board/schema.js';
import type { BoardSnapshot } from '../../../shared/board/snapshot.js';
import type { FocusState, SessionSnapshot } from '../../../shared/session/schema.js';
import { voteLaneIds } from '../../../shared/session/vote.js';
import type { CausesSaveDetail, JrCausesDialog } from '../components/jr-causes-dialog.js';
import '../components/jr-causes-dialog.js';
import '../components/jr-facilitator-panel.js';
import '../components/jr-session-bar.js';
import type { PresentPerson } from '../controllers/presence-controller.js';
import { BoardActions } from '../session/board-actions.js';
import type { BoardSession } from '../session/board-session.js';
import { loadLinks } from '../session/credentials.js';
import { announce } from '../ui/announce.js';
import { loadFlag, saveFlag, VIEW_PREF } from '../ui/view-prefs.js';
import { FACILITATION_EVENT, boardFacilitation, noteLabel, type BoardFacilitation, type DotDetail, type FocusDetail } from './board-facilitation.js';
import type { FacilitationSession } from './facilitation-session.js';
import { FacilitatorActions } from './facilitator-actions.js';
import { ParticipationActions } from './participation-actions.js';
import { draftCounts } from './presence-drafts.js';
import { SessionController } from './session-controller.js';
import { loadMuted, playTimerEnd, saveMuted } from './timer-sound.js';
import { rankVotes } from './vote-ranking.js';
import { sameFacilitationInputs, type FacilitationInputsMemo } from './facilitation-inputs.js';
import { fetchVoteTally } from './facilitation-api.js';
import { VoteView } from './vote-view.js';
import { readBallot, voteKey } from '../../../shared/session/ballot.js';
import type { VoteTallyResponse } from '../../../shared/api.js';

/** How often the facilitator's view asks for the running tally of a hidden vote. */
const VOTE_TALLY_POLL_MS = 2000;

/** A rendering of the map that can point at a stage or a note (grid, outline, phone view). */
export interface MapView {
  /** The element showing a stage's header or a note, once rendered; null when it is not shown. */
  focusTarget(focus: NonNullable<FocusState>): Promise<HTMLElement | null>;
}

type Host = ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment };

export interface WorkspaceFacilitationOptions {
  board: BoardSession;
  facilitation: FacilitationSession;
  info: BoardInfoResponse | undefined;
  member: JoinResponse | undefined;
  reportError: (message: string) => void;
}

/** What the view hands to <jr-board>. */
export interface BoardSessionProps {
  facilitation: BoardFacilitation;
  locked: boolean;
  drafts: SessionController['drafts'];
  draftDoc: FacilitationSession['privateDoc'];
  draftActions: BoardActions | undefined;
  draftWriter: ((stageId: string, laneId: string, kind: LaneKind) => string | undefined) | undefined;
}

export class WorkspaceFacilitation implements ReactiveController {
  readonly state: SessionController;
  readonly facilitatorActions: FacilitatorActions | undefined;
  readonly participation: ParticipationActions;
  readonly draftActions: BoardActions | undefined;
  readonly role: 'facilitator' | 'participant';
  following = true;
  muted = loadMuted();
  panelOpen: boolean;
  joinCode: string | undefined;
  /** the short join link, as the server built it on the room address */
  joinUrl: string | undefined;
  /** why other devices cannot open the links, when the server says so */
  readonly roomProblem: string | undefined;
  projectorLink: string | undefined;
  private lastFocusAt: number | undefined;
  private publishedDrafts = -1;
  private cache: { board: BoardSnapshot; session: SessionSnapshot; locked: boolean; value: BoardFacilitation; inputs: FacilitationInputsMemo } | undefined;
  /** the server's running tally of a hidden vote (facilitator only) */
  private tally: VoteTallyResponse | undefined;
  /** the open vote as this person sees it, reusing unchanged notes (vote-view.ts) */
  private readonly votes = new VoteView();
  private tallyTimer: number | undefined;
  private previous: SessionSnapshot | undefined;

  constructor(
    private readonly host: Host,
    private readonly options: WorkspaceFacilitationOptions,
  ) {
    const { board, facilitation, member, info } = options;
    this.role = info?.role === 'facilitator' ? 'facilitator' : 'participant';
    this.state = new SessionController(host, facilitation);
    const author: Author | undefined = member ? { id: member.memberId, name: member.name, role: member.role, department: member.department } : undefined;
    this.facilitatorActions = this.role === 'facilitator' ? new FacilitatorActions(facilitation, options.reportError) : undefined;
    this.participation = new ParticipationActions(
      board.doc,
      board.localOrigin,
      facilitation.privateDoc,
      facilitation.localOrigin,
      author,
      () => facilitation.clock.now(),
      options.reportError,
    );
    this.draftActions = facilitation.privateDoc ? new BoardActions(facilitation.privateDoc, facilitation.localOrigin, author, options.reportError) : undefined;
    this.panelOpen = this.role === 'facilitator' && (loadFlag(VIEW_PREF.panelOpen) ?? window.matchMedia('(min-width: 1100px)').matches);
    this.joinCode = info?.joinCode;
    this.joinUrl = info?.joinUrl;
    this.roomProblem = info?.roomProblem;
    this.projectorLink = this.role === 'facilitator' ? loadLinks(board.boardId)?.projector : undefined;
    host.addController(this);
  }

  get session(): SessionSnapshot {
    return this.state.session;
  }

  /** The board refuses this person's changes now. */
  get locked(): boolean {
    return this.session.locked && this.role !== 'facilitator';
  }

  /** This person may edit the title, persona, stages and lanes (the server refuses it otherwise). */
  get mayEditStructure(): boolean {
    return this.role === 'facilitator' || this.session.permissions.structure;
  }

  /** This person may delete notes others wrote (the server refuses it otherwise). */
  get mayDeleteAnyNote(): boolean {
    return this.role === 'facilitator' || this.session.permissions.deleteAnyNote;
  }

  hostConnected(): void {
    if (this.role === 'facilitator') this.tallyTimer = window.setInterval(this.pollTally, VOTE_TALLY_POLL_MS);
    this.host.addEventListener(FACILITATION_EVENT.dot, this.onDot);
    this.host.addEventListener(FACILITATION_EVENT.focus, this.onFocus);
    this.host.addEventListener(FACILITATION_EVENT.causes, this.onCausesOpen);
    this.host.addEventListener('jr-causes-save', this.onCausesSave);
    this.host.addEventListener('jr-timer-ended', this.onTimerEnded);
    this.host.addEventListener('jr-follow-change', this.onFollow);
    this.host.addEventListener('jr-mute-change', this.onMute);
    this.host.addEventListener('jr-links-changed', this.onLinks);
    this.syncPanelAttribute();
  }

  hostDisconnected(): void {
    window.clearInterval(this.tallyTimer);
    this.host.removeEventListener(FACILITATION_EVENT.dot, this.onDot);
    this.host.removeEventListener(FACILITATION_EVENT.focus, this.onFocus);
    this.host.removeEventListener(FACILITATION_EVENT.causes, this.onCausesOpen);
    this.host.removeEventListener('jr-causes-save', this.onCausesSave);
    this.host.removeEventListener('jr-timer-ended', this.onTimerEnded);
    this.host.removeEventListener('jr-follow-change', this.onFollow);
    this.host.removeEventListener('jr-mute-change', this.onMute);
    this.host.removeEventListener('jr-links-changed', this.onLinks);
    this.draftActions?.dispose();
  }

  hostUpdated(): void {
    this.publishDraftCount();
    this.announceChanges();
    const focus = this.session.focus;
    if (focus && focus.at !== this.lastFocusAt) {
      this.lastFocusAt = focus.at;
      if (this.role !== 'facilitator' && this.following) void this.goTo(focus, true);
    } else if (!focus) {
      this.lastFocusAt = undefined;
    }
  }

  /**
   * The board as this person sees the open vote: their own dots from their ballot, and for the facilitator with
   * hidden counts, everyone's from the server's running tally (participants get nobody else's until the close).
   */
  voteView(board: BoardSnapshot): BoardSnapshot {
    const vote = this.session.vote;
    if (vote.status !== 'open') return board;
    const key = voteKey(vote);
    const tally = this.role === 'facilitator' && vote.hideCounts && this.tally?.vote === key ? this.tally.dots : undefined;
    const me = this.options.member?.memberId;
    const privateDoc = this.options.facilitation.privateDoc;
    const ballot = me && privateDoc ? readBallot(privateDoc, key) : {};
    return this.votes.apply(board, { tally, me, ballot });
  }

  /** Asks the server for the running tally while a hidden vote is open (facilitator only). */
  private readonly pollTally = (): void => {
    const vote = this.session.vote;
    if (this.role !== 'facilitator' || vote.status !== 'open' || !vote.hideCounts) return;
    const { boardId, token } = this.options.facilitation.options;
    fetchVoteTally(boardId, token).then(
      (tally) => {
        this.tally = tally;
        this.host.requestUpdate();
      },
      (error: unknown) => console.warn('journeyroom: running tally not available', error),
    );
  };

  /** Everything <jr-board> needs for the session. */
  boardProps(rawBoard: BoardSnapshot): BoardSessionProps {
    const session = this.session;
    const board = this.voteView(rawBoard);
    // Same object while nothing it depends on changed, so typing in a note does not re-render every note.
    if (!this.cache || this.cache.session !== session || this.cache.locked !== this.locked || !sameFacilitationInputs(this.cache.board, board, this.cache.inputs)) {
      this.cache = {
        board,
        session,
        locked: this.locked,
        inputs: {},
        value: boardFacilitation({ board, session, role: this.role, memberId: this.options.member?.memberId, canEdit: !this.locked }),
      };
    } else {
      // the next comparison then meets this read's note objects, mostly the same by identity
      this.cache.board = board;
    }
    const writing = session.privateMode.on && this.role === 'participant' && this.options.facilitation.privateDoc !== undefined;
    return {
      facilitation: this.cache.value,
      locked: this.locked,
      drafts: this.state.drafts,
      draftDoc: this.options.facilitation.privateDoc,
      draftActions: this.draftActions,
      draftWriter: writing ? this.writeDraft : undefined,
    };
  }

  private readonly writeDraft = (stageId: string, laneId: string, kind: LaneKind): string | undefined => this.participation.addDraft(stageId, laneId, kind);

  /** The "Facilitate" button of the header (facilitator only). */
  renderToggle() {
    if (this.role !== 'facilitator') return nothing;
    return html`<button class="btn ${this.panelOpen ? 'primary' : ''}" aria-expanded=${this.panelOpen ? 'true' : 'false'} aria-controls="facilitator-panel"
      @click=${() => this.setPanel(!this.panelOpen)}>Facilitate</button>`;
  }

  /** The session bar under the header. */
  renderBar(board: BoardSnapshot) {
    const session = this.session;
    const props = this.boardProps(board);
    const laneTitles = session.vote.status === 'open' ? voteLaneIds(session.vote, board.lanes).map((id) => board.lanes.find((l) => l.id === id)?.title ?? '').filter(Boolean) : [];
    const ranking = session.vote.status === 'closed' && session.vote.closedAt !== null ? rankVotes(board, session.vote) : [];
    return html`<jr-session-bar
      .session=${session}
      .clock=${this.options.facilitation.clock}
      viewer-role=${this.role}
      ?following=${this.following}
      ?muted=${this.muted}
      .drafts=${this.state.drafts.length}
      .dotsLeft=${this.role === 'participant' ? props.facilitation.dotsLeft : undefined}
      .voteLaneTitles=${laneTitles}
      .ranking=${ranking}
      .writers=${session.privateMode.on ? draftCounts(this.options.board.awareness).filter((d) => d.memberId !== this.options.member?.memberId) : []}
    ></jr-session-bar>`;
  }

  /** The facilitator's side panel (facilitator only, when open). */
  renderPanel(board: BoardSnapshot) {
    if (this.role !== 'facilitator' || !this.panelOpen) return nothing;
    const { facilitation } = this.options;
    return html`<jr-facilitator-panel
      id="facilitator-panel"
      .boardId=${facilitation.boardId}
      .token=${facilitation.options.token}
      .actions=${this.facilitatorActions}
      .clock=${facilitation.clock}
      .session=${this.session}
      .board=${this.voteView(board)}
      .draftCounts=${draftCounts(this.options.board.awareness)}
      .joinCode=${this.joinCode}
      .joinUrl=${this.joinUrl}
      .roomProblem=${this.roomProblem}
      .projectorLink=${this.projectorLink}
      @jr-panel-close=${() => this.setPanel(false)}
    ></jr-facilitator-panel>`;
  }

  renderCausesDialog(board: BoardSnapshot) {
    return html`<jr-causes-dialog .board=${board}></jr-causes-dialog>`;
  }

  /** People present, for counts. */
  static people(people: readonly PresentPerson[]): PresentPerson[] {
    return people.filter((p) => p.role !== 'projector');
  }

  private setPanel(open: boolean): void {
    this.panelOpen = open;
    saveFlag(VIEW_PREF.panelOpen, open);
    this.syncPanelAttribute();
    this.host.requestUpdate();
  }

  private syncPanelAttribute(): void {
    this.host.toggleAttribute('panel-open', this.panelOpen);
  }

  /** Tells screen-reader users what the facilitator changed (sighted people see the session bar change). */
  private announceChanges(): void {
    const now = this.session;
    const before = this.previous;
    this.previous = now;
    if (!before || before === now || !this.options.facilitation.sessionSynced) return;
    const messages: string[] = [];
    if (now.phaseId !== before.phaseId) {
      const phase = now.agenda.find((p) => p.id === now.phaseId);
      if (phase) messages.push(`Phase: ${phase.title}.`);
    }
    if (now.locked !== before.locked && this.role !== 'facilitator') messages.push(now.locked ? 'The facilitator locked the board.' : 'The board is unlocked.');
    if (now.privateMode.on !== before.privateMode.on && this.role !== 'facilitator') {
      messages.push(now.privateMode.on ? 'Silent brainstorm started: your new notes are private.' : 'Silent brainstorm ended.');
    }
    if (now.privateMode.revealedAt !== before.privateMode.revealedAt && now.privateMode.revealedAt !== null) messages.push('All notes were revealed.');
    if (now.vote.status !== before.vote.status) messages.push(now.vote.status === 'open' ? `Dot vote open: ${now.vote.dotsPerPerson} dots each.` : 'The vote is closed. Results are shown.');
    if (now.timer.status === 'running' && (before.timer.status !== 'running' || before.timer.endsAt !== now.timer.endsAt)) {
      messages.push(`Timer running: ${Math.round(now.timer.durationMs / 60_000) || 'under a'} minute${now.timer.durationMs === 60_000 ? '' : 's'}.`);
    }
    if (messages.length) announce(messages.join(' '));
  }

  private publishDraftCount(): void {
    if (!this.options.facilitation.privateDoc) return;
    const count = this.state.drafts.length;
    if (count === this.publishedDrafts) return;
    this.publishedDrafts = count;
    this.options.board.setPresence({ drafts: count });
  }

  /** Scrolls the map (grid, outline or phone view) to a stage or a note and says so. */
  private async goTo(focus: NonNullable<FocusState>, announceIt: boolean): Promise<void> {
    const view = this.host.renderRoot.querySelector<HTMLElement & MapView>('jr-board, jr-board-outline, jr-phone-board');
    const target = await view?.focusTarget(focus);
    if (!target) return;
    const smooth = !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    target.scrollIntoView({ behavior: smooth ? 'smooth' : 'auto', block: focus.kind === 'note' ? 'center' : 'start', inline: 'center' });
    if (announceIt) {
      const doc = this.options.board.doc;
      const what =
        focus.kind === 'stage'
          ? `the stage ${readStages(doc).find((s) => s.id === focus.id)?.title ?? ''}`
          : `the note ${(() => {
              const note = readNotes(doc).find((n) => n.id === focus.id);
              return note ? noteLabel(note) : '';
            })()}`;
      announce(`The facilitator brought everyone to ${what}.`);
    }
  }

  private readonly onDot = (event: Event): void => {
    const { noteId, delta } = (event as CustomEvent<DotDetail>).detail;
    if (this.locked) return;
    if (delta > 0) {
      const left = this.participation.placeDot(this.session.vote, noteId);
      if (left !== undefined) announce(`Dot placed. ${left} left.`);
    } else if (this.participation.removeDot(this.session.vote, noteId)) {
      announce('Dot taken back.');
    }
  };

  private readonly onFocus = (event: Event): void => {
    const detail = (event as CustomEvent<FocusDetail>).detail;
    if (this.facilitatorActions?.setFocus(detail)) announce(`Everyone is brought to this ${detail.kind}.`);
  };

  private readonly onCausesOpen = (event: Event): void => {
    const { noteId } = (event as CustomEvent<{ noteId: string }>).detail;
    void this.host.renderRoot.querySelector<JrCausesDialog>('jr-causes-dialog')?.open(noteId);
  };

  private readonly onCausesSave = (event: Event): void => {
    const { noteId, causeIds, ownerDepartment } = (event as CustomEvent<CausesSaveDetail>).detail;
    if (this.locked) return;
    const ok = this.participation.setCauses(noteId, causeIds) && this.participation.setOwnerDepartment(noteId, ownerDepartment);
    if (ok) announce(`Root causes saved: ${causeIds.length} linked.`);
  };

  private readonly onTimerEnded = (event: Event): void => {
    // Only the session bar's timer speaks (the panel shows a second copy for the facilitator).
    if (event.composedPath().some((node) => (node as Element).localName === 'jr-facilitator-panel')) return;
    announce("Time's up.");
    if (!this.muted) playTimerEnd();
  };

  private readonly onFollow = (event: Event): void => {
    this.following = (event as CustomEvent<boolean>).detail;
    announce(this.following ? 'Following the facilitator.' : 'Not following the facilitator any more.');
    const focus = this.session.focus;
    if (this.following && focus) void this.goTo(focus, false);
    this.host.requestUpdate();
  };

  private readonly onMute = (event: Event): void => {
    this.muted = (event as CustomEvent<boolean>).detail;
    saveMuted(this.muted);
    this.host.requestUpdate();
  };

  private readonly onLinks = (event: Event): void => {
    const detail = (event as CustomEvent<{ joinCode?: string; joinUrl?: string; projectorLink?: string }>).detail;
    if (detail.joinCode) this.joinCode = detail.joinCode;
    if (detail.joinUrl) this.joinUrl = detail.joinUrl;
    if (detail.projectorLink) this.projectorLink = detail.projectorLink;
    this.host.requestUpdate();
  };
}
