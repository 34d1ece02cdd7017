/**
 * <jr-board>: the journey map as a grid, stages as columns and lanes as rows, each cell listing its
 * notes. Moves notes by drag and drop and by keyboard (announced through the live region). Renders from
 * a BoardSnapshot; note texts bind to their Y.Text, so re-renders never disturb typing.
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { ref } from 'lit/directives/ref.js';
import { repeat } from 'lit/directives/repeat.js';
import type * as Y from 'yjs';
import { noteText } from '../../../shared/board/read.js';
import { LANE_KINDS, LIMITS, type LaneKind, type Note } from '../../../shared/board/schema.js';
import type { BoardSnapshot } from '../../../shared/board/snapshot.js';
import type { Draft } from '../../../shared/session/drafts.js';
import type { FocusState, StageMetric } from '../../../shared/session/schema.js';
import { LazyPartsController } from '../controllers/lazy-parts-controller.js';
import { NoteDropController } from '../controllers/note-drop-controller.js';
import { FACILITATION_EVENT, type BoardFacilitation, type FocusDetail } from '../facilitation/board-facilitation.js';
import type { BoardActions } from '../session/board-actions.js';
import { sharedStyles } from '../styles/shared-styles.js';
import { announce } from '../ui/announce.js';
import { BoardCells, cellKey, editingByCell } from '../ui/board-cells.js';
import type { NoteEventDetail, NoteKeyDetail } from '../ui/drag.js';
import { icon } from '../ui/icons.js';
import { LANE_KIND_INFO } from '../ui/lane-kinds.js';
import { currentSlot, describeSlot, nextSlot, type Slot } from '../ui/note-move.js';
import './jr-lane-header.js';
import './jr-note.js';
import type { JrNote } from './jr-note.js';
import { noteExcerpt } from '../ui/note-excerpt.js';
import { pinnedHeadings, type HeadingSpans, type PinnedHeadings } from '../ui/pinned-headings.js';
import { lightNoteColors, lightNoteContent, lightNoteStyles } from '../ui/light-note.js';
import { LAZY_FROM_NOTES, partLabel, partOf, splitParts } from '../ui/note-parts.js';
import './jr-stage-header.js';

/** A note being moved by keyboard: where it was and where it would go. */
interface Pickup {
  noteId: string;
  target: Slot;
}

type PendingFocus = { kind: 'note-handle' | 'note-text'; id: string } | { kind: 'stage' | 'lane'; id: string };

const NONE: readonly never[] = [];

export class JrBoard extends LitElement {
  static override properties = {
    snapshot: { attribute: false },
    doc: { attribute: false },
    actions: { attribute: false },
    readOnly: { type: Boolean, attribute: 'read-only' },
    structureLocked: { type: Boolean, attribute: 'structure-locked' },
    deleteAny: { attribute: false },
    memberId: { attribute: false },
    locked: { type: Boolean },
    stageRange: { attribute: false },
    facilitation: { attribute: false },
    drafts: { attribute: false },
    draftDoc: { attribute: false },
    draftActions: { attribute: false },
    draftWriter: { attribute: false },
    editing: { attribute: false },
    metrics: { attribute: false },
    lazy: { type: Boolean },
    pickup: { state: true },
    newLaneKind: { state: true },
  };
  static override styles = [
    sharedStyles,
    lightNoteStyles,
    css`
      :host {
        display: block;
        min-height: 0;
        --lane-col: fit-content(13rem);
        --stage-min: 15rem;
      }
      .scroller {
        height: 100%;
        overflow: auto;
        overscroll-behavior: contain;
      }
      :host([read-only]) .scroller {
        overflow: visible;
        height: auto;
      }
      .grid {
        display: grid;
        grid-template-columns: var(--lane-col) repeat(var(--stages), minmax(var(--stage-min), 1fr)) auto;
        width: max-content;
        min-width: 100%;
        gap: 0;
      }
      .corner,
      .stage-head,
      .add-stage-cell {
        position: sticky;
        top: 0;
        z-index: 2;
        background: var(--jr-surface);
        border-bottom: 2px solid var(--jr-border-strong);
        padding: 0.5rem 0.4rem;
      }
      .corner {
        left: 0;
        z-index: 3;
        display: flex;
        align-items: flex-end;
        color: var(--jr-muted);
        font-size: 0.8em;
        font-weight: 600;
      }
      .stage-head {
        border-left: 1px solid var(--jr-border);
        contain: inline-size;
      }
      .lane-head {
        position: sticky;
        left: 0;
        z-index: 1;
        padding: 0.5rem 0.4rem;
        background: var(--jr-surface-2);
        border-right: 2px solid var(--jr-border-strong);
        border-bottom: 1px solid var(--jr-border);
      }
      /*
       * The projector shows a tall map in parts and repeats the headings on each: it moves the heading row and
       * the lane names down by these (its map is translated, not scrolled, so position: sticky cannot).
       */
      :host([read-only]) .corner,
      :host([read-only]) .stage-head {
        transform: translateY(var(--jr-pinned-heading, 0px));
        transition: var(--jr-pinned-transition, none);
      }
      :host([read-only]) .lane-head > jr-lane-header {
        transition: var(--jr-pinned-transition, none);
      }
      .cell {
        display: flex;
        flex-direction: column;
        gap: 0.45rem;
        min-height: 4.25rem;
        padding: 0.45rem;
        border-left: 1px solid var(--jr-border);
        border-bottom: 1px solid var(--jr-border);
        background: var(--jr-bg);
        transition: background var(--jr-motion);
        /* Long note texts wrap inside the column instead of widening it. */
        contain: inline-size;
      }
      /*
       * A big board holds thousands of notes, most of them scrolled out of view: the browser skips the
       * style, layout, paint and hit testing of a cell's notes until the cell comes near the viewport (they
       * stay in the accessibility tree, findable and focusable). Without this, every change on a 2,000-note
       * board repaints and hit-tests every note. Per cell, not per note: each skipped element costs an
       * intersection check every frame. Skipping contains paint, so a cell whose note is being moved or
       * brought into focus (drawn outside the note) is always rendered. Only a block size is assumed for a
       * skipped cell: its width stays out of the column widths, as its inline-size containment already keeps it.
       */
      .cell:not(.draws-outside) {
        content-visibility: auto;
        contain-intrinsic-block-size: auto 12rem;
      }
      /*
       * On a big board a skipped cell is assumed as tall as its notes would be: assumed short, every cell
       * would seem near the viewport and render all its parts at once.
       */
      .lazy .cell:not(.draws-outside) {
        contain-intrinsic-block-size: auto calc(var(--cell-notes) * (var(--jr-note-estimate, 10rem) + 0.45rem) + 3.5rem);
      }
      .cell.kind-feeling {
        background: #f3eefb;
      }
      .cell.kind-pains {
        background: #fbefee;
      }
      .cell.kind-opportunities {
        background: #edf7ef;
      }
      .cell.drop {
        background: var(--jr-accent-soft);
        box-shadow: inset 0 0 0 2px var(--jr-accent);
      }
      .slot {
        height: 2.6rem;
        border: 2px dashed var(--jr-accent);
        border-radius: 6px;
        background: rgb(36 80 201 / 8%);
      }
      /*
       * A part of a big cell not made yet (far from the viewport), its notes light (light-note.ts): laid out and
       * painted only near the screen, like a cell (a cell in view may hold ten screens of them), and until then
       * assumed as tall as its notes would be; each light note at least as tall as a note, so the scrollbar and
       * the cells around stay put when the part is made. One skipped element a part, not a note: each costs an
       * intersection check every frame.
       */
      .pending {
        display: grid;
        gap: 0.45rem;
        content-visibility: auto;
        contain-intrinsic-block-size: auto calc(var(--notes) * (var(--jr-note-estimate, 10rem) + 0.45rem) - 0.45rem);
      }
      .pending .light {
        /* --jr-note-estimate: a note's height, measured on the made notes (measureNotes) */
        min-height: var(--jr-note-estimate, 10rem);
        cursor: pointer;
      }
      .add-note {
        display: inline-flex;
        align-items: center;
        gap: 0.3rem;
        align-self: stretch;
        margin-top: auto;
        min-height: 2rem;
        padding: 0 0.5rem;
        border: 1px dashed transparent;
        border-radius: 6px;
        background: transparent;
        color: var(--jr-muted);
        font-weight: 600;
        font-size: 0.86em;
      }
      .cell:hover .add-note {
        border-color: var(--jr-border-strong);
      }
      .add-note:hover,
      .add-note:focus-visible {
        background: var(--jr-surface);
        color: var(--jr-text);
        border-color: var(--jr-text);
        border-style: solid;
      }
      .filler {
        border-bottom: 1px solid var(--jr-border);
      }
      .add-stage-cell {
        display: flex;
        align-items: center;
        border-left: 1px solid var(--jr-border);
      }
      .add-lane {
        position: sticky;
        left: 0;
        display: flex;
        flex-wrap: wrap;
        gap: 0.35rem;
        align-items: center;
        padding: 0.6rem 0.4rem;
        width: max-content;
      }
      .add-lane select {
        min-height: 2.25rem;
        padding: 0.3rem;
        border: 1px solid var(--jr-border-strong);
        border-radius: var(--jr-radius);
        background: var(--jr-surface);
      }
      .stage-head.focused,
      .cell.focused {
        box-shadow: inset 3px 0 0 var(--jr-focus-ring, #d14d00), inset -3px 0 0 var(--jr-focus-ring, #d14d00);
      }
      .stage-head.focused {
        background: #fff1e0;
      }
      /* On the projector, everything but the focused stage steps back. */
      :host([read-only]) .grid.has-focus .cell:not(.focused),
      :host([read-only]) .grid.has-focus .stage-head:not(.focused) {
        opacity: 0.3;
      }
      :host([read-only]) .stage-head.focused {
        background: #d14d00;
        color: #fff;
        --jr-muted: #fff;
        --jr-text: #fff;
      }
      :host([read-only]) .stage-head.focused,
      :host([read-only]) .cell.focused {
        box-shadow: inset 5px 0 0 #d14d00, inset -5px 0 0 #d14d00;
      }
      .stage-tools {
        display: flex;
        justify-content: flex-end;
      }
      .bring {
        font-size: 0.8em;
        gap: 0.25rem;
        color: var(--jr-accent);
      }
      .help {
        display: var(--jr-board-help, block);
        color: var(--jr-muted);
        font-size: 0.82em;
        padding: 0 0.4rem 0.6rem;
        position: sticky;
        left: 0;
        width: max-content;
        max-width: 90vw;
      }
    `,
  ];

  declare snapshot: BoardSnapshot | undefined;
  /** the board doc, for binding note editors to their Y.Text */
  declare doc: Y.Doc | undefined;
  declare actions: BoardActions | undefined;
  declare readOnly: boolean;
  /** the facilitator locked the board: show it, change nothing (the server refuses it anyway) */
  declare locked: boolean;
  /** shows only the stages [start, end) (the projector pages through a map too wide to read); all when unset */
  declare stageRange: { start: number; end: number } | undefined;
  /** stages and lanes are the facilitator's (unless the session's switch opens them): no editing controls */
  declare structureLocked: boolean;
  /** this person may delete notes others wrote; otherwise only their own */
  declare deleteAny: boolean;
  /** this person's member id (whose notes they may delete) */
  declare memberId: string | undefined;
  /** session state for notes (votes, focus, causes); undefined outside a workshop session */
  declare facilitation: BoardFacilitation | undefined;
  /** this person's private drafts (silent brainstorm), shown in their cells with a private look */
  declare drafts: Draft[];
  declare draftDoc: Y.Doc | undefined;
  declare draftActions: BoardActions | undefined;
  /** set while a silent brainstorm is on for this person: new notes become drafts */
  declare draftWriter: ((stageId: string, laneId: string, kind: LaneKind) => string | undefined) | undefined;
  declare editing: Map<string, string[]>;
  /** stage id -> imported metrics, shown on the stage headers */
  declare metrics: Readonly<Record<string, readonly StageMetric[]>>;
  /**
   * render the notes of a big board's cells only near the viewport (the scrolling grid of the workspace; not
   * the projector, which measures the whole map to fit it)
   */
  declare lazy: boolean;
  declare pickup: Pickup | undefined;
  declare newLaneKind: LaneKind;
  private readonly drag = new NoteDropController(this, {
    canDrop: () => !this.readOnly && !this.locked,
    drop: (noteId, slot) => {
      this.actions?.moveNote(noteId, slot);
      // dropped on a part not rendered yet (a fast drag): render the part that now holds the note
      this.parts.show(cellKey(slot.stageId, slot.laneId), partOf(slot.index));
      announce(`Note moved to ${this.describe(slot, noteId)}.`);
    },
  });
  private readonly parts = new LazyPartsController(this, {
    root: () => this.renderRoot.querySelector<HTMLElement>('.scroller'),
    // about a screen beyond the viewport each way: scrolling shows notes already made
    margin: { block: 900, inline: 600 },
  });
  /** parts the last render showed for a reason of their own (a move, a focused note), kept from then on */
  private forcedParts: [string, number][] = [];
  private noteHeightMeasured = false;
  /** a stage column's width when the notes were measured: Compact, the font size or the window change it */
  private measuredStageWidth = 0;
  private readonly columnResize = new ResizeObserver((entries) => {
    const width = entries.at(-1)?.borderBoxSize[0]?.inlineSize ?? 0;
    if (!this.noteHeightMeasured || width <= 0 || Math.abs(width - this.measuredStageWidth) <= 1) return;
    // notes rewrap in a column of another width: placeholders take the new height
    this.noteHeightMeasured = false;
    this.requestUpdate();
  });
  private pendingFocus: PendingFocus | undefined;
  /** the frame that will move the lane names after a scroll (or a render while one was moved) */
  private pinFrame = 0;
  /** some lane's name is moved down its row: renders may change the rows, so they move it again */
  private lanesPinned = false;
  /** the last render's notes and drafts per cell: a cell whose array is the same object is not rendered again */
  private readonly boardCells = new BoardCells();

  constructor() {
    super();
    this.snapshot = undefined;
    this.doc = undefined;
    this.actions = undefined;
    this.readOnly = false;
    this.locked = false;
    this.stageRange = undefined;
    this.structureLocked = false;
    this.deleteAny = true;
    this.memberId = undefined;
    this.facilitation = undefined;
    this.drafts = [];
    this.draftDoc = undefined;
    this.draftActions = undefined;
    this.draftWriter = undefined;
    this.editing = new Map();
    this.metrics = {};
    this.lazy = false;
    this.pickup = undefined;
    this.newLaneKind = 'custom';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // measured (and observed) again after a reconnect
    this.columnResize.disconnect();
    this.noteHeightMeasured = false;
    cancelAnimationFrame(this.pinFrame);
    this.pinFrame = 0;
  }

  protected override willUpdate(_changed: PropertyValues<this>): void {
    this.parts.enabled = this.lazy && (this.snapshot?.notes.length ?? 0) >= LAZY_FROM_NOTES;
  }

  protected override updated(_changed: PropertyValues<this>): void {
    for (const [cell, part] of this.forcedParts) this.parts.keep(cell, part);
    this.forcedParts = [];
    const root = this.renderRoot;
    if (this.parts.enabled) {
      this.measureNotes();
      this.parts.watch();
    }
    if (this.lanesPinned) this.pinLaneNamesSoon();
    const pending = this.pendingFocus;
    if (!pending) return;
    if (pending.kind === 'note-handle' || pending.kind === 'note-text') {
      const note = root.querySelector<JrNote>(`jr-note[data-id="${CSS.escape(pending.id)}"]`);
      if (!note) {
        this.showNote(pending.id);
        return;
      }
      this.pendingFocus = undefined;
      void note.updateComplete.then(() => (pending.kind === 'note-handle' ? note.focusHandle() : note.focusText()));
    } else {
      const header = root.querySelector<HTMLElement & { focusTitle(): Promise<void> }>(
        `${pending.kind === 'stage' ? 'jr-stage-header' : 'jr-lane-header'}[data-id="${CSS.escape(pending.id)}"]`,
      );
      if (!header) return;
      this.pendingFocus = undefined;
      void header.focusTitle();
    }
  }

  /** Puts the caret in a note's text once it is rendered (after adding it from the toolbar). */
  focusNoteText(noteId: string): void {
    this.pendingFocus = { kind: 'note-text', id: noteId };
    this.requestUpdate();
  }

  /** The header of a stage or a note, for "bring everyone here" (see MapView). */
  async focusTarget(focus: NonNullable<FocusState>): Promise<HTMLElement | null> {
    await this.updateComplete;
    if (focus.kind === 'note' && this.showNote(focus.id)) await this.updateComplete;
    return focus.kind === 'stage'
      ? this.renderRoot.querySelector<HTMLElement>(`[data-stage-head="${CSS.escape(focus.id)}"]`)
      : this.renderRoot.querySelector<HTMLElement>(`jr-note[data-id="${CSS.escape(focus.id)}"]`);
  }

  /**
   * The heading row and each lane's row on a map whose y `mapY` gives for a y on screen (the projector's scaled
   * map, the workspace's scrolled grid). Heights come from the layout, so names moved down (pinHeadings) do not count.
   */
  headingSpans(mapY: (clientY: number) => number): HeadingSpans {
    const root = this.renderRoot;
    const lanes = [...root.querySelectorAll<HTMLElement>('.lane-head')].map((head) => {
      const name = head.querySelector<HTMLElement>('jr-lane-header');
      const padding = parseFloat(getComputedStyle(head).paddingBottom) || 0;
      return { top: mapY(head.getBoundingClientRect().top), height: head.offsetHeight, nameHeight: name ? name.offsetTop + name.offsetHeight + padding : 0 };
    });
    // the grid, inside the board's border: the heading row's own top
    const grid = root.querySelector<HTMLElement>('.grid') ?? this;
    return {
      board: { top: mapY(grid.getBoundingClientRect().top), height: grid.offsetHeight, headingHeight: root.querySelector<HTMLElement>('.corner')?.offsetHeight ?? 0 },
      lanes,
    };
  }

  /**
   * Moves the heading row (of a read-only board: the projector's, see the CSS) and the lane names down by
   * `pinned`, or back to their places.
   */
  pinHeadings(pinned: PinnedHeadings | undefined): void {
    this.style.setProperty('--jr-pinned-heading', `${pinned?.heading ?? 0}px`);
    this.moveLaneNames(pinned?.lanes ?? []);
  }

  /** Moves each lane's name down its row by `lanes[i]` px (0 or missing: back to its place); writes only changes. */
  private moveLaneNames(lanes: readonly number[]): void {
    this.renderRoot.querySelectorAll<HTMLElement>('.lane-head > jr-lane-header').forEach((name, index) => {
      const y = lanes[index] ?? 0;
      const transform = y > 0 ? `translateY(${Math.round(y)}px)` : '';
      if (name.style.transform !== transform) name.style.transform = transform;
    });
  }

  /** Scrolled: the lane names follow in the next frame (the stage names are sticky). */
  private readonly onScroll = (): void => this.pinLaneNamesSoon();

  private pinLaneNamesSoon(): void {
    if (this.pinFrame) return;
    this.pinFrame = requestAnimationFrame(() => {
      this.pinFrame = 0;
      this.pinLaneNames();
    });
  }

  /**
   * Scrolled down a lane's row taller than the screen, its name stays in view under the stage names. Moved on
   * scroll, not sticky: a sticky name in every row made each frame slower while people typed (docs/benchmarks.md).
   */
  private pinLaneNames(): void {
    const scroller = this.renderRoot.querySelector<HTMLElement>('.scroller');
    if (!scroller || this.readOnly) return;
    const top = scroller.getBoundingClientRect().top + scroller.clientTop - scroller.scrollTop;
    const { lanes } = pinnedHeadings(this.headingSpans((clientY) => clientY - top), scroller.scrollTop);
    // moved, or back: written only where it changed (a custom property on the host would restyle every note)
    if (!this.lanesPinned && lanes.every((y) => y === 0)) return;
    this.lanesPinned = lanes.some((y) => y > 0);
    this.moveLaneNames(lanes);
  }

  /**
   * When a big board first has notes rendered, and again when its stage columns change width: their average
   * height becomes the placeholders' (a note is about 10rem on a laptop; the font size, the column width and
   * the texts change it).
   */
  private measureNotes(): void {
    if (this.noteHeightMeasured) return;
    const notes = [...this.renderRoot.querySelectorAll<HTMLElement>('jr-note')].slice(0, 30);
    const heights = notes.map((note) => note.offsetHeight).filter((height) => height > 0);
    if (heights.length === 0) return;
    this.noteHeightMeasured = true;
    const column = this.renderRoot.querySelector<HTMLElement>('.stage-head');
    this.measuredStageWidth = column?.offsetWidth ?? 0;
    this.columnResize.disconnect();
    if (column) this.columnResize.observe(column);
    const average = heights.reduce((sum, height) => sum + height, 0) / heights.length;
    this.style.setProperty('--jr-note-estimate', `${Math.round(average)}px`);
  }

  /** Renders the part of its cell that holds the note (if it is a placeholder now); whether it had to. */
  private showNote(noteId: string): boolean {
    for (const [key, notes] of this.boardCells.notesByCell) {
      const index = notes.findIndex((note) => note.id === noteId);
      if (index >= 0) return this.parts.show(key, partOf(index));
    }
    return false;
  }

  protected override render() {
    const snapshot = this.snapshot;
    if (!snapshot) return nothing;
    const { lanes } = snapshot;
    const first = this.stageRange?.start ?? 0;
    // stage numbers and counts stay those of the whole map when only a range is shown
    const stages = this.stageRange ? snapshot.stages.slice(first, this.stageRange.end) : snapshot.stages;
    const cells = this.boardCells.groupNotes(snapshot.notes);
    const draftCells = this.boardCells.groupDrafts(this.drafts);
    const editingCells = editingByCell(snapshot.notes, this.editing);
    const stageNotes = new Map<string, number>();
    const laneNotes = new Map<string, number>();
    for (const note of snapshot.notes) {
      stageNotes.set(note.stageId, (stageNotes.get(note.stageId) ?? 0) + 1);
      laneNotes.set(note.laneId, (laneNotes.get(note.laneId) ?? 0) + 1);
    }
    const target = this.pickup?.target ?? this.drag.dropTarget;
    const movingId = this.pickup?.noteId ?? this.drag.dragNoteId;
    const ro = this.readOnly || this.locked;
    const focus = this.facilitation?.focus;
    const focusStage = focus?.kind === 'stage' ? focus.id : undefined;
    return html`<div class="scroller" @scroll=${this.onScroll} @jr-pickup=${this.onPickup} @jr-move-key=${this.onMoveKey}
      @jr-note-dragstart=${this.onNoteDragStart} @jr-note-dragend=${this.onNoteDragEnd}>
      ${ro
        ? nothing
        : html`<p class="help" id="move-help">
            Tip: drag a note by its handle (six dots), or focus the handle, press Enter, move with the arrow keys and press Enter again.
          </p>`}
      <div class="grid ${focusStage ? 'has-focus' : ''} ${this.parts.enabled ? 'lazy' : ''}" style="--stages:${stages.length}" role="region" aria-label="Journey map">
        <div class="corner">Lanes ↓ · Stages →</div>
        ${repeat(
          stages,
          (stage) => stage.id,
          (stage, index) => html`<div class="stage-head ${focusStage === stage.id ? 'focused' : ''}" style="grid-column:${index + 2};grid-row:1" data-stage-head=${stage.id}>
            <jr-stage-header
              data-id=${stage.id}
              .stage=${stage}
              .index=${first + index}
              .count=${snapshot.stages.length}
              .noteCount=${stageNotes.get(stage.id) ?? 0}
              .actions=${this.actions}
              .metrics=${this.metrics[stage.id] ?? []}
              ?read-only=${ro || this.structureLocked}
            ></jr-stage-header>
            ${this.facilitation?.canFocus && !this.readOnly
              ? html`<div class="stage-tools">
                  <button class="icon-btn bring" aria-label=${`Bring everyone to the stage ${stage.title}`} title="Bring everyone here (projector and followers)"
                    @click=${() => this.requestFocus({ kind: 'stage', id: stage.id })}>${icon('projector')}<span aria-hidden="true">Bring everyone here</span></button>
                </div>`
              : nothing}
          </div>`,
        )}
        ${ro || this.structureLocked
          ? nothing
          : html`<div class="add-stage-cell" style="grid-column:${stages.length + 2};grid-row:1">
              <button class="btn" ?disabled=${snapshot.stages.length >= LIMITS.stages} @click=${this.addStage}>+ Stage</button>
            </div>`}
        ${repeat(
          lanes,
          (lane) => lane.id,
          (lane, laneIndex) => html`<div class="lane-head" style="grid-column:1;grid-row:${laneIndex + 2}">
              <jr-lane-header
                data-id=${lane.id}
                .lane=${lane}
                .index=${laneIndex}
                .count=${lanes.length}
                .noteCount=${laneNotes.get(lane.id) ?? 0}
                .actions=${this.actions}
                ?read-only=${ro || this.structureLocked}
              ></jr-lane-header>
            </div>
            ${repeat(
              stages,
              (stage) => stage.id,
              (stage, stageIndex) => {
                const key = cellKey(stage.id, lane.id);
                const notes = cells.get(key) ?? NONE;
                const drafts = draftCells.get(key) ?? NONE;
                const slotIndex = target && target.stageId === stage.id && target.laneId === lane.id ? target.index : -1;
                // Everything renderCell reads: a keystroke re-renders the one cell whose note changed.
                return guard(
                  [notes, drafts, slotIndex, movingId, this.pickup?.noteId, stage.title, lane.title, lane.kind, laneIndex, stageIndex, editingCells.get(key),
                    ro, this.facilitation, this.doc, this.actions, this.deleteAny, this.memberId, this.draftDoc, this.draftActions,
                    this.parts.enabled, this.parts.revision(key)],
                  () => this.renderCell(key, stage.id, stage.title, lane.id, lane.title, lane.kind, notes, drafts, slotIndex, movingId, laneIndex + 2, stageIndex + 2),
                );
              },
            )}
            <div class="filler" style="grid-column:${stages.length + 2};grid-row:${laneIndex + 2}"></div>`,
        )}
      </div>
      ${ro || this.structureLocked ? nothing : this.renderAddLane()}
    </div>`;
  }

  private renderCell(
    key: string,
    stageId: string,
    stageTitle: string,
    laneId: string,
    laneTitle: string,
    kind: LaneKind,
    notes: readonly Note[],
    drafts: readonly Draft[],
    slotIndex: number,
    movingId: string | undefined,
    row: number,
    column: number,
  ) {
    let seen = 0;
    const ro = this.readOnly || this.locked;
    const focus = this.facilitation?.focus;
    const focusNote = focus?.kind === 'note' ? focus.id : undefined;
    const slot = html`<div class="slot" aria-hidden="true"></div>`;
    const count = notes.length === 1 ? '1 note' : `${notes.length} notes`;
    const drawsOutside = notes.some((note) => note.id === movingId || note.id === focusNote);
    return html`<div
      class="cell kind-${kind} ${slotIndex >= 0 && !this.pickup ? 'drop' : ''} ${focus?.kind === 'stage' && focus.id === stageId ? 'focused' : ''} ${drawsOutside ? 'draws-outside' : ''}"
      style="grid-column:${column};grid-row:${row};--cell-notes:${notes.length}"
      role="group"
      aria-label=${`${stageTitle}, ${laneTitle}: ${count}`}
      data-stage=${stageId}
      data-lane=${laneId}
      @dragover=${this.drag.onDragOver}
      @dragleave=${this.drag.onDragLeave}
      @drop=${this.drag.onDrop}
    >
      ${splitParts(notes).map((part, index) => {
        const holdsSlot = slotIndex >= seen && slotIndex < seen + part.length;
        if (!this.parts.isShown(key, index)) {
          // a move's target, the note being moved and the facilitator's focused note are always rendered
          if (!holdsSlot && !part.some((note) => note.id === movingId || note.id === focusNote)) {
            seen += part.filter((note) => note.id !== movingId).length;
            return this.renderPlaceholder(key, index, part, notes.length);
          }
          this.forcedParts.push([key, index]);
        }
        return repeat(
        part,
        (note) => note.id,
        (note) => {
          const before = note.id !== movingId && seen === slotIndex ? slot : nothing;
          if (note.id !== movingId) seen++;
          return html`${before}<jr-note
              data-id=${note.id}
              .note=${note}
              .ytext=${this.doc ? noteText(this.doc, note.id) : undefined}
              .actions=${this.actions}
              lane-kind=${kind}
              ?read-only=${ro}
              ?no-delete=${!this.deleteAny && note.authorId !== this.memberId}
              ?moving=${this.pickup?.noteId === note.id}
              ?focused=${focusNote === note.id}
              .facilitation=${this.facilitation}
              .editingBy=${this.editing.get(note.id) ?? []}
            ></jr-note>`;
        },
      );
      })}
      ${repeat(
        drafts,
        (draft) => draft.id,
        (draft) => html`<jr-note
          data-id=${draft.id}
          draft
          .note=${draft}
          .ytext=${this.draftDoc ? noteText(this.draftDoc, draft.id) : undefined}
          .actions=${this.draftActions}
          lane-kind=${kind}
          ?read-only=${ro}
          @jr-deleted=${this.onDraftDeleted}
        ></jr-note>`,
      )}
      ${slotIndex >= 0 && slotIndex >= notes.filter((n) => n.id !== movingId).length ? slot : nothing}
      ${ro
        ? nothing
        : html`<button
            class="add-note"
            aria-label=${`Add note to ${stageTitle}, ${laneTitle}`}
            title=${LANE_KIND_INFO[kind].prompt}
            @click=${() => this.addNote(stageId, laneId)}
          >
            ${icon('plus')} Add note
          </button>`}
    </div>`;
  }

  /**
   * A part not made yet: its notes as light items (light-note.ts), so their texts stay readable and findable. The
   * controller makes the part as it nears the screen; a light item taking the focus (Tab, a press) makes it at once
   * and moves the focus on into that note. A drag over it counts its notes by how far down the pointer is
   * (`data-pending-notes`, NoteDropController).
   */
  private renderPlaceholder(key: string, part: number, notes: Note[], total: number) {
    return html`<div
      class="pending"
      style="--notes:${notes.length}"
      role="group"
      aria-label=${partLabel(part, notes.length, total)}
      data-part-cell=${key}
      data-part=${part}
      data-pending-notes=${notes.length}
      ${ref(this.parts.track)}
    >
      ${guard(notes, () => notes.map((note) => html`<div class="light" style=${lightNoteColors(note)} tabindex="0" data-note=${note.id} @focus=${this.onLightFocus}>${lightNoteContent(note)}</div>`))}
    </div>`;
  }

  /** Makes the light item's part and moves the focus to that note's handle, where Tab into a note lands. */
  private readonly onLightFocus = (event: FocusEvent): void => {
    const item = event.currentTarget as HTMLElement;
    const part = item.closest<HTMLElement>('[data-part-cell]');
    const key = part?.dataset.partCell;
    const noteId = item.dataset.note;
    if (!part || key === undefined || noteId === undefined) return;
    this.parts.show(key, Number(part.dataset.part));
    this.pendingFocus = { kind: 'note-handle', id: noteId };
  };

  private renderAddLane() {
    return html`<div class="add-lane">
      <label class="visually-hidden" for="lane-kind">Kind of the new lane</label>
      <select id="lane-kind" .value=${this.newLaneKind} @change=${(e: Event) => (this.newLaneKind = (e.target as HTMLSelectElement).value as LaneKind)}>
        ${LANE_KINDS.map((kind) => html`<option value=${kind} ?selected=${kind === this.newLaneKind}>${LANE_KIND_INFO[kind].label}</option>`)}
      </select>
      <button class="btn" ?disabled=${(this.snapshot?.lanes.length ?? 0) >= LIMITS.lanes} @click=${this.addLane}>+ Lane</button>
    </div>`;
  }

  // ---- adding ----

  private requestFocus(detail: FocusDetail): void {
    this.dispatchEvent(new CustomEvent<FocusDetail>(FACILITATION_EVENT.focus, { detail, bubbles: true, composed: true }));
  }

  /** A deleted draft cannot use the board's undo (another doc): say so here and stop the event. */
  private readonly onDraftDeleted = (event: Event): void => {
    event.stopPropagation();
    announce('Private note deleted.');
  };

  private addNote(stageId: string, laneId: string): void {
    if (this.draftWriter) {
      const kind = this.snapshot?.lanes.find((l) => l.id === laneId)?.kind ?? 'custom';
      const draftId = this.draftWriter(stageId, laneId, kind);
      if (draftId) {
        this.pendingFocus = { kind: 'note-text', id: draftId };
        announce('Private note added. Only you can see it until the facilitator reveals all notes.');
      }
      return;
    }
    const id = this.actions?.addNote(stageId, laneId);
    if (id) this.pendingFocus = { kind: 'note-text', id };
  }

  private readonly addStage = (): void => {
    const id = this.actions?.addStage('New stage');
    if (id) {
      this.pendingFocus = { kind: 'stage', id };
      announce('Stage added at the end. Type its name.');
    }
  };

  private readonly addLane = (): void => {
    const kind = this.newLaneKind;
    const id = this.actions?.addLane(kind === 'custom' ? 'New lane' : LANE_KIND_INFO[kind].label, kind);
    if (id) {
      this.pendingFocus = { kind: 'lane', id };
      announce('Lane added at the bottom. Type its name.');
    }
  };

  // ---- keyboard move ----

  private describe(slot: Slot, movingId: string): string {
    return this.snapshot ? describeSlot(this.snapshot, slot, movingId) : '';
  }

  private readonly onPickup = (event: CustomEvent<NoteEventDetail>): void => {
    const snapshot = this.snapshot;
    const note = snapshot?.notes.find((n) => n.id === event.detail.noteId);
    if (!snapshot || !note || this.readOnly || this.locked) return;
    const target = currentSlot(snapshot, note);
    this.pickup = { noteId: note.id, target };
    announce(`Picked up note ${noteExcerpt(note.text)} in ${this.describe(target, note.id)}. Arrow keys move it, Enter drops it, Escape cancels.`);
  };

  private readonly onMoveKey = (event: CustomEvent<NoteKeyDetail>): void => {
    const pickup = this.pickup;
    const snapshot = this.snapshot;
    if (!pickup || !snapshot || pickup.noteId !== event.detail.noteId) return;
    const { key } = event.detail;
    if (key === 'Escape') {
      this.pickup = undefined;
      announce('Move cancelled.');
      return;
    }
    if (key === 'Enter' || key === ' ') {
      this.pickup = undefined;
      this.actions?.moveNote(pickup.noteId, pickup.target);
      this.pendingFocus = { kind: 'note-handle', id: pickup.noteId };
      announce(`Note dropped in ${this.describe(pickup.target, pickup.noteId)}.`);
      return;
    }
    const next = nextSlot(snapshot, pickup.target, key, pickup.noteId);
    if (next === pickup.target) {
      announce('Edge of the board.');
      return;
    }
    this.pickup = { noteId: pickup.noteId, target: next };
    announce(this.describe(next, pickup.noteId));
  };

  // ---- drag and drop ----

  private readonly onNoteDragStart = (event: CustomEvent<NoteEventDetail>): void => {
    this.drag.start(event.detail.noteId);
    this.pickup = undefined;
  };

  private readonly onNoteDragEnd = (): void => {
    this.drag.end();
  };
}

customElements.define('jr-board', JrBoard);

declare global {
  interface HTMLElementTagNameMap {
    'jr-board': JrBoard;
  }
}
