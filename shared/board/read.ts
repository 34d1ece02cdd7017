/**
 * Y.Doc -> plain typed values. Readers never throw on bad data: an invalid value is dropped or replaced
 * by a default and the reason is reported, because a doc may hold whatever some peer wrote.
 */
import * as Y from 'yjs';
import { boardRoots, childMap, childText, num, str } from './doc.js';
import { sortOrdered } from './order.js';
import { MEMBER_ROLES, type MemberRole } from '../protocol.js';
import {
  EMOTION_MAX,
  EMOTION_MIN,
  LANE_KINDS,
  NOTE,
  PERSONA_FIELDS,
  type BoardMeta,
  type Lane,
  type LaneKind,
  type Note,
  type Persona,
  type Stage,
} from './schema.js';

/** Collects reasons for dropped or repaired values. */
export type ProblemSink = (problem: string) => void;
const ignore: ProblemSink = () => undefined;

export function readMeta(doc: Y.Doc): BoardMeta {
  const { meta } = boardRoots(doc);
  return {
    title: str(meta, 'title', 'Untitled journey'),
    createdAt: num(meta, 'createdAt', 0),
    schemaVersion: num(meta, 'schemaVersion', 1),
  };
}

export function readPersona(doc: Y.Doc): Persona {
  const { persona } = boardRoots(doc);
  const out = { name: '', description: '', goals: '', quote: '' };
  for (const field of PERSONA_FIELDS) out[field] = str(persona, field);
  return out;
}

/** Stages sorted by (order, id). */
export function readStages(doc: Y.Doc, problem: ProblemSink = ignore): Stage[] {
  const stages: Stage[] = [];
  boardRoots(doc).stages.forEach((value, id) => {
    if (!(value instanceof Y.Map)) return problem(`stage ${id}: not a map`);
    stages.push({ id, title: str(value, 'title', 'Untitled stage'), order: str(value, 'order', '') });
  });
  return sortOrdered(stages);
}

/** Lanes sorted by (order, id); an unknown kind reads as `custom`. */
export function readLanes(doc: Y.Doc, problem: ProblemSink = ignore): Lane[] {
  const lanes: Lane[] = [];
  boardRoots(doc).lanes.forEach((value, id) => {
    if (!(value instanceof Y.Map)) return problem(`lane ${id}: not a map`);
    const rawKind = str(value, 'kind', 'custom');
    const kind: LaneKind = (LANE_KINDS as readonly string[]).includes(rawKind) ? (rawKind as LaneKind) : 'custom';
    if (kind !== rawKind) problem(`lane ${id}: unknown kind ${JSON.stringify(rawKind).slice(0, 40)}`);
    lanes.push({ id, title: str(value, 'title', 'Untitled lane'), kind, order: str(value, 'order', '') });
  });
  return sortOrdered(lanes);
}

function readVotes(map: Y.Map<unknown> | undefined): Record<string, number> {
  const votes: Record<string, number> = {};
  map?.forEach((value, participantId) => {
    if (typeof value === 'number' && Number.isInteger(value) && value > 0) votes[participantId] = value;
  });
  return votes;
}

function readCauses(map: Y.Map<unknown> | undefined, selfId: string): string[] {
  const causes: string[] = [];
  map?.forEach((value, id) => {
    if (value === true && id !== selfId) causes.push(id);
  });
  return causes.sort();
}

/** Reads one note map; returns undefined (with a reason) when it cannot be a note. */
export function readNote(id: string, value: unknown, problem: ProblemSink = ignore): Note | undefined {
  if (!(value instanceof Y.Map)) {
    problem(`note ${id}: not a map`);
    return undefined;
  }
  const map = value as Y.Map<unknown>;
  const stageId = str(map, NOTE.stageId);
  const laneId = str(map, NOTE.laneId);
  if (!stageId || !laneId) {
    problem(`note ${id}: no stage or lane`);
    return undefined;
  }
  const rawRole = str(map, NOTE.authorRole, 'stakeholder');
  const authorRole: MemberRole = (MEMBER_ROLES as readonly string[]).includes(rawRole)
    ? (rawRole as MemberRole)
    : 'stakeholder';
  const rawEmotion = map.get(NOTE.emotion);
  const emotion =
    typeof rawEmotion === 'number' && Number.isInteger(rawEmotion) && rawEmotion >= EMOTION_MIN && rawEmotion <= EMOTION_MAX
      ? rawEmotion
      : null;
  return {
    id,
    text: childText(map, NOTE.text)?.toString() ?? '',
    stageId,
    laneId,
    order: str(map, NOTE.order),
    authorId: str(map, NOTE.authorId),
    authorName: str(map, NOTE.authorName, 'Anonymous'),
    authorRole,
    department: str(map, NOTE.department),
    createdAt: num(map, NOTE.createdAt, 0),
    emotion,
    momentOfTruth: map.get(NOTE.momentOfTruth) === true,
    votes: readVotes(childMap(map, NOTE.votes)),
    causes: readCauses(childMap(map, NOTE.causes), id),
    ownerDepartment: str(map, NOTE.ownerDepartment),
  };
}

/**
 * Every note placed in an existing stage and lane, sorted by (order, id). Notes whose stage or lane was
 * removed concurrently are reported and left out.
 */
export function readNotes(doc: Y.Doc, problem: ProblemSink = ignore): Note[] {
  const stageIds = new Set(boardRoots(doc).stages.keys());
  const laneIds = new Set(boardRoots(doc).lanes.keys());
  const notes: Note[] = [];
  boardRoots(doc).notes.forEach((value, id) => {
    const note = readNote(id, value, problem);
    if (!note) return;
    if (!stageIds.has(note.stageId) || !laneIds.has(note.laneId)) {
      problem(`note ${id}: its stage or lane no longer exists`);
      return;
    }
    notes.push(note);
  });
  return sortOrdered(notes);
}

/** The Y.Text of a note, for editors that bind to it directly. */
export function noteText(doc: Y.Doc, noteId: string): Y.Text | undefined {
  const note = boardRoots(doc).notes.get(noteId);
  return note instanceof Y.Map ? childText(note, NOTE.text) : undefined;
}
