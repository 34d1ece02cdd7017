/**
 * Summary step: action items grouped by owning department, each with its source notes resolved (SUM-ACT-1
 * in docs/export.md). Pure; used by buildSummary and by the actions CSV.
 */
import { ACTION_STATUSES, type Action, type ActionStatus } from './actions.js';
import type { LaneKind } from './schema.js';

/** Department label of actions that name none (same wording as the rest of the summary). */
export const UNASSIGNED_ACTIONS_LABEL = 'Unassigned';

/** The part of a summary note an action's source needs. */
export interface ActionSourceNote {
  id: string;
  text: string;
  stageTitle: string;
  laneTitle: string;
  laneKind: LaneKind;
}

/** A source note of an action, resolved on the board. */
export interface ActionSource {
  noteId: string;
  text: string;
  stageTitle: string;
  laneTitle: string;
  laneKind: LaneKind;
}

/** An action as the summary shows it. */
export interface SummaryAction {
  id: string;
  title: string;
  description: string;
  /** display spelling, '' when none */
  department: string;
  owner: string;
  dueDate: string;
  status: ActionStatus;
  /** source notes that are on the board, in board order */
  sources: ActionSource[];
  /** source notes no longer on the board */
  missingSources: number;
  createdAt: number;
  carriedFrom: string;
}

/** The actions of one owning department. */
export interface ActionGroup {
  /** display spelling, or UNASSIGNED_ACTIONS_LABEL */
  department: string;
  actions: SummaryAction[];
}

/** Every action of the board, grouped by owning department, with counts. */
export interface SummaryActions {
  total: number;
  byStatus: Record<ActionStatus, number>;
  /** departments alphabetically (case-insensitive), Unassigned last */
  groups: ActionGroup[];
}

function key(department: string): string {
  return department.trim().replace(/\s+/g, ' ').toLowerCase();
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const STATUS_RANK = new Map(ACTION_STATUSES.map((s, i) => [s, i]));

/** Inside a department: unfinished first (open, in progress, done, dropped), then by due date (none last), then creation. */
function compareInGroup(a: SummaryAction, b: SummaryAction): number {
  return (
    (STATUS_RANK.get(a.status) ?? 0) - (STATUS_RANK.get(b.status) ?? 0) ||
    (a.dueDate === '' ? 1 : 0) - (b.dueDate === '' ? 1 : 0) ||
    compareText(a.dueDate, b.dueDate) ||
    a.createdAt - b.createdAt ||
    compareText(a.id, b.id)
  );
}

/**
 * SUM-ACT-1: groups actions by department (case- and space-insensitive; the first spelling in creation order
 * is shown), resolving their source notes against `notesInBoardOrder` (notes not there count as missing).
 */
export function summariseActions(actions: readonly Action[] | undefined, notesInBoardOrder: readonly ActionSourceNote[]): SummaryActions {
  const position = new Map(notesInBoardOrder.map((n, i) => [n.id, i]));
  const byId = new Map(notesInBoardOrder.map((n) => [n.id, n]));
  const byStatus: Record<ActionStatus, number> = { open: 0, in_progress: 0, done: 0, dropped: 0 };
  const groups = new Map<string, ActionGroup>();
  for (const action of actions ?? []) {
    byStatus[action.status] += 1;
    const found = action.sources
      .map((id) => byId.get(id))
      .filter((n): n is ActionSourceNote => n !== undefined)
      .sort((a, b) => (position.get(a.id) ?? 0) - (position.get(b.id) ?? 0));
    const department = action.department.trim().replace(/\s+/g, ' ');
    const item: SummaryAction = {
      id: action.id,
      title: action.title,
      description: action.description,
      department,
      owner: action.owner,
      dueDate: action.dueDate,
      status: action.status,
      sources: found.map((n) => ({ noteId: n.id, text: n.text, stageTitle: n.stageTitle, laneTitle: n.laneTitle, laneKind: n.laneKind })),
      missingSources: action.sources.length - found.length,
      createdAt: action.createdAt,
      carriedFrom: action.carriedFrom,
    };
    const k = key(department);
    const group = groups.get(k) ?? { department: k === '' ? UNASSIGNED_ACTIONS_LABEL : department, actions: [] };
    group.actions.push(item);
    groups.set(k, group);
  }
  const sorted = [...groups.entries()]
    .sort(([a, ga], [b, gb]) => (a === '' ? 1 : 0) - (b === '' ? 1 : 0) || compareText(ga.department.toLowerCase(), gb.department.toLowerCase()))
    // One spelling per department everywhere (the group's), so " marketing " and "Marketing" read alike.
    .map(([k, group]) => ({
      ...group,
      actions: group.actions.map((a) => ({ ...a, department: k === '' ? '' : group.department })).sort(compareInGroup),
    }));
  return { total: (actions ?? []).length, byStatus, groups: sorted };
}
