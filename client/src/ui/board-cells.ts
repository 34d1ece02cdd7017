/**
 * A board's notes, this person's drafts and who is editing what, grouped by cell (stage × lane) so that a view
 * re-renders only the cells a change touched: a group that holds the same items as at the last grouping is
 * the same array (groupStable), and who edits in a cell is a string compared by value. The grid and the
 * outline (the phone's view) each keep one, across their renders.
 */
import type { Note } from '../../../shared/board/schema.js';
import type { Draft } from '../../../shared/session/drafts.js';
import { groupStable } from './stable-groups.js';

/** A cell's key: its stage and lane ids. */
export const cellKey = (stageId: string, laneId: string): string => `${stageId}\u0000${laneId}`;

/** The last grouping of a board's notes and drafts by cell, kept to compare the next one with. */
export class BoardCells {
  private notes: ReadonlyMap<string, readonly Note[]> = new Map();
  private drafts: ReadonlyMap<string, readonly Draft[]> = new Map();
  /**
   * A note's cell key, kept per note object: unchanged notes keep their object across re-reads, so grouping
   * 2,000 notes on each keystroke does not build (and hash) 2,000 new strings.
   */
  private readonly noteKeys = new WeakMap<Note, string>();
  private readonly keyOf = (note: Note): string => {
    let key = this.noteKeys.get(note);
    if (key === undefined) this.noteKeys.set(note, (key = cellKey(note.stageId, note.laneId)));
    return key;
  };

  /** Notes grouped by cell, in display order; an unchanged cell keeps its array from the last grouping. */
  groupNotes(notes: readonly Note[]): ReadonlyMap<string, readonly Note[]> {
    this.notes = groupStable(notes, this.keyOf, this.notes);
    return this.notes;
  }

  /** The notes of the last grouping (groupNotes). */
  get notesByCell(): ReadonlyMap<string, readonly Note[]> {
    return this.notes;
  }

  /** This person's drafts grouped by cell, the same way. */
  groupDrafts(drafts: readonly Draft[]): ReadonlyMap<string, readonly Draft[]> {
    this.drafts = groupStable(drafts, (draft) => cellKey(draft.stageId, draft.laneId), this.drafts);
    return this.drafts;
  }
}

/** Per cell, who is editing which of its notes (a string: compared by value). */
export function editingByCell(notes: readonly Note[], editing: ReadonlyMap<string, readonly string[]>): Map<string, string> {
  const result = new Map<string, string>();
  if (editing.size === 0) return result;
  const cellOf = new Map<string, string>();
  for (const note of notes) if (editing.has(note.id)) cellOf.set(note.id, cellKey(note.stageId, note.laneId));
  for (const [noteId, names] of editing) {
    const key = cellOf.get(noteId);
    if (key) result.set(key, `${result.get(key) ?? ''}${noteId}:${names.join('\u0000')}\u0001`);
  }
  return result;
}
