/** The board's action items grouped by owning department (the summary's rule, SUM-ACT-1), for the UI. */
import type { BoardSnapshot } from '../../../shared/board/snapshot.js';
import { summariseActions, type SummaryActions } from '../../../shared/board/summary-actions.js';
import { DEPARTMENTS } from '../../../shared/board/schema.js';

/**
 * Groups the snapshot's actions, resolving their source notes to text, lane and stage. Only the notes some
 * action names are resolved (in board order, which is all summariseActions reads of them): the drawer shows
 * this on every change of a board that may hold thousands of notes.
 */
export function actionGroups(snapshot: BoardSnapshot): SummaryActions {
  const stages = new Map(snapshot.stages.map((s) => [s.id, s.title]));
  const lanes = new Map(snapshot.lanes.map((l) => [l.id, l]));
  const named = new Set((snapshot.actions ?? []).flatMap((a) => a.sources));
  const notes = named.size === 0 ? [] : snapshot.notes.filter((n) => named.has(n.id)).map((n) => ({
    id: n.id,
    text: n.text,
    stageTitle: stages.get(n.stageId) ?? '',
    laneTitle: lanes.get(n.laneId)?.title ?? '',
    laneKind: lanes.get(n.laneId)?.kind ?? ('custom' as const),
  }));
  return summariseActions(snapshot.actions ?? [], notes);
}

/** Departments to offer for an action: those named on the board first (owners, authors, actions), then the usual ones. */
export function boardDepartments(snapshot: BoardSnapshot): string[] {
  const seen = new Map<string, string>();
  const add = (name: string): void => {
    const clean = name.trim().replace(/\s+/g, ' ');
    if (clean && !seen.has(clean.toLowerCase())) seen.set(clean.toLowerCase(), clean);
  };
  for (const n of snapshot.notes) {
    add(n.ownerDepartment);
    if (n.authorRole === 'stakeholder') add(n.department);
  }
  for (const a of snapshot.actions ?? []) add(a.department);
  for (const d of DEPARTMENTS) add(d);
  return [...seen.values()];
}
