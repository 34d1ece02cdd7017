/**
 * <jr-note>: one sticky note. Text edited together, author and department (with the note's colour),
 * emotion on feeling notes, the moment-of-truth star, delete, and a handle to move it by mouse (drag and
 * drop) or keyboard (Enter picks up, arrows move, Enter drops, Escape cancels; the board does the moving).
 */
import { LitElement, css, html, nothing } from 'lit';
import type * as Y from 'yjs';
import type { LaneKind, Note } from '../../../shared/board/schema.js';
import type { BoardActions } from '../session/board-actions.js';
import { sharedStyles } from '../styles/shared-styles.js';
import { NOTE_DRAG_TYPE, type DeletedDetail, type NoteEventDetail, type NoteKeyDetail } from '../ui/drag.js';
import { icon } from '../ui/icons.js';
import { noteColor } from '../ui/note-colors.js';
import { noteByline, noteDepartment, noteExcerpt } from '../ui/note-excerpt.js';
import './jr-emotion-picker.js';
import './jr-note-session.js';
import './jr-note-text.js';
import type { BoardFacilitation, FocusDetail } from '../facilitation/board-facilitation.js';
import { FACILITATION_EVENT } from '../facilitation/board-facilitation.js';
import type { JrNoteText } from './jr-note-text.js';

/** Keys a picked-up note hands to the board. */
const MOVE_KEYS = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Enter', ' ', 'Escape', 'Home', 'End']);

/** Whether two reads of a note show the same thing (a board re-read creates new objects for every note). */
function sameNote(a: Note | undefined, b: Note | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return (
    a.id === b.id &&
    a.text === b.text &&
    a.authorName === b.authorName &&
    a.authorRole === b.authorRole &&
    a.department === b.department &&
    a.emotion === b.emotion &&
    a.momentOfTruth === b.momentOfTruth &&
    a.ownerDepartment === b.ownerDepartment &&
    a.causes.join() === b.causes.join() &&
    JSON.stringify(a.votes) === JSON.stringify(b.votes)
  );
}

function sameNames(a: string[] | undefined, b: string[] | undefined): boolean {
  return (a ?? []).join('\u0000') === (b ?? []).join('\u0000');
}

export class JrNote extends LitElement {
  static override properties = {
    // Only re-render a note when what it shows changed: typing in one note re-reads the whole board.
    note: { attribute: false, hasChanged: (value: Note | undefined, old: Note | undefined) => !sameNote(value, old) },
    actions: { attribute: false },
    ytext: { attribute: false },
    laneKind: { attribute: 'lane-kind' },
    readOnly: { type: Boolean, attribute: 'read-only' },
    noDelete: { type: Boolean, attribute: 'no-delete' },
    editingBy: { attribute: false, hasChanged: (value: string[] | undefined, old: string[] | undefined) => !sameNames(value, old) },
    moving: { type: Boolean, reflect: true },
    facilitation: { attribute: false },
    focused: { type: Boolean, reflect: true },
    draft: { type: Boolean, reflect: true },
    fixed: { type: Boolean },
  };
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      article {
        position: relative;
        display: grid;
        gap: 0.25rem;
        padding: 0.4rem 0.5rem 0.5rem;
        border-radius: 6px;
        background: var(--note-bg);
        border: 1px solid rgb(0 0 0 / 12%);
        border-left: 5px solid var(--note-accent);
        box-shadow: var(--jr-shadow);
        font-size: 0.95em;
      }
      article.mot {
        border-color: #8a6100;
        border-left-color: var(--note-accent);
        box-shadow: 0 0 0 2px #e0a800, var(--jr-shadow);
      }
      :host([moving]) article {
        outline: 3px dashed var(--jr-focus);
        outline-offset: 2px;
        box-shadow: var(--jr-shadow-lift);
        opacity: 0.75;
      }
      header {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.25rem;
        min-height: 1.9rem;
      }
      .who {
        flex: 1 1 6em;
        min-width: 0;
        display: flex;
        flex-wrap: wrap;
        column-gap: 0.35rem;
        font-size: 0.8em;
        line-height: 1.2;
      }
      .name {
        font-weight: 700;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
        max-width: 100%;
      }
      .dept {
        color: #2a2f38;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .handle {
        cursor: grab;
        color: #2a2f38;
        font-size: 1.05rem;
      }
      .handle:active {
        cursor: grabbing;
      }
      .star[aria-pressed='true'] {
        color: #8a6100;
        background: #ffe17a;
      }
      .star-static {
        display: inline-flex;
        align-items: center;
        gap: 0.2em;
        color: #6b4b00;
        font-weight: 700;
        font-size: 0.8em;
      }
      .delete:hover:not(:disabled) {
        color: var(--jr-danger);
      }
      :host([focused]) article {
        outline: 4px solid #d14d00;
        outline-offset: 2px;
      }
      :host([draft]) article {
        border: 2px dashed #4b2a8c;
        border-left: 5px solid #4b2a8c;
        background: repeating-linear-gradient(135deg, var(--note-bg), var(--note-bg) 10px, #f1ecfb 10px, #f1ecfb 20px);
      }
      .private {
        display: inline-flex;
        align-items: center;
        padding: 0.05rem 0.4rem;
        border-radius: 999px;
        background: #4b2a8c;
        color: #fff;
        font-size: 0.72em;
        font-weight: 700;
        white-space: nowrap;
      }
      .editing {
        margin: 0;
        font-size: 0.78em;
        font-weight: 600;
        color: #1f2a44;
      }
      .editing::before {
        content: '✎ ';
      }
    `,
  ];

  declare note: Note | undefined;
  declare actions: BoardActions | undefined;
  declare ytext: Y.Text | undefined;
  declare laneKind: LaneKind;
  declare readOnly: boolean;
  /** someone else's note and deleting it is the facilitator's: no delete button */
  declare noDelete: boolean;
  declare editingBy: string[];
  declare moving: boolean;
  /** workshop session state (votes, causes, focus); undefined outside a session */
  declare facilitation: BoardFacilitation | undefined;
  /** the facilitator brought everyone to this note */
  declare focused: boolean;
  /** a private draft of a silent brainstorm (only its author sees it) */
  declare draft: boolean;
  /** moved by a "Move to" select beside it (outline, phone), so it shows no drag handle */
  declare fixed: boolean;

  constructor() {
    super();
    this.note = undefined;
    this.actions = undefined;
    this.ytext = undefined;
    this.laneKind = 'custom';
    this.readOnly = false;
    this.noDelete = false;
    this.editingBy = [];
    this.moving = false;
    this.facilitation = undefined;
    this.focused = false;
    this.draft = false;
    this.fixed = false;
  }

  /** Focuses the move handle (after a keyboard move). */
  focusHandle(): void {
    this.renderRoot.querySelector<HTMLButtonElement>('.handle')?.focus();
  }

  /** Focuses the note's first control (a press's button, or its text when it has none). */
  focusFirst(): void {
    const first = this.renderRoot.querySelector<HTMLElement>('header button');
    if (first) first.focus();
    else this.focusText();
  }

  /** Puts the caret in the text (after adding a note). */
  focusText(): void {
    this.renderRoot.querySelector<JrNoteText>('jr-note-text')?.focus();
  }

  protected override render() {
    const note = this.note;
    if (!note) return nothing;
    const color = noteColor(note.authorRole, note.department);
    const dept = noteDepartment(note);
    const byline = noteByline(note);
    const excerpt = noteExcerpt(note.text);
    return html`<article
      class=${note.momentOfTruth ? 'mot' : ''}
      style="--note-bg:${color.background};--note-accent:${color.accent}"
      aria-label=${`${this.draft ? 'Private draft note' : 'Note'} by ${byline}${note.momentOfTruth ? ', moment of truth' : ''}`}
    >
      <header>
        ${this.readOnly || this.draft || this.fixed
          ? nothing
          : html`<button
              class="icon-btn handle"
              draggable="true"
              aria-label=${`Move note ${excerpt}`}
              aria-pressed=${this.moving ? 'true' : 'false'}
              title="Drag, or press Enter and use the arrow keys (Escape in the text comes here)"
              @keydown=${this.onHandleKey}
              @click=${this.onHandleClick}
              @dragstart=${this.onDragStart}
              @dragend=${this.onDragEnd}
              @blur=${this.onHandleBlur}
            >
              ${icon('grip')}
            </button>`}
        <span class="who"><span class="name">${note.authorName}</span><span class="dept">${dept}</span></span>
        ${this.draft ? html`<span class="private" title="Only you see this note until the facilitator reveals all notes">Private</span>` : nothing}
        ${this.facilitation?.canFocus && !this.draft
          ? html`<button class="icon-btn" aria-label=${`Bring everyone to note ${excerpt}`} title="Bring everyone here (projector and followers)"
              @click=${() => this.emit<FocusDetail>(FACILITATION_EVENT.focus, { kind: 'note', id: note.id })}>${icon('projector')}</button>`
          : nothing}
        ${this.readOnly
          ? note.momentOfTruth
            ? html`<span class="star-static">${icon('starFilled')} Moment of truth</span>`
            : nothing
          : html`<button
                class="icon-btn star"
                aria-pressed=${note.momentOfTruth ? 'true' : 'false'}
                aria-label="Moment of truth"
                title=${note.momentOfTruth ? 'Moment of truth (click to unflag)' : 'Flag as a moment of truth'}
                @click=${() => this.actions?.setMomentOfTruth(note.id, !note.momentOfTruth)}
              >
                ${icon(note.momentOfTruth ? 'starFilled' : 'star')}
              </button>
              ${this.noDelete
                ? nothing
                : html`<button class="icon-btn delete" aria-label=${`Delete note ${excerpt}`} title="Delete note" @click=${this.onDelete}>
                    ${icon('trash')}
                  </button>`}`}
      </header>
      <jr-note-text
        .ytext=${this.ytext}
        ?read-only=${this.readOnly}
        label=${`Note text by ${note.authorName}`}
        @jr-text-input=${this.onText}
        @keydown=${this.onTextKey}
        @focusin=${this.onFocusIn}
        @focusout=${this.onFocusOut}
      ></jr-note-text>
      ${this.laneKind === 'feeling'
        ? html`<jr-emotion-picker
            .value=${note.emotion}
            ?read-only=${this.readOnly}
            @jr-emotion-change=${(e: CustomEvent<number>) => this.actions?.setEmotion(note.id, e.detail)}
          ></jr-emotion-picker>`
        : nothing}
      ${this.facilitation && !this.draft
        ? html`<jr-note-session .note=${note} .facilitation=${this.facilitation} lane-kind=${this.laneKind} ?read-only=${this.readOnly}></jr-note-session>`
        : nothing}
      ${this.editingBy.length
        ? html`<p class="editing">${this.editingBy.join(', ')} ${this.editingBy.length === 1 ? 'is' : 'are'} editing</p>`
        : nothing}
    </article>`;
  }

  private emit<T>(type: string, detail: T): void {
    this.dispatchEvent(new CustomEvent<T>(type, { detail, bubbles: true, composed: true }));
  }

  private readonly onText = (event: CustomEvent<string>): void => {
    event.stopPropagation();
    if (this.note) this.actions?.setNoteText(this.note.id, event.detail);
  };

  /** Escape leaves the text for the note's handle, from where the note can be moved or left with Tab. */
  private readonly onTextKey = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || this.readOnly || this.fixed) return;
    event.preventDefault();
    this.focusHandle();
  };

  private readonly onFocusIn = (): void => {
    if (this.note) this.emit<NoteEventDetail | null>('jr-editing', { noteId: this.note.id });
  };

  private readonly onFocusOut = (): void => {
    this.emit<NoteEventDetail | null>('jr-editing', null);
  };

  private readonly onDelete = (): void => {
    const note = this.note;
    if (!note || !this.actions) return;
    if (this.actions.deleteNote(note.id)) this.emit<DeletedDetail>('jr-deleted', { label: `Note ${noteExcerpt(note.text)}` });
  };

  private readonly onHandleClick = (event: MouseEvent): void => {
    // Keyboard activation (detail 0) is handled on keydown; a mouse click picks up or drops like Enter.
    if (event.detail === 0 || !this.note) return;
    if (this.moving) this.emit<NoteKeyDetail>('jr-move-key', { noteId: this.note.id, key: 'Enter' });
    else this.emit<NoteEventDetail>('jr-pickup', { noteId: this.note.id });
  };

  private readonly onHandleKey = (event: KeyboardEvent): void => {
    if (!this.note) return;
    if (!this.moving) {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        this.emit<NoteEventDetail>('jr-pickup', { noteId: this.note.id });
      }
      return;
    }
    if (MOVE_KEYS.has(event.key)) {
      event.preventDefault();
      this.emit<NoteKeyDetail>('jr-move-key', { noteId: this.note.id, key: event.key });
    }
  };

  private readonly onHandleBlur = (): void => {
    if (this.moving && this.note) this.emit<NoteKeyDetail>('jr-move-key', { noteId: this.note.id, key: 'Escape' });
  };

  private readonly onDragStart = (event: DragEvent): void => {
    const note = this.note;
    if (!note || !event.dataTransfer) return;
    event.dataTransfer.setData(NOTE_DRAG_TYPE, note.id);
    event.dataTransfer.setData('text/plain', note.text);
    event.dataTransfer.effectAllowed = 'move';
    const card = this.renderRoot.querySelector('article');
    if (card) event.dataTransfer.setDragImage(card, 16, 16);
    this.emit<NoteEventDetail>('jr-note-dragstart', { noteId: note.id });
  };

  private readonly onDragEnd = (): void => {
    if (this.note) this.emit<NoteEventDetail>('jr-note-dragend', { noteId: this.note.id });
  };
}

customElements.define('jr-note', JrNote);

declare global {
  interface HTMLElementTagNameMap {
    'jr-note': JrNote;
  }
}
