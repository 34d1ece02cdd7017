/** readBoard(doc) -> BoardSnapshot: the plain, versioned JSON view of a board that exporters receive. */
import type * as Y from 'yjs';
import { readActions, type Action } from './actions.js';
import { readLanes, readMeta, readNotes, readPersona, readStages } from './read.js';
import type { BoardMeta, Lane, Note, Persona, Stage } from './schema.js';

/** A whole board as plain data. `problems` lists values the reader dropped or repaired. */
export interface BoardSnapshot {
  /** 2 since action items; snapshots stored under v1 (JSON exports, fixtures) say 1 and have no `actions` */
  schemaVersion: 1 | 2;
  meta: BoardMeta;
  persona: Persona;
  stages: Stage[];
  lanes: Lane[];
  notes: Note[];
  /** action items in creation order; absent in v1 snapshots */
  actions?: Action[];
  problems: string[];
}

/** Reads the whole board. Iterative and bounded by the schema, so hostile nesting cannot blow the stack. */
export function readBoard(doc: Y.Doc): BoardSnapshot {
  const problems: string[] = [];
  const sink = (problem: string): void => {
    if (problems.length < 100) problems.push(problem);
  };
  const stages = readStages(doc, sink);
  const lanes = readLanes(doc, sink);
  const notes = readNotes(doc, sink);
  const actions = readActions(doc, sink);
  // Map iteration order differs between peers: sort so every peer produces the same snapshot.
  problems.sort();
  return { schemaVersion: 2, meta: readMeta(doc), persona: readPersona(doc), stages, lanes, notes, actions, problems };
}
