/**
 * HTML5 drag and drop of notes onto board cells: remembers the dragged note, tracks the slot under the
 * pointer (the host draws a gap there) and drops the note into it. Cells bind `onDragOver`, `onDragLeave`
 * and `onDrop`; the host reports the note's own dragstart/dragend through `start` and `end`.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { NOTE_DRAG_TYPE } from '../ui/drag.js';
import type { Slot } from '../ui/note-move.js';

/** What the host decides: whether the board takes a drop now, and what a drop does. */
export interface NoteDropOptions {
  /** false while the board may not change (read-only, locked) */
  canDrop: () => boolean;
  /** moves the note into the slot (and announces it) */
  drop: (noteId: string, slot: Slot) => void;
}

/** Drag state of one board; the host re-renders when the slot under the pointer changes. */
export class NoteDropController implements ReactiveController {
  /** the note being dragged from this board, if any */
  dragNoteId: string | undefined = undefined;
  private target: Slot | undefined = undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: NoteDropOptions,
  ) {
    host.addController(this);
  }

  /** The slot the dragged note would drop into. */
  get dropTarget(): Slot | undefined {
    return this.target;
  }

  /** A drag cannot outlive the board it started on. */
  hostDisconnected(): void {
    this.dragNoteId = undefined;
    this.target = undefined;
  }

  /** A note of this board started to be dragged. */
  start(noteId: string): void {
    this.dragNoteId = noteId;
  }

  /** The drag ended (dropped or cancelled). */
  end(): void {
    this.dragNoteId = undefined;
    this.setTarget(undefined);
  }

  readonly onDragOver = (event: DragEvent): void => {
    if (!this.options.canDrop() || !event.dataTransfer?.types.includes(NOTE_DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    const slot = this.slotFromPointer(event.currentTarget as HTMLElement, event.clientY);
    const current = this.target;
    if (slot && (!current || current.stageId !== slot.stageId || current.laneId !== slot.laneId || current.index !== slot.index)) {
      this.setTarget(slot);
    }
  };

  readonly onDragLeave = (event: DragEvent): void => {
    const cell = event.currentTarget as HTMLElement;
    if (event.relatedTarget instanceof Node && cell.contains(event.relatedTarget)) return;
    if (this.target && this.target.stageId === cell.dataset.stage && this.target.laneId === cell.dataset.lane) {
      this.setTarget(undefined);
    }
  };

  readonly onDrop = (event: DragEvent): void => {
    const noteId = event.dataTransfer?.getData(NOTE_DRAG_TYPE);
    if (!this.options.canDrop() || !noteId) return;
    event.preventDefault();
    const slot = this.slotFromPointer(event.currentTarget as HTMLElement, event.clientY);
    this.setTarget(undefined);
    this.dragNoteId = undefined;
    if (slot) this.options.drop(noteId, slot);
  };

  /**
   * The slot under the pointer in a cell: after every other note whose middle is above the pointer. A part
   * of the cell not rendered yet (`data-pending-notes`) counts its notes by how far down it the pointer is.
   */
  private slotFromPointer(cell: HTMLElement, clientY: number): Slot | undefined {
    const stageId = cell.dataset.stage;
    const laneId = cell.dataset.lane;
    if (!stageId || !laneId) return undefined;
    let index = 0;
    for (const element of cell.querySelectorAll<HTMLElement>('jr-note, [data-pending-notes]')) {
      if (element.dataset.id === this.dragNoteId) continue;
      const box = element.getBoundingClientRect();
      const pending = Number(element.dataset.pendingNotes ?? NaN);
      if (Number.isNaN(pending)) {
        if (clientY > box.top + box.height / 2) index++;
      } else if (box.height > 0) {
        index += Math.round(pending * Math.min(1, Math.max(0, (clientY - box.top) / box.height)));
      }
    }
    return { stageId, laneId, index };
  }

  private setTarget(slot: Slot | undefined): void {
    this.target = slot;
    this.host.requestUpdate();
  }
}
