/** Dot-vote results in board order and ranked, with the per-person cap applied exactly as the summary does. */
import { countCappedVotes } from '../../../shared/board/summary-votes.js';
import type { BoardSnapshot } from '../../../shared/board/snapshot.js';
import type { Note } from '../../../shared/board/schema.js';
import type { VoteState } from '../../../shared/session/schema.js';
import { voteLaneIds } from '../../../shared/session/vote.js';

/** One voted note in the ranking. */
export interface RankedNote {
  note: Note;
  /** 1-based; tied notes share a rank */
  rank: number;
  dots: number;
  voters: number;
  stageTitle: string;
  laneTitle: string;
}

/** Notes in board order: stage, then lane, then their order in the cell. */
export function notesInBoardOrder(snapshot: BoardSnapshot): Note[] {
  const stageAt = new Map(snapshot.stages.map((s, i) => [s.id, i]));
  const laneAt = new Map(snapshot.lanes.map((l, i) => [l.id, i]));
  return snapshot.notes
    .map((note, i) => ({ note, i }))
    .sort((a, b) => (stageAt.get(a.note.stageId) ?? 0) - (stageAt.get(b.note.stageId) ?? 0) || (laneAt.get(a.note.laneId) ?? 0) - (laneAt.get(b.note.laneId) ?? 0) || a.i - b.i)
    .map((x) => x.note);
}

/** Capped dot counts of every note (noteId -> dots that count). */
export function cappedCounts(snapshot: BoardSnapshot, vote: VoteState): Map<string, number> {
  const counts = countCappedVotes(notesInBoardOrder(snapshot), vote.dotsPerPerson);
  return new Map([...counts].map(([id, v]) => [id, v.counted]));
}

/** Notes of the voting lanes with at least one counted dot, most dots first (board order on ties). */
export function rankVotes(snapshot: BoardSnapshot, vote: VoteState): RankedNote[] {
  const lanes = new Set(voteLaneIds(vote, snapshot.lanes));
  const ordered = notesInBoardOrder(snapshot);
  const counts = countCappedVotes(ordered, vote.dotsPerPerson);
  const stageTitle = new Map(snapshot.stages.map((s) => [s.id, s.title]));
  const laneTitle = new Map(snapshot.lanes.map((l) => [l.id, l.title]));
  const voted = ordered
    .filter((note) => lanes.has(note.laneId) && (counts.get(note.id)?.counted ?? 0) > 0)
    .map((note, i) => ({ note, i, dots: counts.get(note.id)?.counted ?? 0, voters: counts.get(note.id)?.voters ?? 0 }))
    .sort((a, b) => b.dots - a.dots || a.i - b.i);
  const out: RankedNote[] = [];
  voted.forEach((entry, index) => {
    const previous = out[index - 1];
    const rank = previous && previous.dots === entry.dots ? previous.rank : index + 1;
    out.push({
      note: entry.note,
      rank,
      dots: entry.dots,
      voters: entry.voters,
      stageTitle: stageTitle.get(entry.note.stageId) ?? '',
      laneTitle: laneTitle.get(entry.note.laneId) ?? '',
    });
  });
  return out;
}
