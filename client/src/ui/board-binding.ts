/**
 * What every rendering of the editable map needs (the grid, the outline and the phone view): the board,
 * the actions bound to this person, and the workshop session parts (drafts, votes, focus). One object, so
 * the three views are always handed the same thing.
 */
import type * as Y from 'yjs';
import type { LaneKind } from '../../../shared/board/schema.js';
import type { BoardSnapshot } from '../../../shared/board/snapshot.js';
import type { Draft } from '../../../shared/session/drafts.js';
import type { BoardFacilitation } from '../facilitation/board-facilitation.js';
import type { BoardActions } from '../session/board-actions.js';
import { announce } from './announce.js';

/** The editable map as the workspace hands it to a view of it. */
export interface BoardBinding {
  snapshot: BoardSnapshot;
  doc: Y.Doc;
  actions: BoardActions | undefined;
  /** the board refuses this person's edits now */
  locked: boolean;
  /** title, persona, stages and lanes are the facilitator's (unless the session's switch opens them) */
  structureLocked: boolean;
  /** this person may delete notes others wrote; otherwise only their own */
  deleteAny: boolean;
  /** this person's member id (whose notes they may always delete) */
  memberId: string | undefined;
  facilitation: BoardFacilitation | undefined;
  drafts: readonly Draft[];
  draftDoc: Y.Doc | undefined;
  draftActions: BoardActions | undefined;
  /** set while a silent brainstorm is on for this person: new notes become private drafts */
  draftWriter: ((stageId: string, laneId: string, kind: LaneKind) => string | undefined) | undefined;
  /** noteId -> names of the people editing it */
  editing: ReadonlyMap<string, string[]>;
}

/**
 * Adds a note (or, during a silent brainstorm, a private draft) in a cell and says so. Returns the new
 * note's id, for the caller to put the caret in it; undefined when nothing was added (reported already).
 */
export function addNoteIn(binding: BoardBinding, stageId: string, laneId: string): string | undefined {
  const stage = binding.snapshot.stages.find((s) => s.id === stageId)?.title ?? '';
  const lane = binding.snapshot.lanes.find((l) => l.id === laneId);
  if (binding.draftWriter) {
    const id = binding.draftWriter(stageId, laneId, lane?.kind ?? 'custom');
    if (id) announce(`Private note added in ${stage}, ${lane?.title ?? ''}. Only you can see it until the facilitator reveals all notes.`);
    return id;
  }
  const id = binding.actions?.addNote(stageId, laneId);
  if (id) announce(`Note added in ${stage}, ${lane?.title ?? ''}. Type its text.`);
  return id;
}

/** The stage the room is on: the facilitator's focus (a stage, or a note's stage), else undefined. */
export function focusedStageId(binding: Pick<BoardBinding, 'snapshot' | 'facilitation'>): string | undefined {
  const focus = binding.facilitation?.focus;
  if (!focus) return undefined;
  if (focus.kind === 'stage') return focus.id;
  return binding.snapshot.notes.find((n) => n.id === focus.id)?.stageId;
}
