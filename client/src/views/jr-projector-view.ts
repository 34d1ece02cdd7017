/**
 * <jr-projector-view>: the board for the big screen. Read-only (no join form, no controls), large type,
 * high contrast, and scaled to fit the screen without scroll bars, however large the map grows.
 */
import { LitElement, css, html, nothing } from 'lit';
import type { BoardInfoResponse } from '../../../shared/api.js';
import '../components/jr-board.js';
import '../components/jr-connection-banner.js';
import '../components/jr-legend.js';
import '../components/jr-persona-card.js';
import '../components/jr-projector-session.js';
import { BoardSnapshotController } from '../controllers/board-snapshot-controller.js';
import { ConnectionController } from '../controllers/connection-controller.js';
import { PresenceController } from '../controllers/presence-controller.js';
import { StageMetricsController } from '../controllers/stage-metrics-controller.js';
import { boardFacilitation, type BoardFacilitation } from '../facilitation/board-facilitation.js';
import type { FacilitationSession } from '../facilitation/facilitation-session.js';
import { fetchJoinCode } from '../facilitation/facilitation-api.js';
import { draftCounts } from '../facilitation/presence-drafts.js';
import { SessionController } from '../facilitation/session-controller.js';
import { rankVotes } from '../facilitation/vote-ranking.js';
import type { BoardSession } from '../session/board-session.js';
import { sharedStyles } from '../styles/shared-styles.js';
import { legendEntries } from '../ui/note-colors.js';
import { actionGroups } from '../ui/action-groups.js';
import '../components/jr-actions-list.js';

/** Never blow the map up beyond this, so a near-empty board does not look absurd. */
const MAX_SCALE = 1.6;
/** Zoom limit when the facilitator brings everyone to a stage or a note. */
const MAX_FOCUS_SCALE = 2.2;
/** How often the projector re-reads the join code (a facilitator may have issued a new one). */
const JOIN_CODE_REFRESH_MS = 60_000;

/** A rectangle in the map's own (unscaled) coordinates. */
interface Region {
  x: number;
  y: number;
  w: number;
  h: number;
}

export class JrProjectorView extends LitElement {
  static override properties = {
    session: { attribute: false },
    info: { attribute: false },
    facilitation: { attribute: false },
    scale: { state: true },
    offset: { state: true },
    shiftY: { state: true },
    joinCode: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      section.actions {
        margin-top: 1.5rem;
      }
      section.actions h2 {
        font-size: 2rem;
        margin: 0 0 0.5rem;
      }
      :host {
        /* High contrast for projectors: pure white, black text, darker rules. */
        --jr-bg: #ffffff;
        --jr-surface: #ffffff;
        --jr-surface-2: #f1f2f4;
        --jr-text: #000000;
        --jr-muted: #2b2f36;
        --jr-border: #8d94a1;
        --jr-border-strong: #30343b;
        display: flex;
        flex-direction: column;
        height: 100vh;
        height: 100dvh;
        overflow: hidden;
        background: #fff;
        color: #000;
        font-size: 20px;
      }
      header {
        display: flex;
        align-items: center;
        gap: 1rem 2rem;
        flex-wrap: wrap;
        padding: 0.6rem 1.2rem 0.4rem;
      }
      h1 {
        flex: 1 1 auto;
        margin: 0;
        font-size: 1.9rem;
        line-height: 1.15;
      }
      .main {
        flex: 1;
        min-height: 0;
        display: grid;
        grid-template-columns: minmax(0, 1fr) 19rem;
        gap: 1.2rem;
        padding-right: 1.2rem;
      }
      .stage {
        min-height: 0;
        position: relative;
        overflow: hidden;
        padding: 0 0 0.8rem 1.2rem;
      }
      jr-projector-session {
        min-height: 0;
        overflow: hidden;
        padding-bottom: 0.8rem;
      }
      .fit {
        position: absolute;
        top: 0;
        left: 1.2rem;
        transform-origin: top left;
        width: max-content;
        transition: transform 600ms ease;
      }
      @media (prefers-reduced-motion: reduce) {
        .fit {
          transition: none;
        }
      }
      jr-persona-card {
        margin-bottom: 0.6rem;
        /* Fills the map's width without making it wider (a long description wraps instead). */
        width: 0;
        min-width: 100%;
      }
      jr-board {
        --lane-col: fit-content(12rem);
        --stage-min: 11rem;
        border: 2px solid var(--jr-border-strong);
        border-radius: 10px;
        overflow: hidden;
      }
    `,
  ];

  declare session: BoardSession | undefined;
  declare info: BoardInfoResponse | undefined;
  /** the session doc connection (metrics, facilitation state) */
  declare facilitation: FacilitationSession | undefined;
  declare scale: number;
  /** left offset that centres a map narrower than the screen (or the focused part of it) */
  declare offset: number;
  /** top offset (negative when zoomed into a focused stage or note) */
  declare shiftY: number;
  /** the join code shown with the QR code; re-read now and then, as the facilitator may issue a new one */
  declare joinCode: string | undefined;
  private joinCodeTimer: ReturnType<typeof setInterval> | undefined;
  private sessionState: SessionController | undefined;
  private facilitationCache: { board: unknown; session: unknown; value: BoardFacilitation } | undefined;
  private board: BoardSnapshotController | undefined;
  private presence: PresenceController | undefined;
  private connection: ConnectionController | undefined;
  private stageMetrics: StageMetricsController | undefined;
  private readonly resize = new ResizeObserver(() => this.fit());

  constructor() {
    super();
    this.session = undefined;
    this.info = undefined;
    this.facilitation = undefined;
    this.scale = 1;
    this.offset = 0;
    this.shiftY = 0;
    this.joinCode = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.joinCodeTimer ??= setInterval(() => void this.refreshJoinCode(), JOIN_CODE_REFRESH_MS);
  }

  private async refreshJoinCode(): Promise<void> {
    if (!this.session) return;
    try {
      const code = await fetchJoinCode(this.session.boardId, this.session.options.token);
      if (code && code !== this.joinCode) this.joinCode = code;
    } catch (error) {
      // Offline for a moment or the link was replaced: keep showing the code we have.
      console.warn('journeyroom: could not refresh the join code', error);
    }
  }

  protected override willUpdate(): void {
    if (this.facilitation && !this.stageMetrics) this.stageMetrics = new StageMetricsController(this, this.facilitation.sessionDoc);
    if (this.facilitation && !this.sessionState) this.sessionState = new SessionController(this, this.facilitation);
    if (!this.session || this.board) return;
    this.board = new BoardSnapshotController(this, this.session.doc);
    this.presence = new PresenceController(this, this.session.awareness, undefined);
    this.connection = new ConnectionController(this, this.session.status);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resize.disconnect();
    if (this.joinCodeTimer !== undefined) clearInterval(this.joinCodeTimer);
    this.joinCodeTimer = undefined;
  }

  protected override updated(): void {
    const stage = this.renderRoot.querySelector<HTMLElement>('.stage');
    const fit = this.renderRoot.querySelector<HTMLElement>('.fit');
    if (stage && fit) {
      this.resize.observe(stage);
      this.resize.observe(fit);
    }
    this.fit();
  }

  /**
   * Scales the map so that all of it is visible (width and height both fit), or, while the facilitator
   * brings everyone to a note, so that the note and its surroundings fill the screen.
   */
  private fit(): void {
    const stage = this.renderRoot.querySelector<HTMLElement>('.stage');
    const fit = this.renderRoot.querySelector<HTMLElement>('.fit');
    if (!stage || !fit) return;
    const styles = getComputedStyle(stage);
    const availableWidth = stage.clientWidth - parseFloat(styles.paddingLeft) - parseFloat(styles.paddingRight);
    const availableHeight = stage.clientHeight - parseFloat(styles.paddingBottom);
    const width = fit.offsetWidth;
    const height = fit.offsetHeight;
    if (!width || !height || availableWidth <= 0 || availableHeight <= 0) return;
    const focus = this.focusRegion(fit);
    const region = focus ?? { x: 0, y: 0, w: width, h: height };
    const scale = Math.min(availableWidth / region.w, availableHeight / region.h, focus ? MAX_FOCUS_SCALE : MAX_SCALE);
    const rounded = Math.floor(scale * 1000) / 1000;
    if (Math.abs(rounded - this.scale) > 0.001) this.scale = rounded;
    // Centre the region, but never pull the map away from an edge it covers: a focused last stage sits at
    // the right edge with its neighbours beside it, not in the middle of an empty screen.
    const place = (available: number, size: number, start: number, extent: number): number => {
      const full = size * rounded;
      if (full <= available) return Math.floor((available - full) / 2);
      const centred = (available - extent * rounded) / 2 - start * rounded;
      return Math.floor(Math.min(0, Math.max(available - full, centred)));
    };
    const offset = place(availableWidth, width, region.x, region.w);
    const shiftY = focus ? place(availableHeight, height, region.y, region.h) : 0;
    if (offset !== this.offset) this.offset = offset;
    if (shiftY !== this.shiftY) this.shiftY = shiftY;
  }

  /** The focused note with its cell, in map coordinates; undefined without a note focus. */
  private focusRegion(fit: HTMLElement): Region | undefined {
    const focus = this.sessionState?.session.focus;
    const board = fit.querySelector('jr-board');
    if (!focus || !board) return undefined;
    const root = board.renderRoot;
    // A stage is a full-height column: zooming gains little and would cut the lane names, so the whole map
    // stays in view and the board highlights the stage (and dims the rest). A note is zoomed into, with its
    // cell around it.
    if (focus.kind === 'stage') return undefined;
    const note = root.querySelector(`jr-note[data-id="${CSS.escape(focus.id)}"]`);
    const elements = [note, note?.closest('.cell')].filter((e): e is Element => e instanceof Element);
    if (elements.length === 0) return undefined;
    const box = fit.getBoundingClientRect();
    // The rendered scale right now (it may be mid-transition), so the region is right whatever it is.
    const current = box.width / fit.offsetWidth || 1;
    let left = Infinity;
    let top = Infinity;
    let right = -Infinity;
    let bottom = -Infinity;
    for (const element of elements) {
      const r = element.getBoundingClientRect();
      left = Math.min(left, r.left);
      top = Math.min(top, r.top);
      right = Math.max(right, r.right);
      bottom = Math.max(bottom, r.bottom);
    }
    const margin = 24;
    return {
      x: (left - box.left) / current - margin,
      y: (top - box.top) / current - margin,
      w: (right - left) / current + 2 * margin,
      h: (bottom - top) / current + 2 * margin,
    };
  }

  private boardFacilitation(): BoardFacilitation | undefined {
    const board = this.board?.snapshot;
    const session = this.sessionState?.session;
    if (!board || !session) return undefined;
    const cache = this.facilitationCache;
    if (cache && cache.board === board && cache.session === session) return cache.value;
    const value = boardFacilitation({ board, session, role: 'projector', memberId: undefined, canEdit: false });
    this.facilitationCache = { board, session, value };
    return value;
  }

  protected override render() {
    const snapshot = this.board?.snapshot;
    if (!snapshot) return nothing;
    const colours = legendEntries(snapshot.notes.map((n) => ({ role: n.authorRole, department: n.department })));
    const people = (this.presence?.people ?? []).filter((p) => p.role !== 'projector');
    const session = this.sessionState?.session;
    const focused = session?.focus != null;
    return html`<header>
        <h1>${snapshot.meta.title}</h1>
        <jr-connection-banner .view=${this.connection?.view}></jr-connection-banner>
        <jr-legend .entries=${colours}></jr-legend>
      </header>
      <div class="main">
        <div class="stage ${focused ? 'focused' : ''}">
          <div class="fit" style="transform: translate(${this.offset}px, ${this.shiftY}px) scale(${this.scale})">
            <jr-persona-card read-only .persona=${snapshot.persona}></jr-persona-card>
            <jr-board
              read-only
              .snapshot=${snapshot}
              .doc=${this.session?.doc}
              .metrics=${this.stageMetrics?.metrics ?? {}}
              .facilitation=${this.boardFacilitation()}
            ></jr-board>
            ${(snapshot.actions?.length ?? 0) > 0
              ? html`<section class="actions" aria-label="Actions by department"><h2>Actions</h2><jr-actions-list large .actions=${actionGroups(snapshot)}></jr-actions-list></section>`
              : nothing}
          </div>
        </div>
        <jr-projector-session
          .session=${session}
          .clock=${this.facilitation?.clock}
          .people=${people}
          .joinCode=${this.joinCode ?? this.info?.joinCode}
          .privateNotes=${session?.privateMode.on && this.session ? draftCounts(this.session.awareness).reduce((sum, d) => sum + d.count, 0) : 0}
          .ranking=${session && session.vote.status === 'closed' && session.vote.closedAt !== null ? rankVotes(snapshot, session.vote) : []}
        ></jr-projector-session>
      </div>`;
  }
}

customElements.define('jr-projector-view', JrProjectorView);

declare global {
  interface HTMLElementTagNameMap {
    'jr-projector-view': JrProjectorView;
  }
}
