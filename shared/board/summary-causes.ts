/**
 * Root-cause chains for the summary: walks `causes` links upstream from a note, breadth first and
 * iteratively (no recursion, so a hostile chain of any depth cannot blow the stack), with a visited set
 * so cycles end, skipping links to notes that no longer exist.
 */
import type { Note } from './schema.js';

/** Most upstream notes reported for one pain (direct causes always come first). */
export const MAX_CAUSES_PER_NOTE = 50;

/** One upstream note reached from a start note. */
export interface CauseStep {
  noteId: string;
  /** 1 for a direct cause, 2 for a cause of a direct cause, ... */
  depth: number;
  /** the note this one was reached from (the start note for depth 1) */
  viaNoteId: string;
}

/** Result of walking upstream from one note. */
export interface CauseWalk {
  steps: CauseStep[];
  /** cause links that pointed at missing notes (dangling), counted over the whole walk */
  dangling: number;
  /** true when the walk stopped at MAX_CAUSES_PER_NOTE */
  truncated: boolean;
}

/**
 * Walks the causes of `startId` upstream. Each note appears at most once, at its shortest depth; the
 * causes of one note are visited in `rank` order (board order in the summary), then by id.
 */
export function walkCauses(
  startId: string,
  notesById: ReadonlyMap<string, Note>,
  rank: ReadonlyMap<string, number> = new Map(),
  limit = MAX_CAUSES_PER_NOTE,
): CauseWalk {
  const byRank = (a: string, b: string): number =>
    (rank.get(a) ?? Number.MAX_SAFE_INTEGER) - (rank.get(b) ?? Number.MAX_SAFE_INTEGER) || (a < b ? -1 : a > b ? 1 : 0);
  const steps: CauseStep[] = [];
  const visited = new Set<string>([startId]);
  let dangling = 0;
  let truncated = false;
  let frontier: { id: string; depth: number }[] = [{ id: startId, depth: 0 }];
  while (frontier.length > 0 && !truncated) {
    const next: { id: string; depth: number }[] = [];
    for (const current of frontier) {
      const note = notesById.get(current.id);
      if (!note) continue;
      for (const causeId of [...note.causes].sort(byRank)) {
        if (!notesById.has(causeId)) {
          dangling += 1;
          continue;
        }
        if (visited.has(causeId)) continue;
        if (steps.length >= limit) {
          truncated = true;
          break;
        }
        visited.add(causeId);
        steps.push({ noteId: causeId, depth: current.depth + 1, viaNoteId: current.id });
        next.push({ id: causeId, depth: current.depth + 1 });
      }
      if (truncated) break;
    }
    frontier = next;
  }
  return { steps, dangling, truncated };
}
