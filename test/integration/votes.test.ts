/**
 * Votes that cannot be forged or peeked at: members place dots in their own ballot (private doc); the server counts
 * them by the vote's rules and publishes the tally into the board doc, live with visible counts, at close with
 * hidden ones. Byte-level: before the close no participant or projector socket receives another member's dots.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { VoteTallyResponse } from '../../shared/api.js';
import { boardRoots } from '../../shared/board/doc.js';
import { readBoard } from '../../shared/board/snapshot.js';
import { addNote } from '../../shared/board/write.js';
import { createLogger } from '../../server/logger.js';
import { SqliteStore } from '../../server/persistence/sqlite-store.js';
import { META } from '../../shared/board/schema.js';
import { CLOSE, privateDocAddress, sessionDocAddress } from '../../shared/protocol.js';
import { readBallot, setBallotDots, voteKey } from '../../shared/session/ballot.js';
import { readVote } from '../../shared/session/read.js';
import { closeVote, openVote } from '../../shared/session/write.js';
import { createBoard, joinWriter, type TestBoard, type TestWriter } from '../helpers/api.js';
import { connectClient, rawClient, synced, waitFor, type RawClient, type TestClient } from '../helpers/clients.js';
import { startServer, type TestServer } from '../helpers/server.js';

interface VoteRoom {
  s: TestServer;
  board: TestBoard;
  ana: TestWriter;
  bo: TestWriter;
  session: TestClient;
  pains: [string, string];
  doing: string;
}

async function voteRoom(s: TestServer): Promise<VoteRoom> {
  const board = await createBoard(s.url);
  const ana = await joinWriter(s.url, board, board.tokens.participant, { name: 'Ana', role: 'customer', department: '' });
  const bo = await joinWriter(s.url, board, board.tokens.participant, { name: 'Bo', role: 'stakeholder', department: 'Billing' });
  const fac = await joinWriter(s.url, board, board.tokens.facilitator, { name: 'Fay', department: '' });
  const facBoard = connectClient(s.wsUrl, board.id, fac.params);
  const session = connectClient(s.wsUrl, `${board.id}/session`, { token: board.tokens.facilitator });
  await Promise.all([synced(facBoard), synced(session)]);
  const snap = readBoard(facBoard.doc);
  const stage = snap.stages[0]!.id;
  const painLane = snap.lanes.find((l) => l.kind === 'pains')!.id;
  const doingLane = snap.lanes.find((l) => l.kind === 'doing')!.id;
  // The facilitator writes the notes, so Ana's member id appears in no board byte before her dots do.
  const p1 = addNote(facBoard.doc, { stageId: stage, laneId: painLane, text: 'invoice is confusing', author: fac.author });
  const p2 = addNote(facBoard.doc, { stageId: stage, laneId: painLane, text: 'long hold times', author: fac.author });
  const d = addNote(facBoard.doc, { stageId: stage, laneId: doingLane, text: 'reads the invoice', author: fac.author });
  await waitFor(async () => (await boardFrom(s, board)).notes.length === 3, 'notes stored');
  facBoard.destroy();
  return { s, board, ana, bo, session, pains: [p1, p2], doing: d };
}

/** The board as a fresh projector gets it from the server. */
async function boardFrom(s: TestServer, board: TestBoard): Promise<ReturnType<typeof readBoard>> {
  const reader = connectClient(s.wsUrl, board.id, { token: board.tokens.projector });
  await synced(reader);
  const snapshot = readBoard(reader.doc);
  reader.destroy();
  return snapshot;
}

async function tally(r: VoteRoom, token = r.board.tokens.facilitator): Promise<{ status: number; body: VoteTallyResponse }> {
  const res = await fetch(`${r.s.url}/api/boards/${r.board.id}/votes`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as VoteTallyResponse };
}

/** A vote room on a fresh server with a vote opened by the facilitator (and seen open by the server). */
async function openedVote(options: { dotsPerPerson: number; hideCounts: boolean }): Promise<{ s: TestServer; r: VoteRoom; key: string }> {
  const s = await startServer();
  const r = await voteRoom(s);
  openVote(r.session.doc, options, Date.now());
  await waitFor(async () => (await tally(r)).body.status === 'open', 'vote open on the server');
  return { s, r, key: voteKey(readVote(r.session.doc)) };
}

const bytes = (raw: RawClient): Buffer => Buffer.concat(raw.frames);

describe('dot voting', () => {
  it('hidden counts: no participant or projector socket receives another member’s dots before the close; results survive a restart and reach every export', async () => {
    const { s, r, key } = await openedVote({ dotsPerPerson: 2, hideCounts: true });

    // Raw sockets of Bo (board, session) and the projector (board, session) record every byte they receive.
    const boBoard = rawClient(`${s.wsUrl}/${r.board.id}?token=${r.board.tokens.participant}&member=${r.bo.memberKey}`);
    const boSession = rawClient(`${s.wsUrl}/${r.board.id}/session?token=${r.board.tokens.participant}&member=${r.bo.memberKey}`);
    const projBoard = rawClient(`${s.wsUrl}/${r.board.id}?token=${r.board.tokens.projector}`);
    const projSession = rawClient(`${s.wsUrl}/${r.board.id}/session?token=${r.board.tokens.projector}`);
    const watchers = [boBoard, boSession, projBoard, projSession];
    await Promise.all(watchers.map((w) => w.opened));

    // Ana votes in her own ballot: 5 dots on the first pain (the cap is 2) and 1 on a note outside the vote.
    const anaBallot = connectClient(s.wsUrl, `${r.board.id}/private/${r.ana.author.id}`, r.ana.params);
    await synced(anaBallot);
    setBallotDots(anaBallot.doc, key, r.pains[0], 5);
    setBallotDots(anaBallot.doc, key, r.doing, 1);
    // Bo votes too, from his stock client.
    const boBallot = connectClient(s.wsUrl, `${r.board.id}/private/${r.bo.author.id}`, r.bo.params);
    await synced(boBallot);
    setBallotDots(boBallot.doc, key, r.pains[1], 1);

    // The facilitator sees the running tally (capped, only the vote's lanes); participants may not.
    await waitFor(async () => (await tally(r)).body.dots[r.pains[1]]?.[r.bo.author.id] === 1, 'facilitator sees both ballots');
    expect((await tally(r)).body.dots).toEqual({ [r.pains[0]]: { [r.ana.author.id]: 2 }, [r.pains[1]]: { [r.bo.author.id]: 1 } });
    expect((await tally(r, r.board.tokens.participant)).status).toBe(403);
    expect((await fetch(`${s.url}/api/boards/${r.board.id}/export.json?token=${r.board.tokens.participant}`).then((res) => res.text()))).not.toContain(r.ana.author.id);

    // Before the close: not one byte any watcher received carries Ana's member id (her dots are keyed by it).
    for (const w of watchers) expect(bytes(w).includes(r.ana.author.id)).toBe(false);
    expect((await boardFrom(s, r.board)).notes.every((n) => Object.keys(n.votes).length === 0)).toBe(true);

    closeVote(r.session.doc, Date.now());
    await waitFor(() => bytes(projBoard).includes(r.ana.author.id), 'the tally reaches the projector at the close');
    await waitFor(async () => (await boardFrom(s, r.board)).notes.find((n) => n.id === r.pains[1])?.votes[r.bo.author.id] === 1, 'published');
    const published = await boardFrom(s, r.board);
    expect(published.notes.find((n) => n.id === r.pains[0])?.votes).toEqual({ [r.ana.author.id]: 2 });
    expect(published.notes.find((n) => n.id === r.doing)?.votes).toEqual({});

    // A ballot written after the close does not count.
    setBallotDots(boBallot.doc, key, r.pains[0], 1);
    await waitFor(async () => (await tally(r)).body.dots[r.pains[0]]?.[r.bo.author.id] === 1, 'late ballot reached the server');
    expect((await boardFrom(s, r.board)).notes.find((n) => n.id === r.pains[0])?.votes).toEqual({ [r.ana.author.id]: 2 });

    // A restart keeps the results, and every export shows them (capped).
    for (const c of [anaBallot, boBallot, r.session]) c.destroy();
    await s.close();
    const s2 = await startServer({}, s.dataDir);
    const json = (await (await fetch(`${s2.url}/api/boards/${r.board.id}/export.json?token=${r.board.tokens.facilitator}`)).json()) as {
      summary: { pains: { rank: number; voters: number; note: { text: string; votes: number } }[] };
    };
    expect(json.summary.pains.slice(0, 2).map((p) => [p.note.text, p.note.votes, p.voters, p.rank])).toEqual([
      ['invoice is confusing', 2, 1, 1],
      ['long hold times', 1, 1, 2],
    ]);
    for (const format of ['md', 'csv', 'html']) {
      const text = await (await fetch(`${s2.url}/api/boards/${r.board.id}/export.${format}?token=${r.board.tokens.participant}`)).text();
      expect(text, format).toContain('invoice is confusing');
      expect(text, format).toMatch(/\b2\b/);
    }
  });

  it('visible counts are published live; a forged voter on the board doc is refused (4405) and nothing is stored', async () => {
    const { s, r, key } = await openedVote({ dotsPerPerson: 3, hideCounts: false });
    const projector = connectClient(s.wsUrl, r.board.id, { token: r.board.tokens.projector });
    await synced(projector);
    const boBallot = connectClient(s.wsUrl, `${r.board.id}/private/${r.bo.author.id}`, r.bo.params);
    await synced(boBallot);
    setBallotDots(boBallot.doc, key, r.pains[0], 2);
    await waitFor(() => readBoard(projector.doc).notes.find((n) => n.id === r.pains[0])?.votes[r.bo.author.id] === 2, 'live count');
    setBallotDots(boBallot.doc, key, r.pains[0], 0);
    await waitFor(() => readBoard(projector.doc).notes.find((n) => n.id === r.pains[0])?.votes[r.bo.author.id] === undefined, 'dot taken back');

    // Ana writes six made-up voters (and Bo's entry) straight into the board doc: refused before anything is applied.
    const ana = connectClient(s.wsUrl, r.board.id, r.ana.params);
    await synced(ana);
    const note = boardRoots(ana.doc).notes.get(r.pains[1]) as Y.Map<unknown>;
    ana.doc.transact(() => {
      const votes = note.get('votes') as Y.Map<number>;
      for (let i = 0; i < 6; i++) votes.set(`voter-${i}`, 1);
    });
    await waitFor(() => ana.closes[0]?.code === CLOSE.notPermitted, 'forged voters refused');
    const other = connectClient(s.wsUrl, r.board.id, r.ana.params);
    await synced(other);
    (boardRoots(other.doc).notes.get(r.pains[1]) as Y.Map<unknown>).set('votes', new Y.Map());
    await waitFor(() => other.closes[0]?.code === CLOSE.notPermitted, 'replacing the votes map refused');
    expect((await boardFrom(s, r.board)).notes.find((n) => n.id === r.pains[1])?.votes).toEqual({});
    expect(readBoard(projector.doc).notes.find((n) => n.id === r.pains[1])?.votes).toEqual({});
  });

  it('a close stored without its dots (the server stopped in between) is counted when the board is next loaded, once', async () => {
    const { s, r, key } = await openedVote({ dotsPerPerson: 3, hideCounts: true });
    const anaBallot = connectClient(s.wsUrl, `${r.board.id}/private/${r.ana.author.id}`, r.ana.params);
    await synced(anaBallot);
    setBallotDots(anaBallot.doc, key, r.pains[0], 2);
    await waitFor(async () => (await tally(r)).body.dots[r.pains[0]]?.[r.ana.author.id] === 2, 'the ballot reached the server');
    for (const c of [anaBallot, r.session]) c.destroy();
    await s.close();

    // What a crash between the two commits leaves: the facilitator's close is stored, the dots are not.
    const store = await SqliteStore.open(path.join(s.dataDir, 'journeyroom.sqlite'), createLogger('silent'));
    const stored = await store.loadDoc(sessionDocAddress(r.board.id));
    const session = new Y.Doc();
    if (stored.snapshot) Y.applyUpdate(session, stored.snapshot);
    for (const update of stored.updates) Y.applyUpdate(session, update);
    const before = Y.encodeStateVector(session);
    closeVote(session, Date.now());
    await store.write({ appends: [{ doc: sessionDocAddress(r.board.id), update: Y.encodeStateAsUpdate(session, before) }], compactions: [] });
    await store.close();

    const s2 = await startServer({}, s.dataDir);
    // The facilitator comes back: loading the session finishes the count, with the vote's mark.
    const facilitator = connectClient(s2.wsUrl, `${r.board.id}/session`, { token: r.board.tokens.facilitator });
    await synced(facilitator);
    expect(readVote(facilitator.doc).status).toBe('closed');
    const projector = connectClient(s2.wsUrl, r.board.id, { token: r.board.tokens.projector });
    await synced(projector);
    await waitFor(() => boardRoots(projector.doc).meta.get(META.talliedVote) === key, 'the interrupted count finished');
    expect(readBoard(projector.doc).notes.find((n) => n.id === r.pains[0])?.votes).toEqual({ [r.ana.author.id]: 2 });

    // Counted once: a ballot changed after the close is not counted by a later load.
    const late = connectClient(s2.wsUrl, `${r.board.id}/private/${r.ana.author.id}`, r.ana.params);
    await synced(late);
    setBallotDots(late.doc, key, r.pains[1], 1);
    await waitFor(() => {
      const room = s2.server.registry.peek(privateDocAddress(r.board.id, r.ana.author.id));
      return room && readBallot(room.doc, key)[r.pains[1]] === 1;
    }, 'the late ballot reached the server');
    for (const c of [late, facilitator, projector]) c.destroy();
    await s2.close();
    const s3 = await startServer({}, s.dataDir);
    const again = connectClient(s3.wsUrl, `${r.board.id}/session`, { token: r.board.tokens.facilitator });
    await synced(again);
    const reader = connectClient(s3.wsUrl, r.board.id, { token: r.board.tokens.projector });
    await synced(reader);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(readBoard(reader.doc).notes.find((n) => n.id === r.pains[1])?.votes).toEqual({});
  });
});
