/**
 * readBoard for a live view: the same snapshot, but only the notes that changed since the previous read are
 * read again (a keystroke in one note of 2,000 re-reads one note, not all of them). Unchanged notes keep their
 * object identity, so a view can skip re-rendering them. Stages, lanes, meta, persona and actions are small
 * and read whole each time.
 */
import type * as Y from 'yjs';
import { readActions } from './actions.js';
import { boardRoots } from './doc.js';
import { sortOrdered } from './order.js';
import { readLanes, readMeta, readNote, readPersona, readStages } from './read.js';
import type { Note } from './schema.js';
import type { BoardSnapshot } from './snapshot.js';

/** A note as last read, with the problems its reading reported. */
interface CachedNote {
  note: Note | undefined;
  problems: string[];
}

/** Reads a board again and again, re-reading only the notes changed in between. Call destroy() when done. */
export class IncrementalBoardReader {
  private readonly cache = new Map<string, CachedNote>();
  /** note ids changed since the last read */
  private readonly dirty = new Set<string>();
  /** everything must be read again (first read, or a change whose note could not be told) */
  private all = true;
  private readonly notesRoot: Y.Map<Y.Map<unknown>>;

  constructor(private readonly doc: Y.Doc) {
    this.notesRoot = boardRoots(doc).notes;
    this.notesRoot.observeDeep(this.onNotes);
  }

  /** The board now, equal to readBoard(doc). */
  read(): BoardSnapshot {
    const problems: string[] = [];
    const sink = (problem: string): void => {
      if (problems.length < 100) problems.push(problem);
    };
    const stages = readStages(this.doc, sink);
    const lanes = readLanes(this.doc, sink);
    this.refreshNotes();
    const roots = boardRoots(this.doc);
    // readNotes' rules: placed in a live stage and lane; in the doc's iteration order before sorting.
    const notes: Note[] = [];
    this.notesRoot.forEach((_value, id) => {
      const cached = this.cache.get(id);
      if (!cached) return;
      cached.problems.forEach(sink);
      const { note } = cached;
      if (!note) return;
      if (!roots.stages.has(note.stageId) || !roots.lanes.has(note.laneId)) {
        sink(`note ${id}: its stage or lane no longer exists`);
        return;
      }
      notes.push(note);
    });
    const actions = readActions(this.doc, sink);
    problems.sort();
    return { schemaVersion: 2, meta: readMeta(this.doc), persona: readPersona(this.doc), stages, lanes, notes: sortOrdered(notes), actions, problems };
  }

  /** Stops following the doc. */
  destroy(): void {
    this.notesRoot.unobserveDeep(this.onNotes);
  }

  private refreshNotes(): void {
    const ids = this.all ? [...this.notesRoot.keys()] : [...this.dirty];
    if (this.all) this.cache.clear();
    this.all = false;
    this.dirty.clear();
    for (const id of ids) {
      const value = this.notesRoot.get(id);
      if (value === undefined) {
        this.cache.delete(id);
        continue;
      }
      const problems: string[] = [];
      this.cache.set(id, { note: readNote(id, value, (p) => problems.push(p)), problems });
    }
  }

  private readonly onNotes = (events: Y.YEvent<Y.AbstractType<unknown>>[]): void => {
    for (const event of events) {
      if (event.target === this.notesRoot) {
        const keys = (event as Y.YMapEvent<unknown>).keysChanged as Set<unknown>;
        for (const key of keys) if (typeof key === 'string') this.dirty.add(key);
        continue;
      }
      // A change inside a note: the first step of its path from the notes map is the note's id.
      const id = event.path[0];
      if (typeof id === 'string') this.dirty.add(id);
      else this.all = true;
    }
  };
}
