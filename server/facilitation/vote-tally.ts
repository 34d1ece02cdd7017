/**
 * The server's side of dot voting: it reads the members' ballots (their private docs, shared/session/ballot.ts),
 * counts them by the vote's rules and publishes the result into the board doc's `votes` maps, the only writer of
 * those maps. Published live while counts are visible, and for everyone at once when the facilitator closes a
 * vote with hidden counts; the result is then part of the board doc, so it survives restarts and every export.
 */
import * as Y from 'yjs';
import { boardRoots } from '../../shared/board/doc.js';
import { readLanes, readNotes } from '../../shared/board/read.js';
import { META, NOTE } from '../../shared/board/schema.js';
import { boardDocAddress, isMemberId, privateDocAddress, sessionDocAddress, type DocAddress } from '../../shared/protocol.js';
import { readBallot, tallyBallots, voteKey } from '../../shared/session/ballot.js';
import { readVote } from '../../shared/session/read.js';
import type { VoteState } from '../../shared/session/schema.js';
import { voteLaneIds } from '../../shared/session/vote.js';
import type { DocumentStore } from '../persistence/document-store.js';
import { withLiveDocs, type CatchUp, type LiveDoc, type LiveDocs } from './live-docs.js';

/** The part of the store the tally needs: which members have a stored private doc. */
export type BallotStore = Pick<DocumentStore, 'listPrivateDocMembers'>;

/** One member's ballot for the current vote. */
export interface MemberBallot {
  memberId: string;
  ballot: Record<string, number>;
}

/**
 * Writes the tally of `ballots` into the board doc, for the members of `ballots` only and only on notes in the
 * vote's lanes (dots of earlier votes elsewhere stay). One transaction with `origin`; changes only what differs.
 */
export function publishTally(boardDoc: Y.Doc, vote: VoteState, ballots: readonly MemberBallot[], origin: unknown): void {
  const notes = readNotes(boardDoc);
  const lanes = readLanes(boardDoc);
  const tally = tallyBallots(vote, notes, lanes, ballots);
  const inVote = new Set(voteLaneIds(vote, lanes));
  const maps = boardRoots(boardDoc).notes;
  boardDoc.transact(() => {
    for (const note of notes) {
      if (!inVote.has(note.laneId)) continue;
      const map = maps.get(note.id);
      if (!(map instanceof Y.Map)) continue;
      let votes = map.get(NOTE.votes);
      for (const { memberId } of ballots) {
        const wanted = tally.get(note.id)?.get(memberId) ?? 0;
        const current: unknown = votes instanceof Y.Map ? (votes as Y.Map<unknown>).get(memberId) : undefined;
        if ((typeof current === 'number' ? current : 0) === wanted) continue;
        if (!(votes instanceof Y.Map)) {
          votes = new Y.Map<number>();
          map.set(NOTE.votes, votes);
        }
        const target = votes as Y.Map<number>;
        if (wanted === 0) target.delete(memberId);
        else target.set(memberId, wanted);
      }
    }
  }, origin);
}

/**
 * Every private doc of a board: stored ones, loaded ones (a member may not have stored anything yet) and, after a
 * catch-up barrier, those another instance accepted updates for.
 */
export async function privateAddresses(store: BallotStore, docs: LiveDocs, boardId: string, caughtUp?: CatchUp): Promise<DocAddress[]> {
  const stored = await store.listPrivateDocMembers(boardId);
  const memberIds = new Set([...stored, ...docs.loadedPrivateMembers(boardId), ...(caughtUp?.privateMembers ?? [])]);
  return [...memberIds].sort().filter(isMemberId).map((memberId) => privateDocAddress(boardId, memberId));
}

/** The ballots of the vote `key` in these private docs: only members who took part (others keep what earlier votes published). */
function ballotsOf(lives: readonly LiveDoc[], addresses: readonly DocAddress[], key: string): MemberBallot[] {
  const ballots: MemberBallot[] = [];
  lives.forEach((live, i) => {
    const address = addresses[i];
    const ballot = readBallot(live.doc, key);
    if (Object.keys(ballot).length > 0 && address?.kind === 'private') ballots.push({ memberId: address.memberId, ballot });
  });
  return ballots;
}

/** The ballots of every member for the vote in `sessionDoc`, read from their private docs (borrowed, then released). */
export async function collectBallots(store: BallotStore, docs: LiveDocs, boardId: string, vote: VoteState): Promise<MemberBallot[]> {
  const addresses = await privateAddresses(store, docs, boardId);
  return withLiveDocs(docs, addresses, (lives) => ballotsOf(lives, addresses, voteKey(vote)));
}

/** The key of the last vote whose close was counted into the board doc ('' before any). */
export function talliedVote(boardDoc: Y.Doc): string {
  const key = boardRoots(boardDoc).meta.get(META.talliedVote);
  return typeof key === 'string' ? key : '';
}

/**
 * Counts every ballot of the board's current vote and publishes it (at the close), with the vote's key as the
 * board's `talliedVote` in the same transaction: the dots and the mark are stored together or not at all, so a
 * closed vote without the mark is one whose count a crash interrupted (see `recoverClosedTally`). Behind the
 * catch-up barrier: a ballot another instance accepted before the close is counted even if that instance has not
 * stored it yet.
 */
export async function publishAllBallots(store: BallotStore, docs: LiveDocs, boardId: string, origin: unknown): Promise<void> {
  const caughtUp = await docs.catchUp(boardId);
  const privates = await privateAddresses(store, docs, boardId, caughtUp);
  const addresses = [sessionDocAddress(boardId), boardDocAddress(boardId), ...privates];
  await withLiveDocs(docs, addresses, ([session, board, ...lives]) => {
    caughtUp.apply(addresses);
    const vote = readVote(session!.doc);
    const key = voteKey(vote);
    const ballots = ballotsOf(lives, privates, key);
    if (!board!.isLive) return;
    board!.doc.transact(() => {
      publishTally(board!.doc, vote, ballots, origin);
      if (vote.status === 'closed' && key && talliedVote(board!.doc) !== key) boardRoots(board!.doc).meta.set(META.talliedVote, key);
    }, origin);
  });
}

/**
 * Finishes a close whose count was interrupted: the server stopped after storing the facilitator's close and
 * before storing the dots. Called when a session doc is loaded; does nothing when its vote is open, was never
 * opened, or was already counted (cheap: only the board doc is borrowed to check).
 */
export async function recoverClosedTally(store: BallotStore, docs: LiveDocs, boardId: string, sessionDoc: Y.Doc, origin: unknown): Promise<boolean> {
  const vote = readVote(sessionDoc);
  const key = voteKey(vote);
  if (vote.status !== 'closed' || !key) return false;
  const counted = await withLiveDocs(docs, [boardDocAddress(boardId)], ([board]) => !board!.isLive || talliedVote(board!.doc) === key);
  if (counted) return false;
  await publishAllBallots(store, docs, boardId, origin);
  return true;
}
