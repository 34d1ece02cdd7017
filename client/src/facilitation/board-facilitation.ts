/**
 * What the board and its notes need to know about the workshop session, computed once per render by the
 * workspace or projector view and handed down: the vote (lanes, dots left, counts), focus, root-cause links,
 * and what this person may do. Plain data; notes ask for changes with events (see FACILITATION_EVENT).
 */
import type { BoardSnapshot } from '../../../shared/board/snapshot.js';
import type { Note } from '../../../shared/board/schema.js';
import type { FocusState, SessionSnapshot } from '../../../shared/session/schema.js';
import { dotsUsed, voteLaneIds } from '../../../shared/session/vote.js';
import { cappedCounts } from './vote-ranking.js';

/** Events a note or the board sends up to the view (bubbling, composed). */
export const FACILITATION_EVENT = {
  /** detail DotDetail: place (+1) or take back (-1) a dot */
  dot: 'jr-dot',
  /** detail FocusDetail: facilitator brings everyone here */
  focus: 'jr-focus-request',
  /** detail { noteId }: open the root-cause dialog of a pain note */
  causes: 'jr-causes-open',
} as const;

export interface DotDetail {
  noteId: string;
  delta: 1 | -1;
}
export interface FocusDetail {
  kind: 'stage' | 'note';
  id: string;
}

/** A linked note as shown in a chip. */
export interface LinkedNote {
  id: string;
  label: string;
}

export interface BoardFacilitation {
  role: 'facilitator' | 'participant' | 'projector';
  /** this person's member id (dots are counted under it) */
  memberId: string | undefined;
  /** a vote is open */
  voting: boolean;
  /** lanes of the open (or last closed) vote */
  voteLanes: ReadonlySet<string>;
  dotsPerPerson: number;
  dotsLeft: number;
  /** show dot counts (always after closing; during the vote unless hidden, and always to the facilitator) */
  showCounts: boolean;
  /** the vote was closed after being opened: show results on the notes */
  voteClosed: boolean;
  /** capped dots per note */
  counts: ReadonlyMap<string, number>;
  /** this person's own dots per note (from their ballot while a vote is open) */
  mine: ReadonlyMap<string, number>;
  focus: FocusState;
  /** may bring everyone to a stage or note */
  canFocus: boolean;
  /** may link causes and set the owner (anyone who may edit the board now) */
  canEditCauses: boolean;
  /** noteId -> existing notes that caused it (dangling links left out) */
  causedBy: ReadonlyMap<string, LinkedNote[]>;
  /** noteId -> existing notes it caused */
  causes: ReadonlyMap<string, LinkedNote[]>;
}

/** A short label of a note for chips and lists. */
export function noteLabel(note: Note): string {
  const line = note.text.replace(/\s+/g, ' ').trim() || 'empty note';
  return line.length > 48 ? `${line.slice(0, 48)}…` : line;
}

export interface FacilitationInput {
  board: BoardSnapshot;
  session: SessionSnapshot;
  role: BoardFacilitation['role'];
  memberId: string | undefined;
  /** the board accepts this person's edits now (not locked, or facilitator) */
  canEdit: boolean;
}

/** Builds the per-render facilitation data of a board. */
export function boardFacilitation(input: FacilitationInput): BoardFacilitation {
  const { board, session, role, memberId } = input;
  const vote = session.vote;
  const voting = vote.status === 'open';
  const voteClosed = vote.status === 'closed' && vote.closedAt !== null && vote.openedAt !== null;
  const byId = new Map(board.notes.map((n) => [n.id, n]));
  const causedBy = new Map<string, LinkedNote[]>();
  const causes = new Map<string, LinkedNote[]>();
  for (const note of board.notes) {
    for (const causeId of note.causes) {
      const cause = byId.get(causeId);
      if (!cause) continue;
      (causedBy.get(note.id) ?? causedBy.set(note.id, []).get(note.id))?.push({ id: cause.id, label: noteLabel(cause) });
      (causes.get(cause.id) ?? causes.set(cause.id, []).get(cause.id))?.push({ id: note.id, label: noteLabel(note) });
    }
  }
  return {
    role,
    memberId,
    voting,
    voteLanes: new Set(voting || voteClosed ? voteLaneIds(vote, board.lanes) : []),
    dotsPerPerson: vote.dotsPerPerson,
    dotsLeft: memberId ? Math.max(0, vote.dotsPerPerson - dotsUsed(board.notes, memberId)) : 0,
    showCounts: voteClosed || (voting && (!vote.hideCounts || role === 'facilitator')),
    voteClosed,
    counts: cappedCounts(board, vote),
    mine: new Map(memberId ? board.notes.flatMap((n) => (n.votes[memberId] ? [[n.id, n.votes[memberId]] as const] : [])) : []),
    focus: session.focus,
    canFocus: role === 'facilitator',
    canEditCauses: input.canEdit && role !== 'projector',
    causedBy,
    causes,
  };
}
