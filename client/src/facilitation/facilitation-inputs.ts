/**
 * Whether the per-note facilitation data (votes, causes, focus) must be computed again for a new read of the
 * board. It depends on placement, votes, causes and the texts shown in cause chips, not on the text of a note
 * that no cause link touches: typing in such a note keeps the same facilitation object, so <jr-board> skips
 * every cell but the one typed in.
 */
import type { Note } from '../../../shared/board/schema.js';
import type { BoardSnapshot } from '../../../shared/board/snapshot.js';

/**
 * What one comparison learnt that the next can reuse: the ids of notes that are some note's cause. It holds
 * for as long as the comparisons say "same" (each of them checked that no cause link changed); start a new
 * one after a "different".
 */
export interface FacilitationInputsMemo {
  linked?: ReadonlySet<string>;
}

/**
 * True when boardFacilitation would read the same from `b` as from `a` (same session and role). `memo`: pass
 * the same object while the answers are true, a new one after a false (see FacilitationInputsMemo).
 */
export function sameFacilitationInputs(a: BoardSnapshot, b: BoardSnapshot, memo: FacilitationInputsMemo = {}): boolean {
  if (a === b) return true;
  if (!sameBy(a.stages, b.stages, (x, y) => x.id === y.id)) return false;
  if (!sameBy(a.lanes, b.lanes, (x, y) => x.id === y.id && x.kind === y.kind)) return false;
  if (a.notes.length !== b.notes.length) return false;
  const retexted: Note[] = [];
  for (let i = 0; i < a.notes.length; i++) {
    const x = a.notes[i]!;
    const y = b.notes[i]!;
    if (x === y) continue;
    if (x.id !== y.id || x.stageId !== y.stageId || x.laneId !== y.laneId || !sameBy(x.causes, y.causes, (p, q) => p === q) || !sameVotes(x.votes, y.votes)) return false;
    if (x.text !== y.text) retexted.push(y);
  }
  if (retexted.length === 0) return true;
  // Causes are the same in both boards by now: a changed text matters when a cause chip shows it.
  if (retexted.some((note) => note.causes.length > 0)) return false;
  // Every link is the same in both boards: the set of linked notes is built once per run of "same" answers,
  // not on every keystroke (a flatMap over all 2,000 notes).
  const linked = (memo.linked ??= new Set(b.notes.flatMap((n) => n.causes)));
  return !retexted.some((note) => linked.has(note.id));
}

function sameBy<T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!same(a[i]!, b[i]!)) return false;
  return true;
}

function sameVotes(a: Record<string, number>, b: Record<string, number>): boolean {
  const x = Object.entries(a);
  const y = Object.entries(b);
  return sameBy(x, y, (p, q) => p[0] === q[0] && p[1] === q[1]);
}
