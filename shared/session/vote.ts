/** Dot-voting rules shared by the client (what it offers) and the summary (what it counts). */
import type { Lane, Note } from '../board/schema.js';
import type { VoteState } from './schema.js';

/** Lane kinds a vote is about when the facilitator chose no lanes. */
export const DEFAULT_VOTE_LANE_KINDS = ['pains', 'opportunities'] as const;

/** The lanes open for voting: the chosen ones, or the board's pain and opportunity lanes when none were chosen. */
export function voteLaneIds(vote: VoteState, lanes: readonly Lane[]): string[] {
  if (vote.laneIds.length > 0) return [...vote.laneIds];
  return lanes.filter((lane) => (DEFAULT_VOTE_LANE_KINDS as readonly string[]).includes(lane.kind)).map((lane) => lane.id);
}

/** Dots `participantId` has placed on the whole board (any positive whole number counts, as the summary does). */
export function dotsUsed(notes: readonly Note[], participantId: string): number {
  let used = 0;
  for (const note of notes) {
    const value = note.votes[participantId];
    if (typeof value === 'number' && Number.isInteger(value) && value > 0) used += value;
  }
  return used;
}

/** Why a dot cannot be placed. */
export const DOT_REFUSAL = {
  voteClosed: 'vote_closed',
  noteNotFound: 'note_not_found',
  laneNotInVote: 'lane_not_in_vote',
  noDotsLeft: 'no_dots_left',
} as const;
export type DotRefusal = (typeof DOT_REFUSAL)[keyof typeof DOT_REFUSAL];

export interface DotCheckInput {
  vote: VoteState;
  notes: readonly Note[];
  lanes: readonly Lane[];
  noteId: string;
  participantId: string;
}

/** Whether `participantId` may place one more dot on `noteId` now, and if not, why. */
export function canPlaceDot(input: DotCheckInput): { ok: true; left: number } | { ok: false; reason: DotRefusal } {
  if (input.vote.status !== 'open') return { ok: false, reason: DOT_REFUSAL.voteClosed };
  const note = input.notes.find((n) => n.id === input.noteId);
  if (!note) return { ok: false, reason: DOT_REFUSAL.noteNotFound };
  if (!voteLaneIds(input.vote, input.lanes).includes(note.laneId)) return { ok: false, reason: DOT_REFUSAL.laneNotInVote };
  const left = input.vote.dotsPerPerson - dotsUsed(input.notes, input.participantId);
  if (left <= 0) return { ok: false, reason: DOT_REFUSAL.noDotsLeft };
  return { ok: true, left: left - 1 };
}

/** Whether a dot may be taken back: only while the vote is open and only when this participant placed one there. */
export function canRemoveDot(vote: VoteState, note: Note | undefined, participantId: string): boolean {
  return vote.status === 'open' && note !== undefined && (note.votes[participantId] ?? 0) > 0;
}
