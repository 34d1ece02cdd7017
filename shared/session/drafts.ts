/**
 * Silent-brainstorm drafts: notes a member writes into their own private doc (room
 * `<boardId>/private/<memberId>`, root `notes`, same note shape as the board) until the facilitator
 * reveals them. The private doc has no stages or lanes of its own: a draft names the board's stage and
 * lane ids, plus the lane's kind so that a reveal can place it in a lane of the same kind if its lane was
 * removed in the meantime. Edit, move and delete drafts with the board's write functions on the private doc.
 */
import * as Y from 'yjs';
import { v4 as uuid } from 'uuid';
import { boardRoots, str } from '../board/doc.js';
import { keyAfterAll, type Ordered } from '../board/order.js';
import { readNote } from '../board/read.js';
import {
  LIMITS,
  NOTE,
  cleanLine,
  departmentSchema,
  emotionSchema,
  idSchema,
  laneKindSchema,
  noteTextSchema,
  type Author,
  type LaneKind,
  type Note,
} from '../board/schema.js';
import { SessionWriteError } from './write.js';

/** Extra field of a draft note: the kind of the lane it was written in. */
export const DRAFT_LANE_KIND = 'laneKind';

/** Most drafts one member can hold, so a private doc stays small. */
export const MAX_DRAFTS = 200;

export interface AddDraftInput {
  stageId: string;
  laneId: string;
  laneKind: LaneKind;
  text?: string;
  author: Author;
  emotion?: number | null;
  createdAt: number;
  /** a fixed id (tests); default a new uuid */
  id?: string;
}

function check<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new SessionWriteError('invalid_input', `${what}: invalid`);
  return result.data;
}

/** Adds a draft note at the end of its cell in the member's private doc. Returns its id. */
export function addDraft(privateDoc: Y.Doc, input: AddDraftInput, origin?: unknown): string {
  const stageId = check(idSchema, input.stageId, 'stage id');
  const laneId = check(idSchema, input.laneId, 'lane id');
  const laneKind = check(laneKindSchema, input.laneKind, 'lane kind');
  const text = check(noteTextSchema, input.text ?? '', 'note text');
  const department = check(departmentSchema, input.author.department, 'department');
  const emotion = input.emotion === undefined || input.emotion === null ? null : check(emotionSchema, input.emotion, 'emotion');
  const { notes } = boardRoots(privateDoc);
  if (notes.size >= MAX_DRAFTS) throw new SessionWriteError('limit_reached', `at most ${MAX_DRAFTS} drafts`);
  const cell: Ordered[] = [];
  notes.forEach((map, id) => {
    if (map instanceof Y.Map && map.get(NOTE.stageId) === stageId && map.get(NOTE.laneId) === laneId) {
      cell.push({ id, order: str(map, NOTE.order) });
    }
  });
  const id = input.id ?? uuid();
  privateDoc.transact(() => {
    const note = new Y.Map<unknown>();
    const ytext = new Y.Text();
    if (text) ytext.insert(0, text);
    note.set(NOTE.text, ytext);
    note.set(NOTE.stageId, stageId);
    note.set(NOTE.laneId, laneId);
    note.set(DRAFT_LANE_KIND, laneKind);
    note.set(NOTE.order, keyAfterAll(cell));
    note.set(NOTE.authorId, input.author.id);
    note.set(NOTE.authorName, cleanLine(input.author.name).slice(0, LIMITS.nameChars));
    note.set(NOTE.authorRole, input.author.role);
    note.set(NOTE.department, department);
    note.set(NOTE.createdAt, input.createdAt);
    if (emotion !== null) note.set(NOTE.emotion, emotion);
    note.set(NOTE.momentOfTruth, false);
    notes.set(id, note);
  }, origin);
  return id;
}

/** A draft as plain data: a note plus the kind of the lane it was written in (when known). */
export interface Draft extends Note {
  laneKind: LaneKind | null;
}

/** The drafts of a private doc, sorted by (createdAt, id) so every reader agrees. Invalid entries are skipped. */
export function readDrafts(privateDoc: Y.Doc): Draft[] {
  const drafts: Draft[] = [];
  boardRoots(privateDoc).notes.forEach((value, id) => {
    const note = readNote(id, value);
    if (!note) return;
    const kind = laneKindSchema.safeParse((value as Y.Map<unknown>).get(DRAFT_LANE_KIND));
    drafts.push({ ...note, laneKind: kind.success ? kind.data : null });
  });
  return drafts.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** How many drafts a private doc holds (what "Ana is writing 3 notes" counts). */
export function countDrafts(privateDoc: Y.Doc): number {
  return readDrafts(privateDoc).length;
}
