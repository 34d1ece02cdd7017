/**
 * The follow-up builder: from the snapshot of a finished board, the doc of the next session of its series.
 * It keeps the persona, the stages and lanes (same ids and order, so the comparison matches stages by id),
 * the unfinished actions with their status, and, as asked, no notes, the pain points only, or all notes.
 * Carried notes and actions keep their ids: that is their lineage, which the comparison matches first.
 * Votes are not carried (every session votes afresh); cause links are kept between carried notes.
 */
import * as Y from 'yjs';
import { createActionMap } from '../board/action-write.js';
import { ACTION_LIMITS, UNFINISHED_STATUSES, type Action } from '../board/actions.js';
import { boardRoots } from '../board/doc.js';
import { LANE, LIMITS, META, NOTE, PERSONA_FIELDS, SCHEMA_VERSION, STAGE, type Note } from '../board/schema.js';
import type { BoardSnapshot } from '../board/snapshot.js';
import { createNoteMap } from '../board/write.js';
import type { FollowUpNotes } from './api.js';

/** What the caller decides. */
export interface FollowUpOptions {
  title: string;
  notes: FollowUpNotes;
  /** id of the previous board: stamped as `carriedFrom` on the actions */
  previousBoardId: string;
  createdAt: number;
}

/** What was carried over, for the route's answer and logs. */
export interface FollowUpResult {
  doc: Y.Doc;
  carried: { notes: number; actions: number };
}

/** The default title of session `position`: the previous title without its session suffix, plus ` · session N`. */
export function followUpTitle(previousTitle: string, position: number): string {
  const suffix = ` · session ${position}`;
  const base = previousTitle.replace(/ · session \d+$/, '').trim() || 'Untitled journey';
  return base.slice(0, LIMITS.titleChars - suffix.length) + suffix;
}

function carriedNotes(snapshot: BoardSnapshot, which: FollowUpNotes): Note[] {
  if (which === 'none') return [];
  if (which === 'all') return snapshot.notes;
  const painLanes = new Set(snapshot.lanes.filter((l) => l.kind === 'pains').map((l) => l.id));
  return snapshot.notes.filter((n) => painLanes.has(n.laneId));
}

/** Text of the source notes that do not travel with an action, so its description still says where it came from. */
function sourceMemo(action: Action, notesById: ReadonlyMap<string, Note>, carried: ReadonlySet<string>, previousTitle: string): string {
  const left = action.sources.filter((id) => !carried.has(id)).map((id) => notesById.get(id)).filter((n): n is Note => n !== undefined);
  if (left.length === 0) return action.description;
  const lines = left.map((n) => `- “${n.text.replace(/\s+/g, ' ').trim()}”`);
  const memo = `From “${previousTitle}”:\n${lines.join('\n')}`;
  const joined = action.description.trim() ? `${action.description.trim()}\n\n${memo}` : memo;
  return joined.slice(0, ACTION_LIMITS.descriptionChars);
}

/** Builds the new board's doc (schema SCHEMA_VERSION). Pure apart from creating the Y.Doc; destroy it after use. */
export function buildFollowUp(previous: BoardSnapshot, options: FollowUpOptions): FollowUpResult {
  const doc = new Y.Doc();
  const notes = carriedNotes(previous, options.notes);
  const carriedIds = new Set(notes.map((n) => n.id));
  const notesById = new Map(previous.notes.map((n) => [n.id, n]));
  const actions = (previous.actions ?? []).filter((a) => UNFINISHED_STATUSES.includes(a.status));
  doc.transact(() => {
    const roots = boardRoots(doc);
    roots.meta.set(META.title, options.title);
    roots.meta.set(META.createdAt, options.createdAt);
    roots.meta.set(META.schemaVersion, SCHEMA_VERSION);
    for (const field of PERSONA_FIELDS) roots.persona.set(field, previous.persona[field]);
    for (const stage of previous.stages) {
      const map = new Y.Map<unknown>();
      map.set(STAGE.title, stage.title);
      map.set(STAGE.order, stage.order);
      roots.stages.set(stage.id, map);
    }
    for (const lane of previous.lanes) {
      const map = new Y.Map<unknown>();
      map.set(LANE.title, lane.title);
      map.set(LANE.kind, lane.kind);
      map.set(LANE.order, lane.order);
      roots.lanes.set(lane.id, map);
    }
    for (const note of notes) {
      const map = createNoteMap({
        text: note.text,
        stageId: note.stageId,
        laneId: note.laneId,
        order: note.order,
        author: { id: note.authorId, name: note.authorName, role: note.authorRole, department: note.department },
        createdAt: note.createdAt,
        emotion: note.emotion,
        momentOfTruth: note.momentOfTruth,
      });
      map.set(NOTE.ownerDepartment, note.ownerDepartment);
      roots.notes.set(note.id, map);
      // Only after integration: a map not yet in the doc does not hand out its nested maps.
      const causes = map.get(NOTE.causes);
      if (causes instanceof Y.Map) for (const id of note.causes) if (carriedIds.has(id)) causes.set(id, true);
    }
    for (const action of actions) {
      roots.actions.set(
        action.id,
        createActionMap({
          ...action,
          description: sourceMemo(action, notesById, carriedIds, previous.meta.title),
          sources: action.sources.filter((id) => carriedIds.has(id)),
          carriedFrom: options.previousBoardId,
        }),
      );
    }
  });
  return { doc, carried: { notes: notes.length, actions: actions.length } };
}
