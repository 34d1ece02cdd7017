/**
 * <jr-projector-view>: the board for the big screen, readable from the back row. Read-only, it uses the whole
 * screen and never shows note text under MIN_NOTE_TEXT_PX: when the whole map does not fit at that size it
 * shows pages of whole stages ("Stages 1–3 of 6", with an overview strip of all stages), moving on by itself
 * every PAGE_INTERVAL_MS and jumping to the stage or note the facilitator brings everyone to; a page too tall
 * for the screen is shown in parts, each headed by the stage names and showing the name of every lane in it.
 * A high-contrast theme for bright rooms: key C, or `?theme=contrast`.
 */
import { LitElement, css, html, nothing } from 'lit';
import type { BoardInfoResponse } from '../../../shared/api.js';
import '../components/jr-board.js';
import '../components/jr-connection-banner.js';
import '../components/jr-persona-card.js';
import '../components/jr-projector-session.js';
import { BoardSnapshotController } from '../controllers/board-snapshot-controller.js';
import { ConnectionController } from '../controllers/connection-controller.js';
import { PresenceController } from '../controllers/presence-controller.js';
import { StageMetricsController } from '../controllers/stage-metrics-controller.js';
import { boardFacilitation, type BoardFacilitation } from '../facilitation/board-facilitation.js';
import type { FacilitationSession } from '../facilitation/facilitation-session.js';
import { fetchJoinLink, type JoinLink } from '../facilitation/facilitation-api.js';
import { draftCounts } from '../facilitation/presence-drafts.js';
import { SessionController } from '../facilitation/session-controller.js';
import { rankVotes } from '../facilitation/vote-ranking.js';
import type { BoardSession } from '../session/board-session.js';
import { sharedStyles } from '../styles/shared-styles.js';
import {
  cutInPart,
  fillWidth,
  minimumScale,
  pageCount,
  pageLabel,
  pageOfStage,
  pageRange,
  partOffsetsBetweenCards,
  partView,
  stagesPerPage,
  type CardSpan,
  type PartView,
} from '../ui/projector-pages.js';
import { pinnedHeadings, type HeadingSpans } from '../ui/pinned-headings.js';
import { actionGroups } from '../ui/action-groups.js';
import '../components/jr-actions-list.js';

/** Smallest note text on screen (CSS px at 1920×1080): legible from the back of an 8–10 m room. */
export const MIN_NOTE_TEXT_PX = 32;
/** Never blow the map up beyond this, so a near-empty board does not look absurd (note text about 50 px). */
const MAX_SCALE = 2.6;
/** Zoom limit when the facilitator brings everyone to a note. */
const MAX_FOCUS_SCALE = 3.4;
/** The scale the map is drawn at: `scale` rounded to a thousandth, up, so note text stays at its minimum size or above. */
const drawnScale = (scale: number): number => Math.ceil(scale * 1000) / 1000;
/** A note card on the map and where it lies, unscaled (projector-pages.ts). */
interface NoteCard extends CardSpan {
  el: HTMLElement;
}

/** How long a page (or part of one) stays before the projector shows the next. */
export const PAGE_INTERVAL_MS = 15_000;
/** localStorage key of this projector's theme choice. */
const THEME_KEY = 'journeyroom.projector.theme';
/** How often the projector re-reads the join code (a facilitator may have issued a new one). */
const JOIN_CODE_REFRESH_MS = 60_000;

/**
 * Turns a y on screen into one on the unscaled map: measured against the map's own box, so a scale or
 * translate transition still running does not matter.
 */
function onMap(fit: HTMLElement): (clientY: number) => number {
  const box = fit.getBoundingClientRect();
  const drawn = box.height / fit.offsetHeight || 1;
  return (clientY) => (clientY - box.top) / drawn;
}

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
    joinLink: { state: true },
    perPage: { state: true },
    layoutWidth: { state: true },
    page: { state: true },
    pagePart: { state: true },
    parts: { state: true },
    contrast: { type: Boolean, reflect: true },
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
      /* Bright rooms wash out thin grey lines and pale tints: black rules, bold text, white cells. */
      :host([contrast]) {
        --jr-bg: #ffffff;
        --jr-surface-2: #ffffff;
        --jr-muted: #000000;
        --jr-border: #000000;
        --jr-border-strong: #000000;
        font-weight: 600;
      }
      :host([contrast]) jr-board {
        border-width: 3px;
      }
      .persona-line {
        margin: 0;
        font-size: 1.5rem;
      }
      .page-label {
        margin: 0;
        font-size: 1.5rem;
        font-weight: 800;
        white-space: nowrap;
      }
      .overview {
        display: flex;
        gap: 0.4rem;
        margin: 0;
        padding: 0.3rem 1.2rem 0.6rem;
        list-style: none;
        font-size: 1.05rem;
      }
      .overview li {
        flex: 1 1 0;
        min-width: 0;
        padding: 0.25rem 0.5rem;
        border: 2px solid var(--jr-border-strong);
        border-radius: 8px;
        overflow: hidden;
        white-space: nowrap;
        text-overflow: ellipsis;
      }
      .overview li.shown {
        background: #000;
        color: #fff;
        font-weight: 800;
      }
      .overview .count {
        font-weight: 400;
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
        grid-template-columns: minmax(0, 1fr) 17rem;
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
      jr-board {
        /* the repeated headings move with the map, so they stay put while it slides to the next part */
        --jr-pinned-transition: transform 600ms ease;
      }
      @media (prefers-reduced-motion: reduce) {
        .fit {
          transition: none;
        }
        jr-board {
          --jr-pinned-transition: none;
        }
      }
      jr-persona-card {
        margin-bottom: 0.6rem;
        /* Fills the map's width without making it wider (a long description wraps instead). */
        width: 0;
        min-width: 100%;
      }
      jr-board {
        --lane-col: fit-content(9rem);
        --stage-min: 10rem;
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
  /** the join code and link shown with the QR code; re-read now and then, as the facilitator may issue a new one */
  declare joinLink: JoinLink | undefined;
  /** stages per page: all of them when the whole map is readable at once */
  declare perPage: number;
  /** the width (unscaled px) the map is laid out at to span the screen, or undefined for its natural width */
  declare layoutWidth: number | undefined;
  /** the page shown (see projector-pages.ts) */
  declare page: number;
  /** the part of a page too tall for the screen, and the top offsets (unscaled px) of all its parts */
  declare pagePart: number;
  declare parts: number[];
  /** the high-contrast theme for bright rooms (key C or ?theme=contrast; remembered by this browser) */
  declare contrast: boolean;
  private pageTimer: ReturnType<typeof setInterval> | undefined;
  private lastFocusKey = '';
  /** the map's width and a stage column's, measured at the natural width (the last layout without layoutWidth) */
  private natural = { width: 0, stageWidth: 0 };
  private joinCodeTimer: ReturnType<typeof setInterval> | undefined;
  private sessionState: SessionController | undefined;
  private facilitationCache: { board: unknown; session: unknown; value: BoardFacilitation } | undefined;
  private board: BoardSnapshotController | undefined;
  private presence: PresenceController | undefined;
  private connection: ConnectionController | undefined;
  private stageMetrics: StageMetricsController | undefined;
  private readonly resize = new ResizeObserver(() => this.fit());
  /** the note cards hidden because the current part cuts them (hideCutCards) */
  private hiddenCards = new Set<HTMLElement>();

  constructor() {
    super();
    this.session = undefined;
    this.info = undefined;
    this.facilitation = undefined;
    this.scale = 1;
    this.offset = 0;
    this.shiftY = 0;
    this.joinLink = undefined;
    this.perPage = Number.POSITIVE_INFINITY;
    this.layoutWidth = undefined;
    this.page = 0;
    this.pagePart = 0;
    this.parts = [0];
    this.contrast = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.joinCodeTimer ??= setInterval(() => void this.refreshJoinCode(), JOIN_CODE_REFRESH_MS);
    this.pageTimer ??= setInterval(this.nextPage, PAGE_INTERVAL_MS);
    const asked = new URLSearchParams(location.search).get('theme');
    this.contrast = asked ? asked === 'contrast' : localStorage.getItem(THEME_KEY) === 'contrast';
    window.addEventListener('keydown', this.onKey);
  }

  private readonly onKey = (event: KeyboardEvent): void => {
    if (event.key !== 'c' && event.key !== 'C') return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    this.contrast = !this.contrast;
    localStorage.setItem(THEME_KEY, this.contrast ? 'contrast' : 'normal');
  };

  /** Shows the next part of this page, or the next page (only the focused stage's page while a focus is set). */
  private readonly nextPage = (): void => {
    if (this.pagePart < this.parts.length - 1) {
      this.pagePart += 1;
      return;
    }
    this.pagePart = 0;
    const stages = this.board?.snapshot?.stages.length ?? 0;
    if (!this.sessionState?.session.focus) this.showPage((this.page + 1) % pageCount(this.perPage, stages));
  };

  /** Shows another page, laid out at its natural width first (its stages may need other widths). */
  private showPage(page: number): void {
    if (page === this.page) return;
    this.page = page;
    this.layoutWidth = undefined;
  }

  private async refreshJoinCode(): Promise<void> {
    if (!this.session) return;
    try {
      const link = await fetchJoinLink(this.session.boardId, this.session.options.token);
      if (link && (link.joinCode !== this.joinLink?.joinCode || link.joinUrl !== this.joinLink.joinUrl)) this.joinLink = link;
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
    if (this.pageTimer !== undefined) clearInterval(this.pageTimer);
    this.pageTimer = undefined;
    window.removeEventListener('keydown', this.onKey);
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
   * Lays the map out for the screen: everything when it is readable at once (scaled up to fill the screen,
   * or zoomed into a note the facilitator brings everyone to), else pages of whole stages at the minimum
   * text size or more, each in parts when it is taller than the screen.
   */
  private fit(): void {
    const stage = this.renderRoot.querySelector<HTMLElement>('.stage');
    const fit = this.renderRoot.querySelector<HTMLElement>('.fit');
    const board = fit?.querySelector('jr-board');
    const snapshot = this.board?.snapshot;
    if (!stage || !fit || !board || !snapshot) return;
    const styles = getComputedStyle(stage);
    const availableWidth = stage.clientWidth - parseFloat(styles.paddingLeft) - parseFloat(styles.paddingRight);
    const availableHeight = stage.clientHeight - parseFloat(styles.paddingBottom);
    const width = fit.offsetWidth;
    const height = fit.offsetHeight;
    if (!width || !height || availableWidth <= 0 || availableHeight <= 0) return;
    const root = board.renderRoot;
    const stageCount = snapshot.stages.length;
    // Pages are counted on natural stage widths: a map widened to span the screen would count fewer per page.
    if (this.layoutWidth === undefined) {
      this.natural = { width, stageWidth: root.querySelector<HTMLElement>('.stage-head')?.offsetWidth ?? 0 };
    }
    const geometry = {
      availableWidth,
      laneWidth: root.querySelector<HTMLElement>('.corner')?.offsetWidth ?? 0,
      stageWidth: this.natural.stageWidth,
      stageCount,
      noteTextPx: this.noteTextPx(root),
      // half a pixel of headroom: layout sizes are whole pixels, so the drawn size may round down a little
      minTextPx: MIN_NOTE_TEXT_PX + 0.5,
    };
    const perPage = stagesPerPage(geometry);
    if (perPage !== this.perPage) {
      // a new page size: start on the page of the focused stage, or the first
      this.perPage = perPage;
      this.page = this.focusPage(perPage) ?? 0;
      this.pagePart = 0;
      this.layoutWidth = undefined;
      return;
    }
    this.followFocus(perPage);
    const minScale = minimumScale(geometry);
    const focus = this.focusRegion(fit);
    let scale: number;
    let parts = [0];
    let cards: NoteCard[] = [];
    let headings: HeadingSpans | undefined;
    if (focus) {
      scale = Math.max(minScale, Math.min(availableWidth / focus.w, availableHeight / focus.h, MAX_FOCUS_SCALE));
    } else {
      scale = Math.max(minScale, Math.min(availableWidth / width, availableHeight / height, MAX_SCALE));
      if (height * scale > availableHeight + 1) {
        // too tall even at the minimum size: show the page in parts, top to bottom, each ending between cards
        scale = minScale;
        const mapY = onMap(fit);
        cards = this.noteCards(mapY, root);
        headings = board.headingSpans(mapY);
        // at the scale it is drawn at: the window hideCutCards hides against
        parts = partOffsetsBetweenCards(height, availableHeight, drawnScale(scale), cards, headings.board.headingHeight);
      }
    }
    const rounded = drawnScale(scale);
    if (!focus) {
      // At the minimum text size, room left beside the map goes to wider stage columns (notes wrap into
      // fewer lines, fewer parts). The map is laid out again; this runs once more from updated(). A zoomed
      // focus keeps the layout it zoomed into.
      const target = fillWidth(availableWidth, this.natural.width, rounded, minScale * 1.01);
      const changed = target === undefined || this.layoutWidth === undefined ? target !== this.layoutWidth : Math.abs(target - this.layoutWidth) > 2;
      if (changed) {
        this.layoutWidth = target;
        return;
      }
    }
    if (Math.abs(rounded - this.scale) > 0.001) this.scale = rounded;
    if (parts.join() !== this.parts.join()) {
      this.parts = parts;
      this.pagePart = Math.min(this.pagePart, parts.length - 1);
    }
    // Centre the region, but never pull the map away from an edge it covers: a focused last stage sits at
    // the right edge with its neighbours beside it, not in the middle of an empty screen.
    const place = (available: number, size: number, start: number, extent: number): number => {
      const full = size * rounded;
      if (full <= available) return Math.floor((available - full) / 2);
      const centred = (available - extent * rounded) / 2 - start * rounded;
      return Math.floor(Math.min(0, Math.max(available - full, centred)));
    };
    const region = focus ?? { x: 0, y: 0, w: width, h: height };
    const offset = place(availableWidth, width, region.x, region.w);
    const part = parts.length > 1 ? partView(parts, this.pagePart, availableHeight / rounded, headings?.board.headingHeight ?? 0) : undefined;
    const shiftY = focus ? place(availableHeight, height, region.y, region.h) : -Math.round((part?.screenTop ?? 0) * rounded);
    if (offset !== this.offset) this.offset = offset;
    if (shiftY !== this.shiftY) this.shiftY = shiftY;
    this.hideCutCards(cards, part, parseFloat(styles.paddingBottom) / rounded);
    board.pinHeadings(headings && part ? pinnedHeadings(headings, part.screenTop) : undefined);
  }

  /** The note cards of the map with their top and bottom on the unscaled map. */
  private noteCards(mapY: (clientY: number) => number, root: ParentNode): NoteCard[] {
    return [...root.querySelectorAll<HTMLElement>('jr-note')].map((el) => {
      const r = el.getBoundingClientRect();
      return { el, top: mapY(r.top), bottom: mapY(r.bottom) };
    });
  }

  /**
   * Hides the cards the part cuts at its top edge (under the repeated headings) or bottom edge, or that start in
   * the map area's bottom padding, which the screen still draws (each is whole in a part before or after it,
   * partOffsetsBetweenCards), and shows every other; with no parts, shows all.
   */
  private hideCutCards(cards: NoteCard[], part: PartView | undefined, drawnBelow: number): void {
    const hidden = new Set(part === undefined ? [] : cards.filter((card) => cutInPart(card, part.top, part.visible, drawnBelow)).map((card) => card.el));
    for (const el of this.hiddenCards) if (!hidden.has(el)) el.style.visibility = '';
    for (const el of hidden) if (!this.hiddenCards.has(el)) el.style.visibility = 'hidden';
    this.hiddenCards = hidden;
  }

  /** Note text size at scale 1: measured on a note when there is one, else from the view's own font size. */
  private noteTextPx(root: ParentNode): number {
    const note = root.querySelector('jr-note');
    const text = note?.renderRoot.querySelector('jr-note-text')?.renderRoot.querySelector('.text');
    if (text) return parseFloat(getComputedStyle(text).fontSize);
    return parseFloat(getComputedStyle(this).fontSize) * 0.95;
  }

  /** The page of the stage the facilitator brought everyone to (or of the focused note), if any. */
  private focusPage(perPage: number): number | undefined {
    const snapshot = this.board?.snapshot;
    const focus = this.sessionState?.session.focus;
    if (!snapshot || !focus) return undefined;
    const stageId = focus.kind === 'stage' ? focus.id : snapshot.notes.find((n) => n.id === focus.id)?.stageId;
    const index = snapshot.stages.findIndex((s) => s.id === stageId);
    return index < 0 ? undefined : pageOfStage(index, perPage, snapshot.stages.length);
  }

  /** When the facilitator moves the focus, shows its page at once (and the part holding a focused note). */
  private followFocus(perPage: number): void {
    const focus = this.sessionState?.session.focus;
    const key = focus ? `${focus.kind}:${focus.id}` : '';
    if (key === this.lastFocusKey) return;
    this.lastFocusKey = key;
    const page = this.focusPage(perPage);
    if (page !== undefined) this.showPage(page);
    this.pagePart = focus?.kind === 'note' ? this.partOfNote(focus.id) : 0;
  }

  /** The part of the current page that shows the note's top (0 when not found). */
  private partOfNote(noteId: string): number {
    const fit = this.renderRoot.querySelector<HTMLElement>('.fit');
    const note = fit?.querySelector('jr-board')?.renderRoot.querySelector<HTMLElement>(`jr-note[data-id="${CSS.escape(noteId)}"]`);
    if (!fit || !note) return 0;
    const top = (note.getBoundingClientRect().top - fit.getBoundingClientRect().top) / (this.scale || 1);
    let part = 0;
    this.parts.forEach((offset, index) => {
      if (offset <= top) part = index;
    });
    return part;
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
    const people = (this.presence?.people ?? []).filter((p) => p.role !== 'projector');
    const session = this.sessionState?.session;
    const focused = session?.focus != null;
    const stageCount = snapshot.stages.length;
    const paged = this.perPage < stageCount;
    const range = paged ? pageRange(this.page, this.perPage, stageCount) : undefined;
    const view = this.connection?.view;
    const noteCounts = new Map<string, number>();
    for (const note of snapshot.notes) noteCounts.set(note.stageId, (noteCounts.get(note.stageId) ?? 0) + 1);
    // "Saved" means nothing to the room: the banner shows only when the projector lost its connection
    const trouble = view && view.state !== 'saved' && view.state !== 'saving';
    return html`<header>
        <h1>${snapshot.meta.title}</h1>
        ${paged && snapshot.persona.name ? html`<p class="persona-line">Persona: <strong>${snapshot.persona.name}</strong></p>` : nothing}
        ${range || this.parts.length > 1
          ? html`<p class="page-label" role="status" data-page-label>
              ${range ? pageLabel(range, stageCount) : `All ${stageCount} stages`}${this.parts.length > 1 ? ` · part ${this.pagePart + 1} of ${this.parts.length}` : ''}
            </p>`
          : nothing}
        ${trouble ? html`<jr-connection-banner .view=${view}></jr-connection-banner>` : nothing}
      </header>
      <div class="main">
        <div class="stage ${focused ? 'focused' : ''}">
          <div
            class="fit"
            style="transform: translate(${this.offset}px, ${this.shiftY}px) scale(${this.scale});${this.layoutWidth === undefined ? '' : ` width: ${this.layoutWidth}px`}"
          >
            ${paged ? nothing : html`<jr-persona-card read-only fixed .persona=${snapshot.persona}></jr-persona-card>`}
            <jr-board
              read-only
              .snapshot=${snapshot}
              .stageRange=${range}
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
          .joinCode=${this.joinLink?.joinCode ?? this.info?.joinCode}
          .joinUrl=${this.joinLink?.joinUrl ?? this.info?.joinUrl}
          .privateNotes=${session?.privateMode.on && this.session ? draftCounts(this.session.awareness).reduce((sum, d) => sum + d.count, 0) : 0}
          .ranking=${session && session.vote.status === 'closed' && session.vote.closedAt !== null ? rankVotes(snapshot, session.vote) : []}
        ></jr-projector-session>
      </div>
      ${range
        ? html`<ol class="overview" aria-label="All stages" data-overview>
            ${snapshot.stages.map(
              (stage, index) => html`<li class=${index >= range.start && index < range.end ? 'shown' : ''}>
                ${index + 1}. ${stage.title} <span class="count">· ${noteCounts.get(stage.id) ?? 0}</span>
              </li>`,
            )}
          </ol>`
        : nothing}`;
  }
}

customElements.define('jr-projector-view', JrProjectorView);

declare global {
  interface HTMLElementTagNameMap {
    'jr-projector-view': JrProjectorView;
  }
}
