/**
 * <jr-board-outline>: the map as a document instead of a grid, for screen readers, keyboard users and
 * phones: stages as headings, lanes as lists, each note with its author, role or department, feeling,
 * moment of truth, dots and causes (the note element itself), a "Move to" select per note, and "Add note"
 * per lane. Shows every stage, or only `stageId` (the phone view).
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { ref } from 'lit/directives/ref.js';
import { repeat } from 'lit/directives/repeat.js';
import { noteText } from '../../../shared/board/read.js';
import type { Lane, Note, Stage } from '../../../shared/board/schema.js';
import type { Draft } from '../../../shared/session/drafts.js';
import type { FocusState } from '../../../shared/session/schema.js';
import { LazyPartsController } from '../controllers/lazy-parts-controller.js';
import { sharedStyles } from '../styles/shared-styles.js';
import { announce } from '../ui/announce.js';
import { addNoteIn, focusedStageId, type BoardBinding } from '../ui/board-binding.js';
import { BoardCells, cellKey, editingByCell } from '../ui/board-cells.js';
import { icon } from '../ui/icons.js';
import { LANE_KIND_INFO } from '../ui/lane-kinds.js';
import './jr-note.js';
import { lightNoteColors, lightNoteContent, lightNoteStyles } from '../ui/light-note.js';
import { noteExcerpt } from '../ui/note-excerpt.js';
import { LAZY_FROM_NOTES, partOf, splitParts } from '../ui/note-parts.js';
import type { JrNote } from './jr-note.js';

/** Separates stage and lane ids in a "Move to" option value (ids are UUIDs, so it never occurs in one). */
const CELL_SEPARATOR = '|';

const NONE: readonly never[] = [];

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** What scrolls `element`: the workspace's map on a laptop, or the document when the window scrolls (a phone). */
function scrollingAncestor(element: Element): HTMLElement | Document {
  let node: Element | null = element;
  while (node) {
    node = node.parentElement ?? ((node.getRootNode() as Partial<ShadowRoot>).host ?? null);
    // a box that may scroll but holds all it has (a phone's map, whose page scrolls) is not the one
    if (node instanceof HTMLElement && node.scrollHeight > node.clientHeight && /^(auto|scroll)$/.test(getComputedStyle(node).overflowY)) return node;
  }
  return document;
}

export class JrBoardOutline extends LitElement {
  static override properties = {
    binding: { attribute: false },
    stageId: { attribute: 'stage-id' },
  };
  static override styles = [
    sharedStyles,
    lightNoteStyles,
    css`
      :host {
        display: block;
      }
      .stage + .stage {
        margin-top: 1.5rem;
      }
      h2 {
        margin: 0 0 0.6rem;
        font-size: 1.25rem;
        line-height: 1.25;
      }
      h2 .step {
        display: block;
        font-size: 0.72rem;
        font-weight: 700;
        text-transform: uppercase;
        letter-spacing: 0.05em;
        color: var(--jr-muted);
      }
      .stage.focused h2 {
        color: #8a3300;
      }
      .here {
        margin-left: 0.4rem;
        padding: 0.05rem 0.45rem;
        border-radius: 999px;
        background: #d14d00;
        color: #fff;
        font-size: 0.75rem;
        vertical-align: middle;
      }
      .lane {
        margin: 0 0 0.9rem;
        padding: 0.5rem;
        border: 1px solid var(--jr-border);
        border-radius: 10px;
        background: var(--jr-bg);
      }
      /*
       * A lane far from the screen is skipped whole (style, layout, paint), with a size guessed from its notes
       * until it is first drawn: one intersection check a lane, where one a light item cost 7 ms a frame on a
       * laptop's outline of 2,000 notes.
       */
      .lane {
        content-visibility: auto;
        contain-intrinsic-block-size: auto calc(var(--lane-notes) * 8rem + 6rem);
      }
      .lane.kind-feeling {
        background: #f3eefb;
      }
      .lane.kind-pains {
        background: #fbefee;
      }
      .lane.kind-opportunities {
        background: #edf7ef;
      }
      /*
       * Scrolled down a long lane (a phone shows one stage, its lanes one under the other), the lane's name
       * stays at the top until the lane ends. Its own background (the lane's) covers the notes passing under it.
       */
      h3 {
        position: sticky;
        top: 0;
        z-index: 1;
        display: flex;
        align-items: center;
        gap: 0.4rem;
        margin: -0.5rem -0.5rem 0.4rem;
        padding: 0.5rem;
        border-radius: 10px 10px 0 0;
        background: inherit;
        font-size: 1rem;
      }
      h3 .count {
        font-weight: 400;
        font-size: 0.85em;
        color: var(--jr-muted);
      }
      ul {
        display: grid;
        gap: 0.6rem;
        margin: 0 0 0.5rem;
        padding: 0;
        list-style: none;
      }
      li {
        display: grid;
        gap: 0.25rem;
        min-width: 0;
      }
      /*
       * A list item has room around its note for what the note draws outside itself (its shadow, the outline of a
       * focused note), in a padding that its negative margin gives back to the layout: a lane skipped while far
       * from the screen (above) clips what its notes draw beyond it. Items are not skipped one by one: each skipped
       * element costs an intersection check every frame, and inside a lane the browser has just begun to draw they
       * were drawn a frame after it (a blank note in a whole-page capture).
       */
      li {
        margin: -6px;
        padding: 6px;
      }
      .move {
        display: flex;
        align-items: center;
        gap: 0.4rem;
        font-size: 0.85em;
        color: var(--jr-muted);
      }
      .move select {
        flex: 1;
        min-width: 0;
        min-height: 2rem;
        padding: 0.2rem 0.3rem;
        border: 1px solid var(--jr-border-strong);
        border-radius: var(--jr-radius);
        background: var(--jr-surface);
        color: var(--jr-text);
      }
      .empty {
        margin: 0 0 0.5rem;
        color: var(--jr-muted);
        font-size: 0.9em;
      }
      .add {
        width: 100%;
        justify-content: flex-start;
        border-style: dashed;
        background: var(--jr-surface);
      }
    `,
  ];

  declare binding: BoardBinding | undefined;
  /** show only this stage (the phone view); all stages when unset */
  declare stageId: string | undefined;
  private pendingFocus:
    | { kind: 'text'; id: string }
    | { kind: 'move'; id: string; cell: string }
    /** a note whose part a Tab rendered: its first control, or its last when the Tab came back from below */
    | { kind: 'note'; id: string; last: boolean }
    | undefined;
  /** the last render's notes and drafts per cell: a lane whose arrays are the same objects is not rendered again */
  private readonly cells = new BoardCells();
  /** notes whose "Move to" select someone has reached: it lists every cell (the others only their own, see renderMove) */
  private readonly choosing = new Set<string>();
  /** what scrolls this outline (scrollingAncestor), once known */
  private scroller: HTMLElement | Document | undefined;
  /**
   * On a big board a lane's notes are rendered in parts of five, those near the screen; the others are light
   * items (renderLightPart). A phone's stage of 338 notes took 1.5 s to open, a laptop's outline of 2,000 notes 1.7 s
   * with a 0.9 s task (docs/benchmarks.md).
   */
  private readonly parts = new LazyPartsController(this, {
    // found once per connection: the controller starts a new observer, with none of the old one's parts, for another
    root: () => (this.scroller ??= this.isConnected ? scrollingAncestor(this) : undefined) ?? null,
    // more than a part (five notes) beyond the screen each way: a part is rendered before any of it shows
    margin: { block: 1200, inline: 600 },
    ordered: true,
  });

  constructor() {
    super();
    this.binding = undefined;
    this.stageId = undefined;
  }

  /** Puts the caret in a note's text once it is rendered here (after adding it elsewhere). */
  focusNoteText(noteId: string): void {
    this.pendingFocus = { kind: 'text', id: noteId };
    this.requestUpdate();
  }

  /** The heading of a stage or a note, for "bring everyone here" (see MapView). */
  async focusTarget(focus: NonNullable<FocusState>): Promise<HTMLElement | null> {
    await this.updateComplete;
    if (focus.kind === 'note' && this.showNote(focus.id)) await this.updateComplete;
    return focus.kind === 'stage'
      ? this.renderRoot.querySelector<HTMLElement>(`[data-stage-head="${CSS.escape(focus.id)}"]`)
      : this.renderRoot.querySelector<HTMLElement>(`jr-note[data-id="${CSS.escape(focus.id)}"]`);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.scroller = undefined;
  }

  protected override willUpdate(_changed: PropertyValues<this>): void {
    this.parts.enabled = (this.binding?.snapshot.notes.length ?? 0) >= LAZY_FROM_NOTES;
  }

  protected override updated(_changed: PropertyValues<this>): void {
    if (this.parts.enabled) this.parts.watch();
    const pending = this.pendingFocus;
    if (!pending) return;
    if (pending.kind === 'move') {
      // Wait for the note's new place: until the board update arrives, the old select (already showing the
      // new cell, as the person picked it) is still here and goes away with that update.
      const moved = this.binding?.snapshot.notes.find((n) => n.id === pending.id);
      if (moved && `${moved.stageId}${CELL_SEPARATOR}${moved.laneId}` !== pending.cell) return;
      const select = this.renderRoot.querySelector<HTMLSelectElement>(`select[data-note="${CSS.escape(pending.id)}"]`);
      if (!select) return;
      this.pendingFocus = undefined;
      select.focus();
      return;
    }
    const note = this.renderRoot.querySelector<JrNote>(`jr-note[data-id="${CSS.escape(pending.id)}"]`);
    if (!note) {
      this.showNote(pending.id);
      return;
    }
    this.pendingFocus = undefined;
    if (pending.kind === 'text') {
      void note.updateComplete.then(() => note.focusText());
      return;
    }
    const select = pending.last ? this.renderRoot.querySelector<HTMLSelectElement>(`select[data-note="${CSS.escape(pending.id)}"]`) : null;
    if (select) select.focus();
    else void note.updateComplete.then(() => note.focusFirst());
  }

  /** Renders the part of its lane that holds the note (if it is light now); whether it had to. */
  private showNote(noteId: string): boolean {
    for (const [key, notes] of this.cells.notesByCell) {
      const index = notes.findIndex((note) => note.id === noteId);
      if (index >= 0) return this.parts.show(key, partOf(index));
    }
    return false;
  }

  protected override render() {
    const binding = this.binding;
    if (!binding) return nothing;
    const { stages, lanes } = binding.snapshot;
    const shown = this.stageId ? stages.filter((s) => s.id === this.stageId) : stages;
    const byCell = this.cells.groupNotes(binding.snapshot.notes);
    const draftsByCell = this.cells.groupDrafts(binding.drafts);
    const editing = editingByCell(binding.snapshot.notes, binding.editing);
    // every "Move to" select lists every cell: a new or renamed stage or lane renders every lane again
    const places = `${stages.map((s) => s.id + s.title).join('\u0001')}\u0002${lanes.map((l) => l.id + l.title).join('\u0001')}`;
    const here = focusedStageId(binding);
    return html`${repeat(
      shown,
      (stage) => stage.id,
      (stage) => {
        const index = stages.indexOf(stage);
        const count = lanes.reduce((n, lane) => n + (byCell.get(cellKey(stage.id, lane.id))?.length ?? 0), 0);
        return html`<section class="stage ${here === stage.id ? 'focused' : ''}" aria-labelledby=${`outline-stage-${stage.id}`} data-stage-head=${stage.id}>
          <h2 id=${`outline-stage-${stage.id}`} tabindex="-1">
            <span class="step">Stage ${index + 1} of ${stages.length} · ${plural(count, 'note')}</span>
            ${stage.title}${here === stage.id ? html`<span class="here">The room is here</span>` : nothing}
          </h2>
          ${repeat(lanes, (lane) => lane.id, (lane) => {
            const key = cellKey(stage.id, lane.id);
            const notes = byCell.get(key) ?? NONE;
            const drafts = draftsByCell.get(key) ?? NONE;
            // Everything renderLane reads: a keystroke re-renders the one lane whose note changed (a phone
            // showed 30 ms of Chromium per keystroke rendering every note and its select again).
            const choosing = this.choosing.size ? notes.filter((n) => this.choosing.has(n.id)).map((n) => n.id).join() : '';
            return guard(
              [notes, drafts, editing.get(key), stage.title, lane.title, lane.kind, places, choosing, binding.locked, binding.doc, binding.actions,
                binding.deleteAny, binding.memberId, binding.facilitation, binding.draftDoc, binding.draftActions,
                this.parts.enabled, this.parts.revision(key)],
              () => this.renderLane(binding, key, stage, lane, notes, drafts),
            );
          })}
        </section>`;
      },
    )}`;
  }

  private renderLane(binding: BoardBinding, key: string, stage: Stage, lane: Lane, notes: readonly Note[], drafts: readonly Draft[]) {
    const ro = binding.locked;
    const total = notes.length + drafts.length;
    // A div, not a section: 36 landmarks named "Doing", "Thinking"… would drown the stages (headings suffice).
    return html`<div class="lane kind-${lane.kind}" style="--lane-notes:${total}">
      <h3>${icon(LANE_KIND_INFO[lane.kind].icon)} ${lane.title} <span class="count">(${plural(total, 'note')})</span></h3>
      ${total
        ? html`<ul aria-label=${`${stage.title}, ${lane.title}`}>
            ${splitParts(notes).map((part, index) => this.parts.isShown(key, index)
              ? repeat(part, (note) => note.id, (note) => html`<li>
                <jr-note
                  data-id=${note.id}
                  fixed
                  .note=${note}
                  .ytext=${noteText(binding.doc, note.id)}
                  .actions=${binding.actions}
                  lane-kind=${lane.kind}
                  ?read-only=${ro}
                  ?no-delete=${!binding.deleteAny && note.authorId !== binding.memberId}
                  ?focused=${binding.facilitation?.focus?.kind === 'note' && binding.facilitation.focus.id === note.id}
                  .facilitation=${binding.facilitation}
                  .editingBy=${binding.editing.get(note.id) ?? []}
                ></jr-note>
                ${ro ? nothing : this.renderMove(binding, note, stage, lane)}
              </li>`)
              : this.renderLightPart(key, index, part))}
            ${repeat(drafts, (draft) => draft.id, (draft) => html`<li>
                <jr-note
                  data-id=${draft.id}
                  draft
                  fixed
                  .note=${draft}
                  .ytext=${binding.draftDoc ? noteText(binding.draftDoc, draft.id) : undefined}
                  .actions=${binding.draftActions}
                  lane-kind=${lane.kind}
                  ?read-only=${ro}
                  @jr-deleted=${this.onDraftDeleted}
                ></jr-note>
              </li>`)}
          </ul>`
        : html`<p class="empty">No notes yet. ${LANE_KIND_INFO[lane.kind].prompt}</p>`}
      ${ro
        ? nothing
        : html`<button class="btn add" aria-label=${`Add note to ${stage.title}, ${lane.title}`} @click=${() => this.add(stage.id, lane.id)}>
            ${icon('plus')} Add note
          </button>`}
    </div>`;
  }

  /**
   * The notes of a part not rendered yet, as light items: the card's colours, its author and its text (read by screen
   * readers, found by find in page), a tenth of a note's elements. The part is rendered when its first item nears
   * the screen (the margin is more than a part's height, so also when scrolling up to its last), or when an item
   * takes the focus (Tab), which then moves on into that note. Only the first is observed: each observed element
   * costs an intersection check every frame.
   */
  private renderLightPart(key: string, part: number, notes: readonly Note[]) {
    return notes.map((note, index) => {
      return html`<li
        class="light"
        style=${lightNoteColors(note)}
        tabindex="0"
        data-note=${note.id}
        data-part-cell=${key}
        data-part=${part}
        data-pending-notes=${index === 0 ? notes.length : nothing}
        ${index === 0 ? ref(this.parts.track) : nothing}
        @focus=${this.onLightFocus}
      >${lightNoteContent(note)}</li>`;
    });
  }

  /** Renders the light item's part and moves the focus into its note (its last control when coming back from below). */
  private readonly onLightFocus = (event: FocusEvent): void => {
    const item = event.currentTarget as HTMLElement;
    const { partCell, part, note } = item.dataset;
    if (partCell === undefined || note === undefined) return;
    const from = event.relatedTarget;
    const last = from instanceof Node && (item.compareDocumentPosition(from) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
    this.pendingFocus = { kind: 'note', id: note, last };
    this.parts.show(partCell, Number(part));
  };

  /**
   * A note's "Move to" select. Until someone reaches it (focus, a press, a key), it holds only the note's own cell,
   * which is what it shows: every cell for every note was 42 elements a note, two thirds of a big board's phone page
   * and about half of the time to open it. Reaching it renders the rest before the list opens: the press's or the
   * focus's own update runs before the browser acts on the press.
   */
  private renderMove(binding: BoardBinding, note: Note, stage: Stage, lane: Lane) {
    const { stages, lanes } = binding.snapshot;
    const current = `${note.stageId}${CELL_SEPARATOR}${note.laneId}`;
    const id = `move-${note.id}`;
    const reach = (): void => {
      if (this.choosing.has(note.id)) return;
      this.choosing.add(note.id);
      this.requestUpdate();
    };
    const option = (s: Stage, l: Lane) => {
      const value = `${s.id}${CELL_SEPARATOR}${l.id}`;
      return html`<option value=${value} ?selected=${value === current}>${s.title} · ${l.title}</option>`;
    };
    return html`<div class="move">
      <label for=${id}>Move to</label>
      <select id=${id} data-note=${note.id} aria-label=${`Move note ${noteExcerpt(note.text)} to`}
        @focus=${reach} @pointerdown=${reach} @keydown=${reach} @change=${(event: Event) => this.move(note, event)}>
        ${this.choosing.has(note.id)
          ? stages.map((s) => html`<optgroup label=${s.title}>${lanes.map((l) => option(s, l))}</optgroup>`)
          : option(stage, lane)}
      </select>
    </div>`;
  }

  /** Adds a note in a cell (with the binding as it is now: a lane is not rendered again for every change). */
  private add(stageId: string, laneId: string): void {
    if (!this.binding) return;
    const id = addNoteIn(this.binding, stageId, laneId);
    if (id) this.focusNoteText(id);
  }

  private move(note: Note, event: Event): void {
    const binding = this.binding;
    if (!binding) return;
    const select = event.target as HTMLSelectElement;
    const [stageId, laneId] = select.value.split(CELL_SEPARATOR);
    if (!stageId || !laneId || (stageId === note.stageId && laneId === note.laneId)) return;
    binding.actions?.moveNote(note.id, { stageId, laneId });
    const stage = binding.snapshot.stages.find((s) => s.id === stageId)?.title ?? '';
    const lane = binding.snapshot.lanes.find((l) => l.id === laneId)?.title ?? '';
    announce(`Note moved to ${stage}, ${lane}.`);
    // The note leaves this list: keep the keyboard on it, in its new place (if that place is shown here).
    this.pendingFocus = { kind: 'move', id: note.id, cell: select.value };
  }

  /** A deleted draft cannot use the board's undo (another doc): say so here and stop the event. */
  private readonly onDraftDeleted = (event: Event): void => {
    event.stopPropagation();
    announce('Private note deleted.');
  };
}

customElements.define('jr-board-outline', JrBoardOutline);

declare global {
  interface HTMLElementTagNameMap {
    'jr-board-outline': JrBoardOutline;
  }
}
