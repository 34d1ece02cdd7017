/**
 * Action items (board schema v2, root `actions`): what the organisation commits to doing about a pain point
 * or an opportunity. Field names, validators, the plain Action type and the reader live here together.
 * Writers are in action-write.ts.
 */
import * as Y from 'yjs';
import * as z from '../zod.js';
import { boardRoots, childMap, num, str } from './doc.js';
import type { ProblemSink } from './read.js';
import { LIMITS, cleanLine, cleanText, departmentSchema } from './schema.js';

/** Statuses of an action, in the order a tracker shows them. */
export const ACTION_STATUSES = ['open', 'in_progress', 'done', 'dropped'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
/** Statuses that still need work: these actions are carried into a follow-up session. */
export const UNFINISHED_STATUSES: readonly ActionStatus[] = ['open', 'in_progress'];

/** Human labels of the statuses (exports and UI). */
export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  open: 'Open',
  in_progress: 'In progress',
  done: 'Done',
  dropped: 'Dropped',
};

/** Limits of action fields. */
export const ACTION_LIMITS = {
  titleChars: 200,
  descriptionChars: 2000,
  /** actions per board; a board with more is not a workshop output any more */
  actions: 500,
  /** source notes per action */
  sources: 50,
} as const;

/** Field names of an action map (`actions` root: Y.Map<actionId, Y.Map>). */
export const ACTION = {
  title: 'title',
  description: 'description',
  department: 'department',
  owner: 'owner',
  dueDate: 'dueDate',
  status: 'status',
  /** Y.Map<noteId, true>: the notes the action came from (a set) */
  sources: 'sources',
  createdAt: 'createdAt',
  authorName: 'authorName',
  /** id of the board of the previous session this action was carried over from; '' when made here */
  carriedFrom: 'carriedFrom',
} as const;

/** A due date is a calendar day, `YYYY-MM-DD`, that exists. */
export const DUE_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `value` is '' or a real calendar day in YYYY-MM-DD form. */
export function isDueDate(value: string): boolean {
  if (value === '') return true;
  const match = DUE_DATE_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const line = (max: number) => z.pipe(z.pipe(z.string(), z.transform(cleanLine)), z.string().check(z.maxLength(max, `at most ${max} characters`)));

export const actionStatusSchema = z.enum(ACTION_STATUSES);
export const actionTitleSchema = z.pipe(line(ACTION_LIMITS.titleChars), z.string().check(z.minLength(1, 'must not be empty')));
export const actionDescriptionSchema = z.pipe(
  z.pipe(z.string(), z.transform(cleanText)),
  z.string().check(z.maxLength(ACTION_LIMITS.descriptionChars, `at most ${ACTION_LIMITS.descriptionChars} characters`)),
);
export const actionOwnerSchema = line(LIMITS.nameChars);
export const dueDateSchema = z.pipe(
  z.pipe(z.string(), z.transform((v: string) => v.trim())),
  z.string().check(z.refine(isDueDate, 'a calendar day as YYYY-MM-DD, or empty')),
);

/** The editable fields of an action; every field optional (a patch). */
export const actionPatchSchema = z.strictObject({
  title: z.optional(actionTitleSchema),
  description: z.optional(actionDescriptionSchema),
  department: z.optional(departmentSchema),
  owner: z.optional(actionOwnerSchema),
  dueDate: z.optional(dueDateSchema),
  status: z.optional(actionStatusSchema),
});
export type ActionPatch = z.input<typeof actionPatchSchema>;

/** An action as read from a doc. */
export interface Action {
  id: string;
  title: string;
  description: string;
  department: string;
  owner: string;
  /** YYYY-MM-DD or '' */
  dueDate: string;
  status: ActionStatus;
  /** ids of the source notes (a set, sorted) */
  sources: string[];
  createdAt: number;
  authorName: string;
  carriedFrom: string;
}

/** Reads one action map; undefined (with a reason) when it cannot be an action. */
export function readAction(id: string, value: unknown, problem: ProblemSink): Action | undefined {
  if (!(value instanceof Y.Map)) {
    problem(`action ${id}: not a map`);
    return undefined;
  }
  const map = value as Y.Map<unknown>;
  const rawStatus = str(map, ACTION.status, 'open');
  const status: ActionStatus = (ACTION_STATUSES as readonly string[]).includes(rawStatus) ? (rawStatus as ActionStatus) : 'open';
  if (status !== rawStatus) problem(`action ${id}: unknown status ${JSON.stringify(rawStatus).slice(0, 40)}`);
  const dueDate = str(map, ACTION.dueDate);
  if (!isDueDate(dueDate)) problem(`action ${id}: invalid due date`);
  const sources: string[] = [];
  childMap(map, ACTION.sources)?.forEach((flag, noteId) => {
    if (flag === true) sources.push(noteId);
  });
  return {
    id,
    title: str(map, ACTION.title, 'Untitled action'),
    description: str(map, ACTION.description),
    department: str(map, ACTION.department),
    owner: str(map, ACTION.owner),
    dueDate: isDueDate(dueDate) ? dueDate : '',
    status,
    sources: sources.sort(),
    createdAt: num(map, ACTION.createdAt, 0),
    authorName: str(map, ACTION.authorName),
    carriedFrom: str(map, ACTION.carriedFrom),
  };
}

/** Sorts actions by creation time, then id, so every peer lists them alike. */
export function compareActions(a: Action, b: Action): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Every action of a board (none for a board created under schema v1), in creation order. */
export function readActions(doc: Y.Doc, problem: ProblemSink = () => undefined): Action[] {
  const actions: Action[] = [];
  boardRoots(doc).actions.forEach((value, id) => {
    const action = readAction(id, value, problem);
    if (action) actions.push(action);
  });
  return actions.sort(compareActions);
}
