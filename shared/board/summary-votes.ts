/**
 * Dot-vote counting for the summary: every participant's dots are capped at N across the whole board.
 *
 * Which dots count when someone placed more than N (rule SUM-VOTE-1, docs/export.md): a participant's
 * dots are taken note by note in board order (stage order, then lane order, then the note's (order, id)
 * inside its cell) until N are used; the rest of that participant's dots are ignored. Participants are
 * independent of each other, so the result depends only on the board, never on iteration order of maps.
 */
import type { Note } from './schema.js';

/** Capped and raw dot counts of one note. */
export interface NoteVotes {
  /** dots that count, after every participant's board-wide cap */
  counted: number;
  /** dots as placed, before the cap */
  raw: number;
  /** distinct participants with at least one counted dot on the note */
  voters: number;
}

/** A positive whole number of dots, or 0 for anything else a hostile peer could have stored. */
function dots(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : 0;
}

/**
 * Counts votes for notes given in board order. `cap` is the dots each participant may place on the
 * whole board. Returns a map noteId -> NoteVotes with an entry for every note.
 */
export function countCappedVotes(notesInBoardOrder: readonly Note[], cap: number): Map<string, NoteVotes> {
  const limit = Number.isInteger(cap) && cap > 0 ? cap : 0;
  const used = new Map<string, number>();
  const out = new Map<string, NoteVotes>();
  for (const note of notesInBoardOrder) {
    let counted = 0;
    let raw = 0;
    let voters = 0;
    // Sorted participant ids: deterministic even though each participant is independent.
    for (const participantId of Object.keys(note.votes).sort()) {
      const placed = dots(note.votes[participantId]);
      if (placed === 0) continue;
      raw += placed;
      const already = used.get(participantId) ?? 0;
      const take = Math.min(placed, Math.max(0, limit - already));
      if (take > 0) {
        used.set(participantId, already + take);
        counted += take;
        voters += 1;
      }
    }
    out.set(note.id, { counted, raw, voters });
  }
  return out;
}
