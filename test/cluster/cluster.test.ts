/**
 * Three real Journeyroom processes on one PostgreSQL schema and Redis, stock y-websocket clients spread over
 * them: edits and presence converge, a late joiner on another instance gets everything, and what the server
 * enforces (lock, link rotation) holds on every instance.
 */
import { describe, expect, it } from 'vitest';
import { readNotes } from '../../shared/board/read.js';
import { addNote, laneIds, stageIds } from '../../shared/board/write.js';
import { CLOSE } from '../../shared/protocol.js';
import { setLocked } from '../../shared/session/write.js';
import { createBoard } from '../helpers/api.js';
import { connectClient, synced, waitFor, type TestClient } from '../helpers/clients.js';
import { startCluster, TEST_REDIS_URL } from '../helpers/cluster.js';
import { pgUnavailable, skipNotice } from '../helpers/pg.js';

const unavailable = (await pgUnavailable()) ?? (TEST_REDIS_URL ? undefined : 'TEST_REDIS_URL is not set');
if (unavailable) process.stdout.write(`${skipNotice('Cluster suite', unavailable)}\n`);

const author = { id: 'x', name: 'X', role: 'stakeholder' as const, department: 'Support' };
const texts = (c: TestClient): string[] => readNotes(c.doc).map((n) => n.text).sort();

describe.skipIf(unavailable !== undefined)('three instances on PostgreSQL and Redis', () => {
  it('edits on every instance converge everywhere; a late joiner on another instance gets all of it, presence too', async () => {
    const cluster = await startCluster(3);
    const [a, b, c] = cluster.instances.map((i) => i.proc);
    const board = await createBoard(a!.url);
    const clients = [a!, b!, c!].map((s) => connectClient(s.wsUrl, board.id, { token: board.tokens.participant }));
    await Promise.all(clients.map(synced));
    const [stage] = stageIds(clients[0]!.doc);
    const [lane] = laneIds(clients[0]!.doc);
    clients.forEach((client, i) => {
      for (let n = 0; n < 5; n++) addNote(client.doc, { stageId: stage!, laneId: lane!, text: `i${i}-n${n}`, author });
    });
    const expected = clients.flatMap((_c, i) => [0, 1, 2, 3, 4].map((n) => `i${i}-n${n}`)).sort();
    for (const client of clients) await waitFor(() => texts(client).length === 15, 'every client has all 15 notes');
    for (const client of clients) expect(texts(client)).toEqual(expected);

    // Presence: a client on instance c sees the users of a and b.
    // (`user` is stamped by the server from the link, so the test marks its clients with another field.)
    clients[0]!.provider.awareness.setLocalStateField('editing', 'on-a');
    clients[1]!.provider.awareness.setLocalStateField('editing', 'on-b');
    await waitFor(() => {
      const names = [...clients[2]!.provider.awareness.getStates().values()].map((s) => s.editing);
      return names.includes('on-a') && names.includes('on-b');
    }, 'presence from the other instances');

    // A late joiner on c, and one on b after its room is loaded: same notes.
    const late = connectClient(c!.wsUrl, board.id, { token: board.tokens.projector });
    await synced(late);
    await waitFor(() => texts(late).length === 15, 'late joiner has every note');
    expect(texts(late)).toEqual(expected);
  });

  it('a lock set through instance A refuses a participant on instance B; the facilitator on C still edits', async () => {
    const cluster = await startCluster(3);
    const [a, b, c] = cluster.instances.map((i) => i.proc);
    const board = await createBoard(a!.url);
    const session = connectClient(a!.wsUrl, `${board.id}/session`, { token: board.tokens.facilitator });
    const part = connectClient(b!.wsUrl, board.id, { token: board.tokens.participant });
    const fac = connectClient(c!.wsUrl, board.id, { token: board.tokens.facilitator });
    const watcherB = connectClient(b!.wsUrl, `${board.id}/session`, { token: board.tokens.projector });
    await Promise.all([synced(session), synced(part), synced(fac), synced(watcherB)]);
    const [stage] = stageIds(fac.doc);
    const [lane] = laneIds(fac.doc);

    const lockedAt = Date.now();
    setLocked(session.doc, true);
    await waitFor(() => watcherB.doc.getMap('state').get('locked') === true, 'the lock reached instance B');
    process.stdout.write(`lock propagation A -> B: ${Date.now() - lockedAt} ms\n`);
    addNote(part.doc, { stageId: stage!, laneId: lane!, text: 'sneaky', author });
    await waitFor(() => part.closes.some((x) => x.code === CLOSE.tryAgainLater), 'participant on B refused with 1013');
    addNote(fac.doc, { stageId: stage!, laneId: lane!, text: 'facilitator note', author });
    const watcherA = connectClient(a!.wsUrl, board.id, { token: board.tokens.projector });
    await synced(watcherA);
    await waitFor(() => texts(watcherA).includes('facilitator note'), 'facilitator edit on C reached A');
    expect(texts(watcherA)).not.toContain('sneaky');

    setLocked(session.doc, false);
    await waitFor(() => texts(watcherA).includes('sneaky'), 'participant change applied after unlock', 15_000);
  });

  it('board creation is limited per address across instances: the budget spent on A and B is spent on C too', async () => {
    const cluster = await startCluster(3, { env: { RATE_LIMIT_BOARDS_PER_MIN: '3' } });
    const [a, b, c] = cluster.instances.map((i) => i.proc);
    const create = (url: string): Promise<Response> =>
      fetch(`${url}/api/boards`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'Limited' }) });
    expect((await create(a!.url)).status).toBe(201);
    expect((await create(a!.url)).status).toBe(201);
    expect((await create(b!.url)).status).toBe(201);
    const refused = await create(c!.url);
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
  });

  it('replacing the participant link through instance A closes the old sockets on B and C; the old link is refused', async () => {
    const cluster = await startCluster(3);
    const [a, b, c] = cluster.instances.map((i) => i.proc);
    const board = await createBoard(a!.url);
    const onB = connectClient(b!.wsUrl, board.id, { token: board.tokens.participant });
    const onC = connectClient(c!.wsUrl, board.id, { token: board.tokens.participant });
    const projector = connectClient(c!.wsUrl, board.id, { token: board.tokens.projector });
    await Promise.all([synced(onB), synced(onC), synced(projector)]);
    const res = await fetch(`${a!.url}/api/boards/${board.id}/links/participant`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${board.tokens.facilitator}` },
      body: '{}',
    });
    expect(res.status).toBe(200);
    for (const client of [onB, onC]) {
      await waitFor(() => client.closes.some((x) => x.code === CLOSE.linkReplaced), 'old socket closed with 4000');
      await waitFor(() => client.closes.some((x) => x.code === CLOSE.unauthorized), 'reconnect with the old link refused with 4401');
    }
    // The projector's link was not replaced: it stays connected.
    expect(projector.closes).toEqual([]);
  });
});
