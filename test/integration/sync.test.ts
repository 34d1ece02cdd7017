/** Real server, real SQLite, stock y-websocket clients: convergence, late joiners, restart, roles, awareness. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readNotes, readStages } from '../../shared/board/read.js';
import { addNote, deleteNote, moveNote, moveStage, setNoteText, stageIds, laneIds } from '../../shared/board/write.js';
import type { Author } from '../../shared/board/schema.js';
import * as decoding from 'lib0/decoding';
import { AUTH_MESSAGE, CLOSE, MESSAGE, docKey } from '../../shared/protocol.js';
import { createBoard, joinMember, joinWriter, type TestBoard } from '../helpers/api.js';
import { connectClient, rawClient, synced, waitFor } from '../helpers/clients.js';
import { updateFrame } from '../helpers/frames.js';
import { startServer } from '../helpers/server.js';

/** Joins as Alice (a customer, with the participant link): notes are created under her member only. */
async function asAlice(url: string, board: TestBoard): Promise<{ author: Author; params: Record<string, string> }> {
  return joinWriter(url, board, board.tokens.participant, { name: 'Alice', role: 'customer', department: '' });
}

const texts = (doc: Y.Doc): string[] => readNotes(doc).map((n) => n.text).sort();

/** A board where Alice wrote 20 notes (`<prefix> 0` …), all stored; then the server restarted on the same data. */
async function restartedWith20Notes(prefix: string) {
  const s = await startServer();
  const board = await createBoard(s.url);
  const { author: alice, params } = await asAlice(s.url, board);
  const a = connectClient(s.wsUrl, board.id, params);
  await synced(a);
  const [stage] = stageIds(a.doc);
  const [lane] = laneIds(a.doc);
  for (let i = 0; i < 20; i++) addNote(a.doc, { stageId: stage!, laneId: lane!, text: `${prefix} ${i}`, author: alice });
  const watcher = connectClient(s.wsUrl, board.id, { token: board.tokens.projector });
  await waitFor(() => readNotes(watcher.doc).length === 20, 'the server has the 20 notes');
  a.destroy();
  watcher.destroy();
  await s.close();
  const restarted = await startServer({}, s.dataDir);
  return { s: restarted, board, alice, params, stage: stage!, lane: lane! };
}

describe('sync', () => {
  it('two clients converge on add, edit, move and delete; a late third client gets everything', async () => {
    const s = await startServer();
    const board = await createBoard(s.url);
    const { author: alice, params } = await asAlice(s.url, board);
    const { author: bob, params: facilitatorParams } = await joinWriter(s.url, board, board.tokens.facilitator, { name: 'Bob', department: 'Support' });
    const a = connectClient(s.wsUrl, board.id, params);
    const b = connectClient(s.wsUrl, board.id, facilitatorParams);
    await Promise.all([synced(a), synced(b)]);
    const [stage0, stage1] = stageIds(a.doc);
    const [lane0] = laneIds(a.doc);
    const n1 = addNote(a.doc, { stageId: stage0!, laneId: lane0!, text: 'slow signup', author: alice });
    const n2 = addNote(b.doc, { stageId: stage1!, laneId: lane0!, text: 'price unclear', author: bob });
    await waitFor(() => readNotes(a.doc).length === 2 && readNotes(b.doc).length === 2, 'both notes on both');
    setNoteText(b.doc, n1, 'very slow signup');
    moveNote(a.doc, n2, { stageId: stage0!, laneId: lane0!, index: 0 });
    const n3 = addNote(a.doc, { stageId: stage1!, laneId: lane0!, text: 'to delete', author: alice });
    await waitFor(() => readNotes(b.doc).some((n) => n.id === n3), 'n3 on b');
    deleteNote(b.doc, n3);
    await waitFor(
      () => JSON.stringify(readNotes(a.doc)) === JSON.stringify(readNotes(b.doc)) && texts(a.doc).join() === 'price unclear,very slow signup',
      'convergence',
    );
    expect(readNotes(a.doc).find((n) => n.id === n2)?.stageId).toBe(stage0);
    const c = connectClient(s.wsUrl, board.id, { token: board.tokens.projector });
    await synced(c);
    await waitFor(() => JSON.stringify(readNotes(c.doc)) === JSON.stringify(readNotes(a.doc)), 'late client has everything');
  });

  it('a restart keeps every note', async () => {
    const { s: s2, board } = await restartedWith20Notes('note');
    const c = connectClient(s2.wsUrl, board.id, { token: board.tokens.projector });
    await synced(c);
    await waitFor(() => readNotes(c.doc).length === 20, 'all 20 notes after restart');
    expect(texts(c.doc)).toContain('note 19');
  });

  it('projector edits reach nobody and are not stored', async () => {
    const s = await startServer();
    const board = await createBoard(s.url);
    const { author: alice, params } = await asAlice(s.url, board);
    const p = connectClient(s.wsUrl, board.id, { token: board.tokens.projector });
    const a = connectClient(s.wsUrl, board.id, params);
    await Promise.all([synced(p), synced(a)]);
    const [stage] = stageIds(p.doc);
    const [lane] = laneIds(p.doc);
    addNote(p.doc, { stageId: stage!, laneId: lane!, text: 'from projector', author: alice });
    addNote(a.doc, { stageId: stage!, laneId: lane!, text: 'from participant', author: alice });
    // The participant's note is a marker: once the projector has it, the projector's own note had its chance.
    await waitFor(() => texts(p.doc).includes('from participant'), 'projector got the marker');
    const fresh = connectClient(s.wsUrl, board.id, { token: board.tokens.participant });
    await synced(fresh);
    await waitFor(() => texts(fresh.doc).includes('from participant'), 'fresh client synced');
    expect(texts(a.doc)).toEqual(['from participant']);
    expect(texts(fresh.doc)).toEqual(['from participant']);
    expect(p.closes).toEqual([]);
    p.destroy();
    a.destroy();
    fresh.destroy();
    await s.close();
    const s2 = await startServer({}, s.dataDir);
    const after = connectClient(s2.wsUrl, board.id, { token: board.tokens.participant });
    await synced(after);
    await waitFor(() => texts(after.doc).length > 0, 'notes after restart');
    expect(texts(after.doc)).toEqual(['from participant']);
  });

  it('a wrong token closes with 4401 and the provider stops; an unknown board with 4404; an invalid id is refused', async () => {
    const s = await startServer();
    const board = await createBoard(s.url);
    const wrong = connectClient(s.wsUrl, board.id, { token: 'x'.repeat(43) });
    const closed = await new Promise<{ code: number }>((resolve) => wrong.provider.on('closed', (e) => resolve(e)));
    expect(closed.code).toBe(CLOSE.unauthorized);
    expect(wrong.provider.shouldConnect).toBe(false);
    const unknown = connectClient(s.wsUrl, 'AAAAAAAAAAAAAAAA', { token: board.tokens.participant });
    expect((await new Promise<{ code: number }>((resolve) => unknown.provider.on('closed', (e) => resolve(e)))).code).toBe(CLOSE.notFound);
    const invalid = connectClient(s.wsUrl, 'bad.id', { token: board.tokens.participant });
    expect((await new Promise<{ code: number }>((resolve) => invalid.provider.on('closed', (e) => resolve(e)))).code).toBe(CLOSE.notFound);
  });

  it('concurrent stage reorders from two clients converge without duplicates or losses', async () => {
    const s = await startServer();
    const board = await createBoard(s.url);
    // Two facilitator tabs: the structure is the facilitator's (participants only with the switch open).
    const a = connectClient(s.wsUrl, board.id, { token: board.tokens.facilitator });
    const b = connectClient(s.wsUrl, board.id, { token: board.tokens.facilitator });
    await Promise.all([synced(a), synced(b)]);
    const ids = stageIds(a.doc);
    a.provider.disconnect();
    b.provider.disconnect();
    const orderA = readStages(a.doc).map((st) => st.id);
    moveStage(a.doc, orderA[0]!, 4);
    moveStage(a.doc, orderA[5]!, 0);
    moveStage(b.doc, orderA[0]!, 2);
    moveStage(b.doc, orderA[3]!, 1);
    a.provider.connect();
    b.provider.connect();
    await waitFor(
      () => JSON.stringify(readStages(a.doc)) === JSON.stringify(readStages(b.doc)) && readStages(a.doc).every((st) => readStages(b.doc).some((x) => x.order === st.order)),
      'stage orders converge',
    );
    const final = readStages(a.doc).map((st) => st.id);
    expect(final).toHaveLength(ids.length);
    expect(new Set(final)).toEqual(new Set(ids));
  });

  it('awareness identity is stamped by the server', async () => {
    const s = await startServer();
    const board = await createBoard(s.url);
    const member = await joinMember(s.url, board.id, board.tokens.participant, { name: 'Carol', role: 'customer', department: '' });
    const a = connectClient(s.wsUrl, board.id, { token: board.tokens.participant, member: member.memberKey });
    const b = connectClient(s.wsUrl, board.id, { token: board.tokens.projector });
    await Promise.all([synced(a), synced(b)]);
    a.provider.awareness.setLocalStateField('user', { memberId: 'x', name: 'The CEO', role: 'facilitator', department: 'Board' });
    // Presence may name what is on the board (anything else shows as a private draft: presence-facts.test.ts).
    const n1 = readStages(a.doc)[0]!.id;
    a.provider.awareness.setLocalStateField('editing', n1);
    // A state at clock 0 (never changed since construction) is not propagated by y-protocols; any field bumps it.
    b.provider.awareness.setLocalStateField('selected', null);
    const seen = await waitFor(() => {
      const state = b.provider.awareness.getStates().get(a.doc.clientID) as { user?: { name: string }; editing?: string } | undefined;
      return state?.editing === n1 ? state : undefined;
    }, 'b sees a');
    expect(seen?.user).toEqual({ memberId: member.memberId, name: 'Carol', role: 'customer', department: '' });
    // The projector is present too, stamped as projector.
    await waitFor(() => (a.provider.awareness.getStates().get(b.doc.clientID) as { user?: { role: string } } | undefined)?.user?.role === 'projector', 'a sees projector');
    b.destroy();
    await waitFor(() => !a.provider.awareness.getStates().has(b.doc.clientID), 'projector presence removed on close');
  });

  it('unloads an idle room only after storing it, and reloads it with everything', async () => {
    const s = await startServer({ idleUnloadMs: 50 });
    const board = await createBoard(s.url);
    const { author: alice, params } = await asAlice(s.url, board);
    const a = connectClient(s.wsUrl, board.id, params);
    await synced(a);
    const [stage] = stageIds(a.doc);
    const [lane] = laneIds(a.doc);
    addNote(a.doc, { stageId: stage!, laneId: lane!, text: 'kept', author: alice });
    // The board room holds its session room loaded (for the lock rule): two rooms, both unloaded when idle.
    await waitFor(() => s.server.queue.pendingUpdates === 0 && s.server.registry.roomCount === 2, 'committed');
    a.destroy();
    await waitFor(() => s.server.registry.roomCount === 0, 'room unloaded');
    const b = connectClient(s.wsUrl, board.id, { token: board.tokens.projector });
    await synced(b);
    await waitFor(() => texts(b.doc).includes('kept'), 'reloaded note');
  });

  it('loads a room once when many clients join at the same moment', async () => {
    const s = await startServer();
    const board = await createBoard(s.url);
    const { author: alice, params } = await asAlice(s.url, board);
    const clients = Array.from({ length: 8 }, (_, i) => connectClient(s.wsUrl, board.id, i === 0 ? params : { token: board.tokens.participant }));
    await Promise.all(clients.map(synced));
    const [stage] = stageIds(clients[0]!.doc);
    const [lane] = laneIds(clients[0]!.doc);
    addNote(clients[0]!.doc, { stageId: stage!, laneId: lane!, text: 'to all', author: alice });
    await waitFor(() => clients.every((c) => texts(c.doc).includes('to all')), 'every client has the note');
    // One board room (plus the session room it holds), however many joined at once.
    expect(s.server.registry.all().map((room) => docKey(room.address)).sort()).toEqual(['board', 'session']);
  });

  it('after a restart the first clients get the stored snapshot as it is, and later clients the edits made since', async () => {
    const { s: s2, board, alice, params, stage, lane } = await restartedWith20Notes('stored');
    const b = connectClient(s2.wsUrl, board.id, params);
    const c = connectClient(s2.wsUrl, board.id, { token: board.tokens.projector });
    await Promise.all([synced(b), synced(c)]);
    expect(texts(b.doc)).toHaveLength(20);
    expect(texts(c.doc)).toEqual(texts(b.doc));
    addNote(b.doc, { stageId: stage, laneId: lane, text: 'after restart', author: alice });
    await waitFor(() => texts(c.doc).includes('after restart'), 'c got the new note');
    const d = connectClient(s2.wsUrl, board.id, { token: board.tokens.projector });
    await synced(d);
    await waitFor(() => texts(d.doc).includes('after restart'), 'a later client gets the edit made after the load');
    expect(texts(d.doc)).toHaveLength(21);
  });

  it('after a commit the writer gets "saved n" for its writes; a reader gets nothing, and no SyncStep1 follows the join', async () => {
    const s = await startServer();
    const board = await createBoard(s.url);
    // The facilitator's: the title is the board's structure, the facilitator's to change.
    const writer = rawClient(`${s.wsUrl}/${board.id}?token=${board.tokens.facilitator}`);
    const reader = rawClient(`${s.wsUrl}/${board.id}?token=${board.tokens.projector}`);
    // Both joined their room once the server's SyncStep1 arrived.
    await waitFor(() => [writer, reader].every((c) => c.frames.some((f) => f[0] === MESSAGE.sync && f[1] === 0)), 'both joined');
    const doc = new Y.Doc();
    doc.getMap('meta').set('title', 'Renamed');
    writer.ws.send(updateFrame(Y.encodeStateAsUpdate(doc)));
    doc.getMap('meta').set('title', 'Renamed again');
    writer.ws.send(updateFrame(Y.encodeStateAsUpdate(doc)));
    const savedCounts = (frames: Uint8Array[]): number[] => frames.filter((f) => f[0] === MESSAGE.auth && f[1] === AUTH_MESSAGE.saved).map((f) => f[2]!);
    await waitFor(() => savedCounts(writer.frames).includes(2), 'saved 2 for the two writes');
    await waitFor(() => reader.frames.some((f) => f[0] === MESSAGE.sync && f[1] === 2), 'the reader got the updates');
    expect(savedCounts(reader.frames)).toEqual([]);
    // Acknowledgements only grow.
    const counts = savedCounts(writer.frames);
    expect([...counts].sort((a, b) => a - b)).toEqual(counts);
    const step1s = (frames: Uint8Array[]): number => frames.filter((f) => f[0] === MESSAGE.sync && f[1] === 0).length;
    expect(step1s(writer.frames)).toBe(1);
    expect(step1s(reader.frames)).toBe(1);
  });

  it('the stock client gets the saved signal through its auth handler, ignores it otherwise and keeps syncing', async () => {
    const s = await startServer();
    const board = await createBoard(s.url);
    const { author: alice, params } = await asAlice(s.url, board);
    const a = connectClient(s.wsUrl, board.id, params);
    const b = connectClient(s.wsUrl, board.id, { token: board.tokens.participant });
    await Promise.all([synced(a), synced(b)]);
    const saved: number[] = [];
    const stockAuth = a.provider.messageHandlers[MESSAGE.auth]!;
    a.provider.messageHandlers[MESSAGE.auth] = (encoder, decoder, provider, emitSynced, messageType) => {
      const peek = decoding.clone(decoder);
      if (decoding.readVarUint(peek) === AUTH_MESSAGE.saved) saved.push(decoding.readVarUint(peek));
      stockAuth(encoder, decoder, provider, emitSynced, messageType);
    };
    const errors: unknown[] = [];
    const originalError = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      const [stage] = stageIds(a.doc);
      const [lane] = laneIds(a.doc);
      addNote(a.doc, { stageId: stage!, laneId: lane!, text: 'saved?', author: alice });
      // write 1 was the reply to the join SyncStep1, write 2 this note
      await waitFor(() => saved.includes(2), 'saved 2 reached the stock client');
      await waitFor(() => texts(b.doc).includes('saved?'), 'the note reached the other client');
      expect(errors).toEqual([]);
    } finally {
      console.error = originalError;
    }
  });
});
