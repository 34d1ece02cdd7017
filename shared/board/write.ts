/**
 * Every user action on a board as one `doc.transact(fn, origin)`. Inputs are validated here, so the
 * client, the server and scripts cannot write something the schema forbids. Functions throw a
 * BoardWriteError for invalid input and never leave a half-done change.
 */
import * as Y from 'yjs';
import { v4 as uuid } from 'uuid';
import { boardRoots, childMap, str } from './doc.js';
import { keyAfterAll, keyForIndex, type Ordered } from './order.js';
import { readLanes, readStages } from './read.js';
import {
  LANE,
  LIMITS,
  META,
  NOTE,
  PERSONA_FIELDS,
  SCHEMA_VERSION,
  STAGE,
  cleanLine,
  departmentSchema,
  emotionSchema,
  laneTitleSchema,
  noteTextSchema,
  personaPatchSchema,
  personaSchema,
  stageTitleSchema,
  titleSchema,
  type Author,
  type LaneKind,
  type Persona,
} from './schema.js';
import { DEFAULT_TEMPLATE, type Template } from './template.js';
import { parseOrThrow, type SafeParser } from '../validate.js';

/** Invalid input to a write function. */
export class BoardWriteError extends Error {
  constructor(
    readonly code: 'invalid_input' | 'not_found' | 'limit_reached',
    message: string,
  ) {
    super(message);
    this.name = 'BoardWriteError';
  }
}

function parse<T>(schema: SafeParser<T>, value: unknown, what: string): T {
  return parseOrThrow(schema, value, what, (message) => new BoardWriteError('invalid_input', message));
}

function getMap(parent: Y.Map<Y.Map<unknown>>, id: string, what: string): Y.Map<unknown> {
  const map = parent.get(id);
  if (!(map instanceof Y.Map)) throw new BoardWriteError('not_found', `${what} ${id} not found`);
  return map;
}

function orderedEntries(parent: Y.Map<Y.Map<unknown>>, filter?: (m: Y.Map<unknown>) => boolean): Ordered[] {
  const out: Ordered[] = [];
  parent.forEach((map, id) => {
    if (map instanceof Y.Map && (!filter || filter(map))) out.push({ id, order: str(map, 'order') });
  });
  return out;
}

export interface InitBoardInput {
  title: string;
  persona?: Partial<Persona>;
  template?: Template;
  createdAt: number;
}

/** Fills an empty doc with meta, persona, and the template's stages and lanes. */
export function initBoard(doc: Y.Doc, input: InitBoardInput, origin?: unknown): void {
  const title = parse(titleSchema, input.title, 'title');
  const persona = parse(personaSchema, input.persona ?? {}, 'persona');
  const template = input.template ?? DEFAULT_TEMPLATE;
  doc.transact(() => {
    const roots = boardRoots(doc);
    roots.meta.set(META.title, title);
    roots.meta.set(META.createdAt, input.createdAt);
    roots.meta.set(META.schemaVersion, SCHEMA_VERSION);
    for (const field of PERSONA_FIELDS) roots.persona.set(field, persona[field]);
    let last: string | null = null;
    for (const stageTitle of template.stages) {
      last = keyAfterAll(last ? [{ id: '', order: last }] : []);
      const stage = new Y.Map<unknown>();
      stage.set(STAGE.title, stageTitle);
      stage.set(STAGE.order, last);
      roots.stages.set(uuid(), stage);
    }
    last = null;
    for (const lane of template.lanes) {
      last = keyAfterAll(last ? [{ id: '', order: last }] : []);
      const map = new Y.Map<unknown>();
      map.set(LANE.title, lane.title);
      map.set(LANE.kind, lane.kind);
      map.set(LANE.order, last);
      roots.lanes.set(uuid(), map);
    }
  }, origin);
}

export function setTitle(doc: Y.Doc, title: string, origin?: unknown): void {
  const value = parse(titleSchema, title, 'title');
  doc.transact(() => boardRoots(doc).meta.set(META.title, value), origin);
}

/** Updates the given persona fields only. */
export function updatePersona(doc: Y.Doc, patch: Partial<Persona>, origin?: unknown): void {
  const clean = parse(personaPatchSchema, patch, 'persona');
  doc.transact(() => {
    const { persona } = boardRoots(doc);
    for (const field of PERSONA_FIELDS) {
      const value = clean[field];
      if (value !== undefined && persona.get(field) !== value) persona.set(field, value);
    }
  }, origin);
}

// ---- stages ----

/** Adds a stage at `index` (default: last). Returns its id. */
export function addStage(doc: Y.Doc, title: string, index?: number, origin?: unknown): string {
  const clean = parse(stageTitleSchema, title, 'stage title');
  const { stages } = boardRoots(doc);
  if (stages.size >= LIMITS.stages) throw new BoardWriteError('limit_reached', `a board has at most ${LIMITS.stages} stages`);
  const id = uuid();
  const entries = orderedEntries(stages);
  const order = index === undefined ? keyAfterAll(entries) : keyForIndex(entries, index);
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    map.set(STAGE.title, clean);
    map.set(STAGE.order, order);
    stages.set(id, map);
  }, origin);
  return id;
}

export function renameStage(doc: Y.Doc, stageId: string, title: string, origin?: unknown): void {
  const clean = parse(stageTitleSchema, title, 'stage title');
  const map = getMap(boardRoots(doc).stages, stageId, 'stage');
  doc.transact(() => map.set(STAGE.title, clean), origin);
}

/**
 * Moves a stage to `index` among the others. Only the moved stage's `order` changes, so concurrent
 * reorders resolve per stage (last writer wins) and can neither duplicate nor lose a stage.
 */
export function moveStage(doc: Y.Doc, stageId: string, index: number, origin?: unknown): void {
  const { stages } = boardRoots(doc);
  const map = getMap(stages, stageId, 'stage');
  const order = keyForIndex(orderedEntries(stages), index, stageId);
  doc.transact(() => map.set(STAGE.order, order), origin);
}

/** Removes a stage and every note in it. */
export function removeStage(doc: Y.Doc, stageId: string, origin?: unknown): void {
  const { stages, notes } = boardRoots(doc);
  getMap(stages, stageId, 'stage');
  if (stages.size <= 1) throw new BoardWriteError('limit_reached', 'a board keeps at least one stage');
  doc.transact(() => {
    stages.delete(stageId);
    for (const [noteId, note] of notes.entries()) {
      if (note instanceof Y.Map && note.get(NOTE.stageId) === stageId) removeNoteInTransaction(doc, noteId);
    }
  }, origin);
}

// ---- lanes ----

export function addLane(doc: Y.Doc, title: string, kind: LaneKind = 'custom', index?: number, origin?: unknown): string {
  const clean = parse(laneTitleSchema, title, 'lane title');
  const { lanes } = boardRoots(doc);
  if (lanes.size >= LIMITS.lanes) throw new BoardWriteError('limit_reached', `a board has at most ${LIMITS.lanes} lanes`);
  const id = uuid();
  const entries = orderedEntries(lanes);
  const order = index === undefined ? keyAfterAll(entries) : keyForIndex(entries, index);
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    map.set(LANE.title, clean);
    map.set(LANE.kind, kind);
    map.set(LANE.order, order);
    lanes.set(id, map);
  }, origin);
  return id;
}

export function renameLane(doc: Y.Doc, laneId: string, title: string, origin?: unknown): void {
  const clean = parse(laneTitleSchema, title, 'lane title');
  const map = getMap(boardRoots(doc).lanes, laneId, 'lane');
  doc.transact(() => map.set(LANE.title, clean), origin);
}

/** Moves a lane to `index`; see moveStage for why only `order` changes. */
export function moveLane(doc: Y.Doc, laneId: string, index: number, origin?: unknown): void {
  const { lanes } = boardRoots(doc);
  const map = getMap(lanes, laneId, 'lane');
  const order = keyForIndex(orderedEntries(lanes), index, laneId);
  doc.transact(() => map.set(LANE.order, order), origin);
}

/** Removes a lane and every note in it. */
export function removeLane(doc: Y.Doc, laneId: string, origin?: unknown): void {
  const { lanes, notes } = boardRoots(doc);
  getMap(lanes, laneId, 'lane');
  if (lanes.size <= 1) throw new BoardWriteError('limit_reached', 'a board keeps at least one lane');
  doc.transact(() => {
    lanes.delete(laneId);
    for (const [noteId, note] of notes.entries()) {
      if (note instanceof Y.Map && note.get(NOTE.laneId) === laneId) removeNoteInTransaction(doc, noteId);
    }
  }, origin);
}

// ---- notes ----

export interface AddNoteInput {
  stageId: string;
  laneId: string;
  text?: string;
  author: Author;
  emotion?: number | null;
  /** position in the cell; default last */
  index?: number;
  createdAt?: number;
  /** a fixed id (tests, imports); default a new uuid */
  id?: string;
}

/** Order keys of the notes in one cell of `doc` (a board doc or a private drafts doc). */
export function cellEntries(doc: Y.Doc, stageId: string, laneId: string): Ordered[] {
  return orderedEntries(
    boardRoots(doc).notes,
    (m) => m.get(NOTE.stageId) === stageId && m.get(NOTE.laneId) === laneId,
  );
}

function requireCell(doc: Y.Doc, stageId: string, laneId: string): void {
  const { stages, lanes } = boardRoots(doc);
  getMap(stages, stageId, 'stage');
  getMap(lanes, laneId, 'lane');
}

/** The fields of a new note, already validated by the caller. */
export interface NoteFields {
  text: string;
  stageId: string;
  laneId: string;
  order: string;
  author: Author;
  createdAt: number;
  emotion: number | null;
  momentOfTruth: boolean;
}

/**
 * Builds the Y.Map of a note (schema v1): the one place that knows a note's shape, used for board notes,
 * silent-brainstorm drafts and revealed drafts. Call inside a transaction and put it in a notes map.
 */
export function createNoteMap(fields: NoteFields): Y.Map<unknown> {
  const note = new Y.Map<unknown>();
  const ytext = new Y.Text();
  if (fields.text) ytext.insert(0, fields.text);
  note.set(NOTE.text, ytext);
  note.set(NOTE.stageId, fields.stageId);
  note.set(NOTE.laneId, fields.laneId);
  note.set(NOTE.order, fields.order);
  note.set(NOTE.authorId, fields.author.id);
  note.set(NOTE.authorName, cleanLine(fields.author.name).slice(0, LIMITS.nameChars));
  note.set(NOTE.authorRole, fields.author.role);
  note.set(NOTE.department, cleanLine(fields.author.department).slice(0, LIMITS.departmentChars));
  note.set(NOTE.createdAt, fields.createdAt);
  if (fields.emotion !== null) note.set(NOTE.emotion, fields.emotion);
  note.set(NOTE.momentOfTruth, fields.momentOfTruth);
  note.set(NOTE.votes, new Y.Map<number>());
  note.set(NOTE.causes, new Y.Map<boolean>());
  note.set(NOTE.ownerDepartment, '');
  return note;
}

/** Adds a note in a cell. Returns its id. */
export function addNote(doc: Y.Doc, input: AddNoteInput, origin?: unknown): string {
  requireCell(doc, input.stageId, input.laneId);
  const text = parse(noteTextSchema, input.text ?? '', 'note text');
  const emotion = input.emotion === undefined || input.emotion === null ? null : parse(emotionSchema, input.emotion, 'emotion');
  const department = parse(departmentSchema, input.author.department, 'department');
  const id = input.id ?? uuid();
  const cell = cellEntries(doc, input.stageId, input.laneId);
  const order = input.index === undefined ? keyAfterAll(cell) : keyForIndex(cell, input.index);
  doc.transact(() => {
    const note = createNoteMap({
      text,
      stageId: input.stageId,
      laneId: input.laneId,
      order,
      author: { ...input.author, department },
      createdAt: input.createdAt ?? Date.now(),
      emotion,
      momentOfTruth: false,
    });
    boardRoots(doc).notes.set(id, note);
  }, origin);
  return id;
}

function getNote(doc: Y.Doc, noteId: string): Y.Map<unknown> {
  return getMap(boardRoots(doc).notes, noteId, 'note');
}

/**
 * Replaces a note's text with the smallest edit (common prefix and suffix kept), so that concurrent
 * edits elsewhere in the text survive. Editors bound to the Y.Text directly need not call this.
 */
export function setNoteText(doc: Y.Doc, noteId: string, text: string, origin?: unknown): void {
  const clean = parse(noteTextSchema, text, 'note text');
  const ytext = getNote(doc, noteId).get(NOTE.text);
  if (!(ytext instanceof Y.Text)) throw new BoardWriteError('not_found', `note ${noteId} has no text`);
  const current = ytext.toString();
  if (current === clean) return;
  let start = 0;
  while (start < current.length && start < clean.length && current[start] === clean[start]) start++;
  let end = 0;
  while (
    end < current.length - start &&
    end < clean.length - start &&
    current[current.length - 1 - end] === clean[clean.length - 1 - end]
  )
    end++;
  doc.transact(() => {
    ytext.delete(start, current.length - start - end);
    ytext.insert(start, clean.slice(start, clean.length - end));
  }, origin);
}

export interface NoteTarget {
  stageId: string;
  laneId: string;
  /** position in the target cell; default last */
  index?: number;
}

/** Moves a note to another cell and/or position. */
export function moveNote(doc: Y.Doc, noteId: string, target: NoteTarget, origin?: unknown): void {
  const note = getNote(doc, noteId);
  requireCell(doc, target.stageId, target.laneId);
  const cell = cellEntries(doc, target.stageId, target.laneId);
  const order = target.index === undefined
    ? keyAfterAll(cell.filter((e) => e.id !== noteId))
    : keyForIndex(cell, target.index, noteId);
  doc.transact(() => {
    if (note.get(NOTE.stageId) !== target.stageId) note.set(NOTE.stageId, target.stageId);
    if (note.get(NOTE.laneId) !== target.laneId) note.set(NOTE.laneId, target.laneId);
    note.set(NOTE.order, order);
  }, origin);
}

function removeNoteInTransaction(doc: Y.Doc, noteId: string): void {
  const { notes } = boardRoots(doc);
  notes.delete(noteId);
  // Drop dangling cause links that pointed at the removed note.
  notes.forEach((other) => {
    if (!(other instanceof Y.Map)) return;
    const causes = childMap(other, NOTE.causes);
    if (causes?.has(noteId)) causes.delete(noteId);
  });
}

export function deleteNote(doc: Y.Doc, noteId: string, origin?: unknown): void {
  getNote(doc, noteId);
  doc.transact(() => removeNoteInTransaction(doc, noteId), origin);
}

/** Sets (or clears with null) the emotion of a note. */
export function setEmotion(doc: Y.Doc, noteId: string, emotion: number | null, origin?: unknown): void {
  const note = getNote(doc, noteId);
  const value = emotion === null ? null : parse(emotionSchema, emotion, 'emotion');
  doc.transact(() => {
    if (value === null) note.delete(NOTE.emotion);
    else note.set(NOTE.emotion, value);
  }, origin);
}

export function setMomentOfTruth(doc: Y.Doc, noteId: string, value: boolean, origin?: unknown): void {
  const note = getNote(doc, noteId);
  doc.transact(() => note.set(NOTE.momentOfTruth, value), origin);
}

/** Sets the department that owns a pain point or an opportunity ('' clears it). */
export function setOwnerDepartment(doc: Y.Doc, noteId: string, department: string, origin?: unknown): void {
  const clean = parse(departmentSchema, department, 'department');
  const note = getNote(doc, noteId);
  doc.transact(() => note.set(NOTE.ownerDepartment, clean), origin);
}

function ensureChildMap(note: Y.Map<unknown>, key: string): Y.Map<unknown> {
  const existing = childMap(note, key);
  if (existing) return existing;
  const created = new Y.Map<unknown>();
  note.set(key, created);
  return created;
}

/**
 * Sets how many dots `participantId` placed on a note (0 removes them). Caps per participant are a
 * session rule enforced by the client and by the summary, which never counts more than the cap.
 */
export function setVotes(doc: Y.Doc, noteId: string, participantId: string, dots: number, origin?: unknown): void {
  if (!Number.isInteger(dots) || dots < 0 || dots > 99) throw new BoardWriteError('invalid_input', 'dots: a whole number 0..99');
  const note = getNote(doc, noteId);
  doc.transact(() => {
    const votes = ensureChildMap(note, NOTE.votes);
    if (dots === 0) votes.delete(participantId);
    else votes.set(participantId, dots);
  }, origin);
}

/** Links `causeId` as an upstream cause of `noteId`. Self-links are refused; cycles are allowed in data and handled by readers. */
export function linkCause(doc: Y.Doc, noteId: string, causeId: string, origin?: unknown): void {
  if (noteId === causeId) throw new BoardWriteError('invalid_input', 'a note cannot cause itself');
  const note = getNote(doc, noteId);
  getNote(doc, causeId);
  doc.transact(() => ensureChildMap(note, NOTE.causes).set(causeId, true), origin);
}

export function unlinkCause(doc: Y.Doc, noteId: string, causeId: string, origin?: unknown): void {
  const note = getNote(doc, noteId);
  doc.transact(() => childMap(note, NOTE.causes)?.delete(causeId), origin);
}

/** The ids of stages/lanes in display order (convenience for UIs and tests). */
export function stageIds(doc: Y.Doc): string[] {
  return readStages(doc).map((s) => s.id);
}
export function laneIds(doc: Y.Doc): string[] {
  return readLanes(doc).map((l) => l.id);
}
