/**
 * readBoard for a live view: the same snapshot, but only the notes that changed since the previous read are
 * read again (a keystroke in one note of 2,000 re-reads one note, not all of them). Unchanged notes keep their
 * object identity, so a view can skip re-rendering them. When the changed notes kept their place (stage, lane,
 * order key: typing, an emotion, a vote) the sorted list of the previous read is reused with those notes
 * replaced, instead of walking and sorting all notes again. Stages, lanes, meta, persona and actions are
 * small and read whole each time.
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

/** The notes of the previous read, for reusing them when no note changed place. */
interface PlacedNotes {
  /** readNotes' result: sorted, placed in live stages and lanes */
  notes: Note[];
  /** note id -> index in `notes` (built on first use) */
  index: Map<string, number> | undefined;
  /** the stage and lane ids of the doc then */
  structure: string;
}

/** Reads a board again and again, re-reading only the notes changed in between. Call destroy() when done. */
export class IncrementalBoardReader {
  private readonly cache = new Map<string, CachedNote>();
  /** set after a read that reported no note problems (else the full walk reports them again) */
  private previous: PlacedNotes | undefined;
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
    const roots = boardRoots(this.doc);
    const structure = `${[...roots.stages.keys()].join()}\u0000${[...roots.lanes.keys()].join()}`;
    const before = problems.length;
    const reused = this.refreshNotes(structure);
    const notes = reused ?? this.walkNotes(roots, sink);
    // the positions of a reused list are the previous ones: its index still holds
    this.previous = problems.length === before ? { notes, index: reused ? this.previous?.index : undefined, structure } : undefined;
    const actions = readActions(this.doc, sink);
    problems.sort();
    return { schemaVersion: 2, meta: readMeta(this.doc), persona: readPersona(this.doc), stages, lanes, notes, actions, problems };
  }

  /** Stops following the doc. */
  destroy(): void {
    this.notesRoot.unobserveDeep(this.onNotes);
  }

  /**
   * Reads the changed notes again. Returns the previous read's notes with the changed ones replaced when
   * that is what a full walk would give (no note added, removed or moved, no problem, same stages and lanes);
   * otherwise undefined, and the caller walks all notes.
   */
  private refreshNotes(structure: string): Note[] | undefined {
    const all = this.all;
    const ids = all ? [...this.notesRoot.keys()] : [...this.dirty];
    if (all) this.cache.clear();
    this.all = false;
    this.dirty.clear();
    const previous = all || this.previous?.structure !== structure ? undefined : this.previous;
    let replaced: { index: number; note: Note }[] | undefined = previous ? [] : undefined;
    for (const id of ids) {
      const old = this.cache.get(id);
      const value = this.notesRoot.get(id);
      if (value === undefined) {
        this.cache.delete(id);
        replaced = undefined;
        continue;
      }
      const problems: string[] = [];
      const note = readNote(id, value, (p) => problems.push(p));
      this.cache.set(id, { note, problems });
      if (!replaced || !previous) continue;
      const was = old?.note;
      if (!note || !was || problems.length || note.stageId !== was.stageId || note.laneId !== was.laneId || note.order !== was.order) {
        replaced = undefined;
        continue;
      }
      previous.index ??= new Map(previous.notes.map((n, i) => [n.id, i]));
      const index = previous.index.get(id);
      if (index === undefined) replaced = undefined;
      else replaced.push({ index, note });
    }
    if (!replaced || !previous) return undefined;
    const notes = previous.notes.slice();
    for (const { index, note } of replaced) notes[index] = note;
    return notes;
  }

  /** readNotes' rules over the cache: placed in a live stage and lane; in the doc's iteration order before sorting. */
  private walkNotes(roots: ReturnType<typeof boardRoots>, sink: (problem: string) => void): Note[] {
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
    return sortOrdered(notes);
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
