/**
 * GET /api/boards/:id/votes (facilitator only): the running tally of the open vote, counted from every ballot by
 * the vote's rules. With hidden counts this is the only place anyone sees other members' dots before the close.
 */
import express, { type Router } from 'express';
import type { VoteTallyResponse } from '../../shared/api.js';
import { readLanes, readNotes } from '../../shared/board/read.js';
import { tallyBallots, voteKey } from '../../shared/session/ballot.js';
import { readVote } from '../../shared/session/read.js';
import type { BoardStore } from '../persistence/board-store.js';
import { boardDocAddress, sessionDocAddress } from '../../shared/protocol.js';
import type { LiveDocs } from '../facilitation/live-docs.js';
import { collectBallots } from '../facilitation/vote-tally.js';
import { authorizeBoard } from './request-auth.js';
import { requireRole, routeParam } from './route-helpers.js';

/** The vote routes; mount at `/api/boards`. */
export function createVoteRouter(deps: { store: BoardStore; docs: LiveDocs }): Router {
  const router = express.Router();
  router.get('/:id/votes', async (req, res) => {
    const { board, role } = await authorizeBoard(deps.store, routeParam(req, 'id'), req);
    requireRole(role, ['facilitator'], 'see the running tally');
    const body = await (async () => {
      const session = await deps.docs.acquire(sessionDocAddress(board.id));
      const boardDoc = await deps.docs.acquire(boardDocAddress(board.id));
      try {
        const vote = readVote(session.doc);
        const ballots = await collectBallots(deps.store, deps.docs, board.id, vote);
        const tally = tallyBallots(vote, readNotes(boardDoc.doc), readLanes(boardDoc.doc), ballots);
        const out: VoteTallyResponse = { vote: voteKey(vote), status: vote.status, dots: {} };
        for (const [noteId, byMember] of tally) out.dots[noteId] = Object.fromEntries(byMember);
        return out;
      } finally {
        boardDoc.release();
        session.release();
      }
    })();
    res.set('Cache-Control', 'no-store').json(body);
  });
  return router;
}
