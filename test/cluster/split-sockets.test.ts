/**
 * Server-derived facts when one browser's three sockets (board, session, private doc) land on different
 * instances, as a round-robin load balancer sends them: the live vote tally, the tally at a hidden vote's close,
 * the draft count in presence, and a reveal right after a draft was written on another instance (the catch-up
 * barrier). Three real processes on PostgreSQL and Redis, stock y-websocket clients.
 */
import { Redis } from 'ioredis';
import { describe, expect, it, onTestFinished } from 'vitest';
import * as Y from 'yjs';
import { boardRoots } from '../../shared/board/doc.js';
import { readBoard } from '../../shared/board/snapshot.js';
import { addNote } from '../../shared/board/write.js';
import { CLOSE } from '../../shared/protocol.js';
import { setBallotDots, voteKey } from '../../shared/session/ballot.js';
import { addDraft, readDrafts } from '../../shared/session/drafts.js';
import { readVote } from '../../shared/session/read.js';
import { closeVote, openVote } from '../../shared/session/write.js';
import type { Spawned } from '../helpers/process.js';
import { createBoard, joinWriter, type TestBoard, type TestWriter } from '../helpers/api.js';
import { connectClient, synced, waitFor, type TestClient } from '../helpers/clients.js';
import { startCluster, TEST_REDIS_URL } from '../helpers/cluster.js';
import { pgUnavailable, skipNotice } from '../helpers/pg.js';

const unavailable = (await pgUnavailable()) ?? (TEST_REDIS_URL ? undefined : 'TEST_REDIS_URL is not set');
if (unavailable) process.stdout.write(`${skipNotice('Cluster split-socket suite', unavailable)}\n`);

/** A board with a facilitator (board and session sockets on `on`) and two pain notes written by them. */
interface VoteBoard {
  board: TestBoard;
  session: TestClient;
  pains: [string, string];
}

async function voteBoard(on: Spawned): Promise<VoteBoard> {
  const board = await createBoard(on.url);
  const fac = await joinWriter(on.url, board, board.tokens.facilitator, { name: 'Fay', department: '' });
  const facBoard = connectClient(on.wsUrl, board.id, fac.params);
  const session = connectClient(on.wsUrl, `${board.id}/session`, { token: board.tokens.facilitator });
  await Promise.all([synced(facBoard), synced(session)]);
  const snap = readBoard(facBoard.doc);
  const pain = snap.lanes.find((l) => l.kind === 'pains')!.id;
  const stage = snap.stages[0]!.id;
  const p1 = addNote(facBoard.doc, { stageId: stage, laneId: pain, text: 'invoice is confusing', author: fac.author });
  const p2 = addNote(facBoard.doc, { stageId: stage, laneId: pain, text: 'long hold times', author: fac.author });
  return { board, session, pains: [p1, p2] };
}

/** A member's sockets as a browser opens them: the board map on `boardOn`, their private doc on `privateOn`. */
interface Member {
  writer: TestWriter;
  id: string;
  board: TestClient;
  private: TestClient;
}

async function member(board: TestBoard, name: string, boardOn: Spawned, privateOn: Spawned): Promise<Member> {
  const writer = await joinWriter(boardOn.url, board, board.tokens.participant, { name, role: 'customer', department: '' });
  const id = writer.author.id;
  const m = {
    writer,
    id,
    board: connectClient(boardOn.wsUrl, board.id, writer.params),
    private: connectClient(privateOn.wsUrl, `${board.id}/private/${id}`, writer.params),
  };
  await Promise.all([synced(m.board), synced(m.private)]);
  return m;
}

const votesOn = (client: TestClient, noteId: string): Record<string, number> | undefined => readBoard(client.doc).notes.find((n) => n.id === noteId)?.votes;

/** The presence state a board client sees for a member (the server stamps `user`). */
function presenceOf(client: TestClient, memberId: string): Record<string, unknown> | undefined {
  return [...client.provider.awareness.getStates().values()].find((s) => (s as { user?: { memberId?: string } }).user?.memberId === memberId);
}

describe.skipIf(unavailable !== undefined)('split sockets across three instances', () => {
  it('visible counts: dots cast through B by a member whose map is on A show on A live; a client writing votes on B is refused (4405)', async () => {
    const cluster = await startCluster(3);
    const [a, b, c] = cluster.instances.map((i) => i.proc);
    const { board, session, pains } = await voteBoard(a!);
    openVote(session.doc, { dotsPerPerson: 3, hideCounts: false }, Date.now());
    const key = voteKey(readVote(session.doc));
    // Ana's map socket is on A, her private socket (ballot) on B; nobody else is on B.
    const ana = await member(board, 'Ana', a!, b!);
    const onC = connectClient(c!.wsUrl, board.id, { token: board.tokens.projector });
    await synced(onC);
    const inspect = new Redis(TEST_REDIS_URL);
    onTestFinished(() => inspect.disconnect());
    const stream = `${cluster.redisPrefix}:board:${board.id}`;
    const [startId] = ((await inspect.xrevrange(stream, '+', '-', 'COUNT', 1))[0] ?? ['0-0']) as [string];

    setBallotDots(ana.private.doc, key, pains[0], 2);
    for (const client of [ana.board, onC]) await waitFor(() => votesOn(client, pains[0])?.[ana.id] === 2, 'live count on A and C');
    setBallotDots(ana.private.doc, key, pains[0], 0);
    for (const client of [ana.board, onC]) await waitFor(() => votesOn(client, pains[0])?.[ana.id] === undefined, 'dot taken back on A and C');
    setBallotDots(ana.private.doc, key, pains[1], 3);
    await waitFor(() => votesOn(ana.board, pains[1])?.[ana.id] === 3, 'second note counted on A');
    // One writer: each of the three ballot changes was tallied once, by B (which accepted it), though A and C
    // hold the board and a replica of the ballot too.
    const entries = await inspect.xrange(stream, `(${startId}`, '+');
    const field = (fields: string[], name: string): string | undefined => fields[fields.indexOf(name) + 1];
    const boardUpdates = entries.filter(([, f]) => field(f, 't') === 'u' && field(f, 'd') === 'board').map(([, f]) => field(f, 'i'));
    expect(boardUpdates).toEqual([cluster.instances[1]!.name, cluster.instances[1]!.name, cluster.instances[1]!.name]);

    // A member's client writing dots into the board doc through B is refused before anything is applied.
    const bo = await joinWriter(b!.url, board, board.tokens.participant, { name: 'Bo', role: 'customer', department: '' });
    const forger = connectClient(b!.wsUrl, board.id, bo.params);
    await synced(forger);
    const note = boardRoots(forger.doc).notes.get(pains[0]) as Y.Map<unknown>;
    forger.doc.transact(() => {
      const votes = note.get('votes') as Y.Map<number>;
      votes.set(bo.author.id, 3);
    });
    await waitFor(() => forger.closes[0]?.code === CLOSE.notPermitted, 'forged dots refused with 4405 on B');
    const fresh = connectClient(a!.wsUrl, board.id, { token: board.tokens.projector });
    await synced(fresh);
    expect(votesOn(fresh, pains[0])).toEqual({});
    expect(votesOn(fresh, pains[1])).toEqual({ [ana.id]: 3 });
  });

  it('hidden counts: members spread over A, B and C vote, nothing shows before the close; closing on A publishes every ballot, also one cast on B just before', async () => {
    // Commits wait up to 250 ms (as under a busy PostgreSQL), so a ballot cast just before the close is in no store yet.
    const cluster = await startCluster(3, { env: { FLUSH_DELAY_MS: '250' } });
    const [a, b, c] = cluster.instances.map((i) => i.proc);
    const { board, session, pains } = await voteBoard(a!);
    openVote(session.doc, { dotsPerPerson: 3, hideCounts: true }, Date.now());
    const key = voteKey(readVote(session.doc));
    // Nobody's map is on B; Cy's ballot is cast there.
    const ana = await member(board, 'Ana', a!, b!);
    const bo = await member(board, 'Bo', c!, c!);
    const projectors = [a!, c!].map((s) => connectClient(s.wsUrl, board.id, { token: board.tokens.projector }));
    await Promise.all(projectors.map(synced));

    setBallotDots(ana.private.doc, key, pains[0], 2);
    setBallotDots(bo.private.doc, key, pains[1], 1);
    const tally = async (): Promise<Record<string, Record<string, number>>> => {
      const res = await fetch(`${a!.url}/api/boards/${board.id}/votes`, { headers: { authorization: `Bearer ${board.tokens.facilitator}` } });
      return ((await res.json()) as { dots: Record<string, Record<string, number>> }).dots;
    };
    await waitFor(async () => {
      const dots = await tally();
      return dots[pains[0]]?.[ana.id] === 2 && dots[pains[1]]?.[bo.id] === 1;
    }, 'the running tally on A counts Ana and Bo');
    for (const p of projectors) for (const id of pains) expect(votesOn(p, id)).toEqual({});

    // Cy (map on C, ballot on B, nothing on A) votes; as soon as B accepted it (Cy's second tab on B has it)
    // the facilitator closes on A.
    const cy = await member(board, 'Cy', c!, b!);
    const cyTab = connectClient(b!.wsUrl, `${board.id}/private/${cy.id}`, cy.writer.params);
    await synced(cyTab);
    setBallotDots(cy.private.doc, key, pains[1], 3);
    await waitFor(() => Object.keys(cyTab.doc.getMap('ballot').toJSON()).length === 1, "Cy's ballot accepted on B", 5_000);
    closeVote(session.doc, Date.now());

    const expected = { [pains[0]]: { [ana.id]: 2 }, [pains[1]]: { [bo.id]: 1, [cy.id]: 3 } };
    const published = (p: TestClient): Record<string, Record<string, number> | undefined> => ({ [pains[0]]: votesOn(p, pains[0]), [pains[1]]: votesOn(p, pains[1]) });
    for (const p of projectors) {
      await waitFor(() => votesOn(p, pains[1])?.[cy.id] === 3 && votesOn(p, pains[0])?.[ana.id] === 2, 'every ballot published on A and C');
      expect(published(p)).toEqual(expected);
    }
    // B (no map socket there) has it too.
    const onB = connectClient(b!.wsUrl, board.id, { token: board.tokens.projector });
    await synced(onB);
    await waitFor(() => votesOn(onB, pains[1])?.[cy.id] === 3, 'published on B');
    expect(published(onB)).toEqual(expected);
  });

  it('the draft count in presence is the true count on every instance, renewal after renewal, with the map socket on A and the drafts on B', async () => {
    const cluster = await startCluster(3);
    const [a, b, c] = cluster.instances.map((i) => i.proc);
    const board = await createBoard(a!.url);
    const ana = await member(board, 'Ana', a!, b!);
    const observers = [a!, b!, c!].map((s) => connectClient(s.wsUrl, board.id, { token: board.tokens.projector }));
    await Promise.all(observers.map(synced));
    // Ana's presence (the stock client publishes it once a field is set).
    ana.board.provider.awareness.setLocalStateField('tick', 0);
    for (const o of observers) await waitFor(() => presenceOf(o, ana.id)?.drafts === 0, 'Ana present with no drafts', 20_000);
    const snap = readBoard(ana.board.doc);
    const pains = snap.lanes.find((l) => l.kind === 'pains')!;
    for (const text of ['hold music', 'invoice unclear', 'no callback']) {
      addDraft(ana.private.doc, { stageId: snap.stages[0]!.id, laneId: pains.id, laneKind: 'pains', text, author: ana.writer.author, createdAt: Date.now() });
    }
    for (const o of observers) await waitFor(() => presenceOf(o, ana.id)?.drafts === 3, 'three drafts in presence', 20_000);
    // Every renewal of Ana's presence (through A) is stamped again: the count must stay 3, never 0.
    for (let tick = 1; tick <= 5; tick++) {
      ana.board.provider.awareness.setLocalStateField('tick', tick);
      for (const o of observers) {
        const state = await waitFor(() => (presenceOf(o, ana.id)?.tick === tick ? presenceOf(o, ana.id) : undefined), `renewal ${tick}`);
        expect(state.drafts).toBe(3);
      }
    }
    // One draft fewer on B: every instance follows.
    const first = readDrafts(ana.private.doc)[0]!;
    boardRoots(ana.private.doc).notes.delete(first.id);
    for (const o of observers) await waitFor(() => presenceOf(o, ana.id)?.drafts === 2, 'two drafts in presence');
  });

  it('a draft written on B and revealed through A at once is revealed, every time', async () => {
    // Commits wait up to 250 ms (as under a busy PostgreSQL): A cannot find the draft in the store.
    const cluster = await startCluster(3, { env: { FLUSH_DELAY_MS: '250' } });
    const [a, b, c] = cluster.instances.map((i) => i.proc);
    const board = await createBoard(a!.url);
    const onC = connectClient(c!.wsUrl, board.id, { token: board.tokens.projector });
    await synced(onC);
    const snap = readBoard(onC.doc);
    const pains = snap.lanes.find((l) => l.kind === 'pains')!;
    const texts = (): string[] => readBoard(onC.doc).notes.map((n) => n.text).sort();
    const expected: string[] = [];
    for (let round = 1; round <= 4; round++) {
      // A new member each round, with both tabs of their private doc on B: A holds nothing of theirs.
      const writer = await joinWriter(b!.url, board, board.tokens.participant, { name: `Mia ${round}`, role: 'customer', department: '' });
      const room = `${board.id}/private/${writer.author.id}`;
      const [tab, otherTab] = [connectClient(b!.wsUrl, room, writer.params), connectClient(b!.wsUrl, room, writer.params)];
      await Promise.all([synced(tab), synced(otherTab)]);
      const text = `race ${round}`;
      addDraft(tab.doc, { stageId: snap.stages[0]!.id, laneId: pains.id, laneKind: 'pains', text, author: writer.author, createdAt: Date.now() });
      // B accepted it (its other tab has it): reveal through A now, with no wait.
      await waitFor(() => readDrafts(otherTab.doc).length === 1, 'draft accepted on B', 5_000);
      const res = await fetch(`${a!.url}/api/boards/${board.id}/reveal`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${board.tokens.facilitator}` },
        body: '{}',
      });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { revealed: number }).revealed, `round ${round}`).toBe(1);
      expected.push(text);
      await waitFor(() => texts().length === expected.length, 'revealed note reaches C');
      expect(texts()).toEqual([...expected].sort());
      await waitFor(() => readDrafts(tab.doc).length === 0, 'the draft left the private doc');
    }
  });
});
