/**
 * Writers of action items, each one `doc.transact(fn, origin)` like write.ts: inputs are validated first
 * and a BoardWriteError is thrown before anything changes.
 */
import * as Y from 'yjs';
import { v4 as uuid } from 'uuid';
import { boardRoots, childMap } from './doc.js';
import {
  ACTION,
  ACTION_LIMITS,
  actionDescriptionSchema,
  actionOwnerSchema,
  actionPatchSchema,
  actionStatusSchema,
  actionTitleSchema,
  dueDateSchema,
  type ActionPatch,
  type ActionStatus,
} from './actions.js';
import { LIMITS, cleanLine, departmentSchema } from './schema.js';
import { BoardWriteError } from './write.js';
import { parseOrThrow, type SafeParser } from '../validate.js';

function parse<T>(schema: SafeParser<T>, value: unknown, what: string): T {
  return parseOrThrow(schema, value, what, (message) => new BoardWriteError('invalid_input', message));
}

/** What a new action needs; only the title is required. */
export interface AddActionInput {
  title: string;
  description?: string;
  department?: string;
  owner?: string;
  dueDate?: string;
  status?: ActionStatus;
  /** ids of the notes the action came from; each must be a note of the board */
  sources?: readonly string[];
  authorName?: string;
  createdAt?: number;
  /** a fixed id (tests, follow-ups that keep lineage); default a new uuid */
  id?: string;
  /** board id of the previous session, for carried-over actions */
  carriedFrom?: string;
}

/** The validated fields of an action, ready to be put in a map. */
export interface ActionFields {
  title: string;
  description: string;
  department: string;
  owner: string;
  dueDate: string;
  status: ActionStatus;
  sources: readonly string[];
  authorName: string;
  createdAt: number;
  carriedFrom: string;
}

/** Builds the Y.Map of an action: the one place that knows its shape. Call inside a transaction. */
export function createActionMap(fields: ActionFields): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  map.set(ACTION.title, fields.title);
  map.set(ACTION.description, fields.description);
  map.set(ACTION.department, fields.department);
  map.set(ACTION.owner, fields.owner);
  map.set(ACTION.dueDate, fields.dueDate);
  map.set(ACTION.status, fields.status);
  const sources = new Y.Map<boolean>();
  for (const id of fields.sources) sources.set(id, true);
  map.set(ACTION.sources, sources);
  map.set(ACTION.createdAt, fields.createdAt);
  map.set(ACTION.authorName, cleanLine(fields.authorName).slice(0, LIMITS.nameChars));
  map.set(ACTION.carriedFrom, fields.carriedFrom);
  return map;
}

function requireNotes(doc: Y.Doc, ids: readonly string[]): string[] {
  const { notes } = boardRoots(doc);
  const unique = [...new Set(ids)];
  if (unique.length > ACTION_LIMITS.sources) throw new BoardWriteError('limit_reached', `an action has at most ${ACTION_LIMITS.sources} source notes`);
  for (const id of unique) {
    if (!(notes.get(id) instanceof Y.Map)) throw new BoardWriteError('not_found', `note ${id} not found`);
  }
  return unique;
}

/** Adds an action. Returns its id. */
export function addAction(doc: Y.Doc, input: AddActionInput, origin?: unknown): string {
  const fields: ActionFields = {
    title: parse(actionTitleSchema, input.title, 'action title'),
    description: parse(actionDescriptionSchema, input.description ?? '', 'description'),
    department: parse(departmentSchema, input.department ?? '', 'department'),
    owner: parse(actionOwnerSchema, input.owner ?? '', 'owner'),
    dueDate: parse(dueDateSchema, input.dueDate ?? '', 'due date'),
    status: parse(actionStatusSchema, input.status ?? 'open', 'status'),
    sources: requireNotes(doc, input.sources ?? []),
    authorName: input.authorName ?? '',
    createdAt: input.createdAt ?? Date.now(),
    carriedFrom: input.carriedFrom ?? '',
  };
  const { actions } = boardRoots(doc);
  if (actions.size >= ACTION_LIMITS.actions) throw new BoardWriteError('limit_reached', `a board has at most ${ACTION_LIMITS.actions} actions`);
  const id = input.id ?? uuid();
  doc.transact(() => actions.set(id, createActionMap(fields)), origin);
  return id;
}

function getAction(doc: Y.Doc, actionId: string): Y.Map<unknown> {
  const map = boardRoots(doc).actions.get(actionId);
  if (!(map instanceof Y.Map)) throw new BoardWriteError('not_found', `action ${actionId} not found`);
  return map;
}

/** Changes the given fields of an action only (title, description, department, owner, due date, status). */
export function updateAction(doc: Y.Doc, actionId: string, patch: ActionPatch, origin?: unknown): void {
  const clean = parse(actionPatchSchema, patch, 'action');
  const map = getAction(doc, actionId);
  doc.transact(() => {
    for (const [key, value] of Object.entries(clean)) {
      if (value !== undefined && map.get(key) !== value) map.set(key, value);
    }
  }, origin);
}

/** Replaces the set of source notes of an action (each must be a note of the board). */
export function setActionSources(doc: Y.Doc, actionId: string, noteIds: readonly string[], origin?: unknown): void {
  const map = getAction(doc, actionId);
  const wanted = new Set(requireNotes(doc, noteIds));
  doc.transact(() => {
    let sources = childMap(map, ACTION.sources);
    if (!sources) {
      sources = new Y.Map<unknown>();
      map.set(ACTION.sources, sources);
    }
    for (const id of [...sources.keys()]) if (!wanted.has(id)) sources.delete(id);
    for (const id of wanted) if (sources.get(id) !== true) sources.set(id, true);
  }, origin);
}

/** Removes an action. */
export function removeAction(doc: Y.Doc, actionId: string, origin?: unknown): void {
  getAction(doc, actionId);
  doc.transact(() => boardRoots(doc).actions.delete(actionId), origin);
}
