/**
 * Whether the per-note facilitation data (votes, causes, focus) must be computed again for a new read of the
 * board. It depends on placement, votes, causes and the texts shown in cause chips, not on the text of a note
 * that no cause link touches: typing in such a note keeps the same facilitation object, so <jr-board> skips
 * every cell but the one typed in.
 */
import type { Note } from '../../../shared/board/schema.js';
import type { BoardSnapshot } from '../../../shared/board/snapshot.js';

/** True when boardFacilitation would read the same from `b` as from `a` (same session and role). */
export function sameFacilitationInputs(a: BoardSnapshot, b: BoardSnapshot): boolean {
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
  const linked = new Set(b.notes.flatMap((n) => n.causes));
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
