/**
 * Silent-brainstorm drafts: notes a member writes into their own private doc (room
 * `<boardId>/private/<memberId>`, root `notes`, same note shape as the board) until the facilitator
 * reveals them. The private doc has no stages or lanes of its own: a draft names the board's stage and
 * lane ids, plus the lane's kind so that a reveal can place it in a lane of the same kind if its lane was
 * removed in the meantime. Edit, move and delete drafts with the board's write functions on the private doc.
 */
import * as Y from 'yjs';
import { v4 as uuid } from 'uuid';
import { boardRoots } from '../board/doc.js';
import { keyAfterAll } from '../board/order.js';
import { readNote } from '../board/read.js';
import { cellEntries, createNoteMap } from '../board/write.js';
import { parseOrThrow, type SafeParser } from '../validate.js';
import {
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

function check<T>(schema: SafeParser<T>, value: unknown, what: string): T {
  return parseOrThrow(schema, value, what, (message) => new SessionWriteError('invalid_input', message));
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
  const cell = cellEntries(privateDoc, stageId, laneId);
  const id = input.id ?? uuid();
  privateDoc.transact(() => {
    const note = createNoteMap({
      text,
      stageId,
      laneId,
      order: keyAfterAll(cell),
      author: { ...input.author, department },
      createdAt: input.createdAt,
      emotion,
      momentOfTruth: false,
    });
    // Drafts remember the kind of their lane, so a reveal can find a lane of the same kind if it was removed.
    note.set(DRAFT_LANE_KIND, laneKind);
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
    const kind = laneKindSchema.safeParse(value.get(DRAFT_LANE_KIND));
    drafts.push({ ...note, laneKind: kind.success ? kind.data : null });
  });
  return drafts.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** How many entries a private doc's drafts map holds: the server's cheap count for presence (every update). */
export function countDraftEntries(privateDoc: Y.Doc): number {
  return boardRoots(privateDoc).notes.size;
}

/** How many drafts a private doc holds (what "Ana is writing 3 notes" counts). */
export function countDrafts(privateDoc: Y.Doc): number {
  return readDrafts(privateDoc).length;
}
