/**
 * What any member does to the board during facilitation: place and take back dots in their own ballot (within
 * the vote's rules; the server counts and publishes them),
 * link root causes and set the owning department, and write silent-brainstorm drafts into their private doc.
 * Errors are reported through `onError`, never thrown.
 */
import type * as Y from 'yjs';
import { readLanes, readNotes } from '../../../shared/board/read.js';
import type { Author, LaneKind, Note } from '../../../shared/board/schema.js';
import { readBallot, setBallotDots, voteKey } from '../../../shared/session/ballot.js';
import * as boardWrite from '../../../shared/board/write.js';
import { addDraft } from '../../../shared/session/drafts.js';
import type { VoteState } from '../../../shared/session/schema.js';
import { DOT_REFUSAL, canPlaceDot, canRemoveDot } from '../../../shared/session/vote.js';

const REFUSALS: Record<string, string> = {
  [DOT_REFUSAL.voteClosed]: 'the vote is closed',
  [DOT_REFUSAL.noteNotFound]: 'that note is gone',
  [DOT_REFUSAL.laneNotInVote]: 'this lane is not part of the vote',
  [DOT_REFUSAL.noDotsLeft]: 'you have no dots left; take one back first',
};

export class ParticipationActions {
  constructor(
    private readonly boardDoc: Y.Doc,
    private readonly boardOrigin: object,
    private readonly privateDoc: Y.Doc | undefined,
    private readonly privateOrigin: object,
    private readonly author: Author | undefined,
    private readonly now: () => number,
    private readonly onError: (message: string) => void,
  ) {}

  private run(what: string, fn: () => void): boolean {
    try {
      fn();
      return true;
    } catch (error) {
      this.onError(`Could not ${what}: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
  }

  /** The board's notes with this person's dots as their own ballot says (the server publishes the rest). */
  private notesWithBallot(vote: VoteState, participantId: string): { notes: Note[]; ballot: Record<string, number> } {
    const ballot = this.privateDoc ? readBallot(this.privateDoc, voteKey(vote)) : {};
    const notes = readNotes(this.boardDoc).map((n) => ({ ...n, votes: ballot[n.id] ? { [participantId]: ballot[n.id]! } : {} }));
    return { notes, ballot };
  }

  /** Places one more dot on a note (in this member's ballot); returns the dots left, or undefined when refused (reported). */
  placeDot(vote: VoteState, noteId: string): number | undefined {
    const participantId = this.author?.id;
    const privateDoc = this.privateDoc;
    if (!participantId || !privateDoc) return undefined;
    const { notes, ballot } = this.notesWithBallot(vote, participantId);
    const verdict = canPlaceDot({ vote, notes, lanes: readLanes(this.boardDoc), noteId, participantId });
    if (!verdict.ok) {
      this.onError(`Cannot place a dot: ${REFUSALS[verdict.reason] ?? verdict.reason}.`);
      return undefined;
    }
    const current = ballot[noteId] ?? 0;
    return this.run('place the dot', () => setBallotDots(privateDoc, voteKey(vote), noteId, current + 1, this.privateOrigin)) ? verdict.left : undefined;
  }

  /** Takes one of this person's dots back from a note. */
  removeDot(vote: VoteState, noteId: string): boolean {
    const participantId = this.author?.id;
    const privateDoc = this.privateDoc;
    if (!participantId || !privateDoc) return false;
    const { notes, ballot } = this.notesWithBallot(vote, participantId);
    if (!canRemoveDot(vote, notes.find((n) => n.id === noteId), participantId)) return false;
    const current = ballot[noteId] ?? 0;
    return this.run('take the dot back', () => setBallotDots(privateDoc, voteKey(vote), noteId, current - 1, this.privateOrigin));
  }

  /** Makes `causeIds` exactly the causes of `noteId` (adds and removes links in one transaction). */
  setCauses(noteId: string, causeIds: readonly string[]): boolean {
    return this.run('link the causes', () => {
      const note = readNotes(this.boardDoc).find((n) => n.id === noteId);
      if (!note) throw new Error('the note is gone');
      const wanted = new Set(causeIds.filter((id) => id !== noteId));
      this.boardDoc.transact(() => {
        for (const id of note.causes) if (!wanted.has(id)) boardWrite.unlinkCause(this.boardDoc, noteId, id, this.boardOrigin);
        for (const id of wanted) if (!note.causes.includes(id)) boardWrite.linkCause(this.boardDoc, noteId, id, this.boardOrigin);
      }, this.boardOrigin);
    });
  }

  setOwnerDepartment(noteId: string, department: string): boolean {
    return this.run('set the owner', () => boardWrite.setOwnerDepartment(this.boardDoc, noteId, department, this.boardOrigin));
  }

  /** Adds a private draft in a cell (silent brainstorm); returns its id. */
  addDraft(stageId: string, laneId: string, laneKind: LaneKind): string | undefined {
    const doc = this.privateDoc;
    const author = this.author;
    if (!doc || !author) return undefined;
    let id: string | undefined;
    this.run('add the private note', () => (id = addDraft(doc, { stageId, laneId, laneKind, author, createdAt: this.now() }, this.privateOrigin)));
    return id;
  }
}
