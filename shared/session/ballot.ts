/**
 * Dot-vote ballots: a member places dots in their own private doc (root `ballot`), which only they and the server
 * read, so nobody can write dots under another member and, with hidden counts, nobody sees anyone else's dots
 * before the facilitator closes the vote. The server counts the ballots by the vote's rules (tallyBallots) and
 * publishes the result into the board doc's `votes` maps: live when counts are visible, at close when hidden.
 */
import * as Y from 'yjs';
import type { Lane, Note } from '../board/schema.js';
import type { VoteState } from './schema.js';
import { voteLaneIds } from './vote.js';

/** Root of a private doc holding the member's ballot: Y.Map<noteId, BallotEntry>. */
export const BALLOT_ROOT = 'ballot';

/** One ballot entry: dots on a note, for one vote (entries of other votes do not count). */
export interface BallotEntry {
  vote: string;
  dots: number;
}

/** Most dots a ballot entry may hold (the session allows at most 20 per person). */
const MAX_ENTRY_DOTS = 20;

/** The key that tells one vote from another: its id, or its opening time for votes opened before ids. */
export function voteKey(vote: VoteState): string {
  return vote.id ?? String(vote.openedAt ?? '');
}

/**
 * noteId -> dots of this member's ballot for the vote `key` (0 for a dot taken back: the member still took part);
 * anything malformed is ignored.
 */
export function readBallot(privateDoc: Y.Doc, key: string): Record<string, number> {
  const out: Record<string, number> = {};
  if (!key) return out;
  privateDoc.getMap(BALLOT_ROOT).forEach((value, noteId) => {
    const entry = value as Partial<BallotEntry> | null;
    if (!entry || typeof entry !== 'object' || entry.vote !== key) return;
    const dots = entry.dots;
    if (typeof dots === 'number' && Number.isInteger(dots) && dots >= 0 && dots <= MAX_ENTRY_DOTS) out[noteId] = dots;
  });
  return out;
}

/** Sets this member's dots on a note for the vote `key` (0 keeps the entry: the server then removes a published dot). */
export function setBallotDots(privateDoc: Y.Doc, key: string, noteId: string, dots: number, origin?: unknown): void {
  const ballot = privateDoc.getMap(BALLOT_ROOT);
  const value: BallotEntry = { vote: key, dots: Math.max(0, Math.min(Math.trunc(dots), MAX_ENTRY_DOTS)) };
  privateDoc.transact(() => ballot.set(noteId, value), origin);
}

/**
 * Counts ballots by the vote's rules: only entries of this vote, only on notes in the vote's lanes, at most
 * dotsPerPerson per member taken in board order. Returns noteId -> memberId -> dots (members with none left out).
 */
export function tallyBallots(
  vote: VoteState,
  notesInBoardOrder: readonly Note[],
  lanes: readonly Lane[],
  ballots: readonly { memberId: string; ballot: Record<string, number> }[],
): Map<string, Map<string, number>> {
  const inVote = new Set(voteLaneIds(vote, lanes));
  const tally = new Map<string, Map<string, number>>();
  for (const { memberId, ballot } of ballots) {
    let left = vote.dotsPerPerson;
    for (const note of notesInBoardOrder) {
      if (left <= 0) break;
      const dots = Math.min(ballot[note.id] ?? 0, left);
      if (dots <= 0 || !inVote.has(note.laneId)) continue;
      left -= dots;
      const byMember = tally.get(note.id) ?? new Map<string, number>();
      byMember.set(memberId, dots);
      tally.set(note.id, byMember);
    }
  }
  return tally;
}
