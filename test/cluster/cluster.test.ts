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
import * as Y from 'yjs';
import { readBoard } from '../../shared/board/snapshot.js';
import { privateDocAddress } from '../../shared/protocol.js';
import { addDraft, readDrafts } from '../../shared/session/drafts.js';
import { PgStore } from '../../server/persistence/pg/pg-store.js';
import { createBoard, joinMember, joinWriter } from '../helpers/api.js';
import { connectClient, rawClient, synced, waitFor, type TestClient } from '../helpers/clients.js';
import { startCluster, TEST_REDIS_URL } from '../helpers/cluster.js';
import { pgUnavailable, skipNotice, TEST_DATABASE_URL } from '../helpers/pg.js';

const unavailable = (await pgUnavailable()) ?? (TEST_REDIS_URL ? undefined : 'TEST_REDIS_URL is not set');
if (unavailable) process.stdout.write(`${skipNotice('Cluster suite', unavailable)}\n`);

const texts = (c: TestClient): string[] => readNotes(c.doc).map((n) => n.text).sort();

describe.skipIf(unavailable !== undefined)('three instances on PostgreSQL and Redis', () => {
  it('edits on every instance converge everywhere; a late joiner on another instance gets all of it, presence too', async () => {
    const cluster = await startCluster(3);
    const [a, b, c] = cluster.instances.map((i) => i.proc);
    const board = await createBoard(a!.url);
    // Notes are created by joined members only: one member, connected through each instance.
    const { author, params } = await joinWriter(a!.url, board, board.tokens.participant);
    const clients = [a!, b!, c!].map((s) => connectClient(s.wsUrl, board.id, params));
    await Promise.all(clients.map(synced));
    const [stage] = stageIds(clients[0]!.doc);
    const [lane] = laneIds(clients[0]!.doc);
    clients.forEach((client, i) => {
      for (let n = 0; n < 5; n++) addNote(client.doc, { stageId: stage!, laneId: lane!, text: `i${i}-n${n}`, author });
    });
    const expected = clients.flatMap((_c, i) => [0, 1, 2, 3, 4].map((n) => `i${i}-n${n}`)).sort();
    for (const client of clients) await waitFor(() => texts(client).length === 15, 'every client has all 15 notes');
    for (const client of clients) expect(texts(client)).toEqual(expected);

    // Presence: a client on instance c sees what the clients on a and b are editing. (`user` is stamped by the
    // server, and `editing` is passed on only when it names a note on the board, so each marks a real note.)
    const noteId = (text: string): string => readNotes(clients[0]!.doc).find((n) => n.text === text)!.id;
    const [onA, onB] = [noteId('i0-n0'), noteId('i1-n0')];
    clients[0]!.provider.awareness.setLocalStateField('editing', onA);
    clients[1]!.provider.awareness.setLocalStateField('editing', onB);
    await waitFor(() => {
      const editing = [...clients[2]!.provider.awareness.getStates().values()].map((s) => s.editing);
      return editing.includes(onA) && editing.includes(onB);
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
    const partWriter = await joinWriter(b!.url, board, board.tokens.participant);
    const facWriter = await joinWriter(c!.url, board, board.tokens.facilitator, { name: 'Fay', department: '' });
    const part = connectClient(b!.wsUrl, board.id, partWriter.params);
    const fac = connectClient(c!.wsUrl, board.id, facWriter.params);
    const watcherB = connectClient(b!.wsUrl, `${board.id}/session`, { token: board.tokens.projector });
    await Promise.all([synced(session), synced(part), synced(fac), synced(watcherB)]);
    const [stage] = stageIds(fac.doc);
    const [lane] = laneIds(fac.doc);

    const lockedAt = Date.now();
    setLocked(session.doc, true);
    await waitFor(() => watcherB.doc.getMap('state').get('locked') === true, 'the lock reached instance B');
    process.stdout.write(`lock propagation A -> B: ${Date.now() - lockedAt} ms\n`);
    addNote(part.doc, { stageId: stage!, laneId: lane!, text: 'sneaky', author: partWriter.author });
    await waitFor(() => part.closes.some((x) => x.code === CLOSE.tryAgainLater), 'participant on B refused with 1013');
    addNote(fac.doc, { stageId: stage!, laneId: lane!, text: 'facilitator note', author: facWriter.author });
    const watcherA = connectClient(a!.wsUrl, board.id, { token: board.tokens.projector });
    await synced(watcherA);
    await waitFor(() => texts(watcherA).includes('facilitator note'), 'facilitator edit on C reached A');
    expect(texts(watcherA)).not.toContain('sneaky');

    setLocked(session.doc, false);
    await waitFor(() => texts(watcherA).includes('sneaky'), 'participant change applied after unlock', 15_000);
  });

  it('drafts stay private on every instance; a reveal through A puts drafts written on B on the board of a client on C', async () => {
    const cluster = await startCluster(3);
    const [a, b, c] = cluster.instances.map((i) => i.proc);
    const board = await createBoard(a!.url);
    const mia = await joinMember(a!.url, board.id, board.tokens.participant, { name: 'Mia', role: 'customer', department: '' });
    const noa = await joinMember(b!.url, board.id, board.tokens.participant, { name: 'Noa', role: 'stakeholder', department: 'Billing' });
    const drafts = connectClient(b!.wsUrl, `${board.id}/private/${mia.memberId}`, { token: board.tokens.participant, member: mia.memberKey });
    const onC = connectClient(c!.wsUrl, board.id, { token: board.tokens.projector });
    await Promise.all([synced(drafts), synced(onC)]);
    // Another member cannot open Mia's drafts on any instance.
    for (const s of [a!, b!, c!]) {
      const snoop = rawClient(`${s.wsUrl}/${board.id}/private/${mia.memberId}?token=${board.tokens.participant}&member=${noa.memberKey}`);
      expect((await snoop.closed).code).toBe(CLOSE.forbidden);
    }
    const snap = readBoard(onC.doc);
    const pains = snap.lanes.find((l) => l.kind === 'pains')!;
    const author = { id: mia.memberId, name: 'Mia', role: 'customer' as const, department: '' };
    for (const text of ['hold music', 'invoice unclear']) {
      addDraft(drafts.doc, { stageId: snap.stages[0]!.id, laneId: pains.id, laneKind: 'pains', text, author, createdAt: Date.now() });
    }
    // Drafts written more than the commit window before a reveal are revealed: wait until they are committed.
    const store = await PgStore.open({ connectionString: TEST_DATABASE_URL, schema: cluster.schema });
    await waitFor(async () => {
      const stored = await store.loadDoc(privateDocAddress(board.id, mia.memberId));
      const doc = new Y.Doc();
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
      for (const u of stored.updates) Y.applyUpdate(doc, u);
      return readDrafts(doc).length === 2;
    }, 'drafts committed');
    await store.close();
    expect(texts(onC)).toEqual([]);

    const res = await fetch(`${a!.url}/api/boards/${board.id}/reveal`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${board.tokens.facilitator}` },
      body: '{}',
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { revealed: number }).revealed).toBe(2);
    await waitFor(() => texts(onC).length === 2, 'revealed notes reach C');
    expect(texts(onC)).toEqual(['hold music', 'invoice unclear']);
    await waitFor(() => readDrafts(drafts.doc).length === 0, "Mia's drafts cleared on B");
  });

  it('a checkpoint taken through A and restored through C undoes an edit made on B, for a client on B', async () => {
    const cluster = await startCluster(3);
    const [a, b, c] = cluster.instances.map((i) => i.proc);
    const board = await createBoard(a!.url);
    const { author, params } = await joinWriter(b!.url, board, board.tokens.participant);
    const onB = connectClient(b!.wsUrl, board.id, params);
    await synced(onB);
    addNote(onB.doc, { stageId: stageIds(onB.doc)[0]!, laneId: laneIds(onB.doc)[0]!, text: 'kept', author });
    const onA = connectClient(a!.wsUrl, board.id, { token: board.tokens.projector });
    await synced(onA);
    await waitFor(() => texts(onA).includes('kept'), 'A has the note before the checkpoint');
    const auth = { 'content-type': 'application/json', authorization: `Bearer ${board.tokens.facilitator}` };
    const taken = await fetch(`${a!.url}/api/boards/${board.id}/checkpoints`, { method: 'POST', headers: auth, body: JSON.stringify({ name: 'Before' }) });
    expect(taken.status).toBe(201);
    const { id } = (await taken.json()) as { id: string };
    addNote(onB.doc, { stageId: stageIds(onB.doc)[0]!, laneId: laneIds(onB.doc)[0]!, text: 'undone', author });
    await waitFor(() => texts(onA).includes('undone'), 'the later note reached A');
    const restored = await fetch(`${c!.url}/api/boards/${board.id}/checkpoints/${id}/restore`, { method: 'POST', headers: auth, body: '{}' });
    expect(restored.status).toBe(200);
    await waitFor(() => !texts(onB).includes('undone'), 'restore reached the client on B');
    expect(texts(onB)).toEqual(['kept']);
  });

  it('board creation is limited per address across instances: the budget spent on A and B is spent on C too', async () => {
    const cluster = await startCluster(3, { env: { RATE_LIMIT_BOARDS_PER_MIN: '3' } });
    const [a, b, c] = cluster.instances.map((i) => i.proc);
    // Until an instance's Redis connection is ready it counts in memory (the insurance limiter): wait for all three.
    for (const instance of [a!, b!, c!]) {
      await waitFor(async () => ((await (await fetch(`${instance.url}/healthz`)).json()) as { redis?: { state?: string } }).redis?.state === 'up', 'Redis ready on every instance');
    }
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
      // 4410 is permanent: the stock client stops reconnecting with the replaced link.
      await waitFor(() => client.closes.some((x) => x.code === CLOSE.revoked), 'old socket closed with 4410');
    }
    // The projector's link was not replaced: it stays connected.
    expect(projector.closes).toEqual([]);
  });
});
