/** Names shared by the note drag source and the cell drop targets. */

/** DataTransfer type that carries a note id during HTML5 drag and drop. */
export const NOTE_DRAG_TYPE = 'application/x-journeyroom-note';

/** Detail of the events a note fires while it is dragged or moved by keyboard. */
export interface NoteEventDetail {
  noteId: string;
}
export interface NoteKeyDetail extends NoteEventDetail {
  key: string;
}
/** Detail of `jr-deleted`: what was deleted, for the undo offer. */
export interface DeletedDetail {
  label: string;
}
