/**
 * The notes as one person sees an open vote: their own dots from their ballot and, for the facilitator with hidden
 * counts, everyone's from the server's running tally. It keeps the previous view's note objects where a note and
 * its dots did not change, so the board's cells keep their note arrays and do not render again on every keystroke
 * during a vote (a 2,000-note board re-rendered every cell before).
 */
import type { BoardSnapshot } from '../../../shared/board/snapshot.js';

type Note = BoardSnapshot['notes'][number];
type Dots = Record<string, number>;

/** What decides the dots shown. */
export interface VoteViewInput {
  /** the facilitator's running tally (note id → member id → dots), when counts are hidden */
  tally?: Record<string, Dots>;
  /** this person's member id, if they have one */
  me?: string;
  /** this person's ballot for the open vote (note id → dots) */
  ballot: Dots;
}

function sameDots(a: Dots, b: Dots): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => a[k] === b[k]);
}

/** Builds vote views of successive board snapshots, reusing unchanged notes (see the module comment). */
export class VoteView {
  private previous = new Map<string, { source: Note; view: Note }>();

  apply(board: BoardSnapshot, { tally, me, ballot }: VoteViewInput): BoardSnapshot {
    const next = new Map<string, { source: Note; view: Note }>();
    const notes = board.notes.map((note) => {
      const votes: Dots = { ...(tally ? (tally[note.id] ?? {}) : note.votes) };
      if (me) {
        delete votes[me];
        if (ballot[note.id]) votes[me] = ballot[note.id]!;
      }
      const before = this.previous.get(note.id);
      const view = before && before.source === note && sameDots(before.view.votes, votes) ? before.view : { ...note, votes };
      next.set(note.id, { source: note, view });
      return view;
    });
    this.previous = next;
    return { ...board, notes };
  }
}
