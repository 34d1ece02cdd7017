import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import * as Y from 'yjs';
import type { CheckpointListResponse, RestoreResponse, RevealResponse, AttendanceResponse } from '../../shared/session/api.js';
import { readBoard, type BoardSnapshot } from '../../shared/board/snapshot.js';
import { addNote, deleteNote } from '../../shared/board/write.js';
import { addDraft, readDrafts } from '../../shared/session/drafts.js';
import { readSession } from '../../shared/session/read.js';
import { setPrivateMode } from '../../shared/session/write.js';
import type { CheckpointInfo } from '../../shared/session/schema.js';
import { createBoard, joinMember, type TestBoard } from '../../test/helpers/api.js';
import { connectClient, synced, waitFor } from '../../test/helpers/clients.js';
import { tempDir } from '../../test/helpers/server.js';
import { defaultConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { SqliteStore } from '../persistence/sqlite-store.js';
import { createServer, type JourneyroomServer } from '../server.js';
import { AttendanceTracker } from '../facilitation/attendance-tracker.js';
import { at } from '../../test/helpers/doc-address.js';

interface Harness {
  server: JourneyroomServer;
  store: SqliteStore;
  /** the real sync server and board API */
  url: string;
  wsUrl: string;
  /** the session routes, on the same store and registry */
  api: string;
  tracker: AttendanceTracker;
}

/** The real server (sync + board API) plus an app mounting the session routes on its registry and store. */
async function start(): Promise<Harness> {
  const dir = await tempDir();
  const config = defaultConfig({ port: 0, host: '127.0.0.1', dataDir: dir, logLevel: 'silent', clientDir: path.join(dir, 'none') });
  const logger = createLogger('silent');
  const store = await SqliteStore.open(path.join(dir, 'journeyroom.sqlite'), logger);
  const server = createServer({ config, store, logger });
  const { url } = await server.listen();
  onTestFinished(() => server.close());
  return { server, store, url, wsUrl: url.replace(/^http/, 'ws') + '/ws', api: url, tracker: server.attendance };
}

async function call<T>(h: Harness, method: string, route: string, token: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${h.api}${route}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

function content(snapshot: BoardSnapshot): Omit<BoardSnapshot, 'problems'> {
  const { problems: _problems, ...rest } = snapshot;
  return rest;
}

async function liveBoard(h: Harness, board: TestBoard): Promise<Y.Doc> {
  const room = await h.server.registry.getRoom({ boardId: board.id, kind: 'board' });
  onTestFinished(() => h.server.registry.releaseIfIdle(room));
  return room.doc;
}

const ana = { id: 'member-ana', name: 'Ana', role: 'customer' as const, department: '' };

describe('checkpoint routes', () => {
  it('takes, lists, opens, restores and undoes a checkpoint; peers see the restore', async () => {
    const h = await start();
    const board = await createBoard(h.url);
    const { facilitator, participant, projector } = board.tokens;
    const peer = connectClient(h.wsUrl, board.id, { token: participant });
    await synced(peer);
    const doc = await liveBoard(h, board);
    const snap = readBoard(doc);
    const kept = addNote(doc, { stageId: snap.stages[0]!.id, laneId: snap.lanes[0]!.id, text: 'kept', author: ana });

    expect((await call(h, 'POST', `/api/boards/${board.id}/checkpoints`, participant, { name: 'x' })).status).toBe(403);
    expect((await call(h, 'POST', `/api/boards/${board.id}/checkpoints`, facilitator, { name: '  ' })).status).toBe(400);
    const taken = await call<CheckpointInfo>(h, 'POST', `/api/boards/${board.id}/checkpoints`, facilitator, { name: 'End of session 1' });
    expect(taken.status).toBe(201);
    expect(taken.body.name).toBe('End of session 1');
    const atCheckpoint = content(readBoard(doc));

    // After the checkpoint: one note deleted, one added.
    deleteNote(doc, kept);
    addNote(doc, { stageId: snap.stages[1]!.id, laneId: snap.lanes[1]!.id, text: 'later', author: ana });
    const afterEdits = content(readBoard(doc));

    expect((await call(h, 'GET', `/api/boards/${board.id}/checkpoints`, projector)).status).toBe(403);
    const list = await call<CheckpointListResponse>(h, 'GET', `/api/boards/${board.id}/checkpoints`, participant);
    expect(list.body.checkpoints).toEqual([taken.body]);
    const opened = await call<BoardSnapshot>(h, 'GET', `/api/boards/${board.id}/checkpoints/${taken.body.id}`, participant);
    expect(content(opened.body)).toEqual(atCheckpoint);
    expect((await call(h, 'GET', `/api/boards/${board.id}/checkpoints/nope-nope`, participant)).status).toBe(404);
    expect((await call(h, 'GET', `/api/boards/${board.id}/checkpoints/..%2F..`, participant)).status).toBe(404);

    expect((await call(h, 'POST', `/api/boards/${board.id}/checkpoints/${taken.body.id}/restore`, participant, {})).status).toBe(403);
    const restored = await call<RestoreResponse>(h, 'POST', `/api/boards/${board.id}/checkpoints/${taken.body.id}/restore`, facilitator, {});
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ restored: taken.body, notesRemoved: 1, notesRecreated: 1 });
    expect(restored.body.undo.name).toMatch(/^Before restoring 'End of session 1' \(\d\d:\d\d\)$/);
    expect(content(readBoard(doc))).toEqual(atCheckpoint);
    // A connected participant receives the restore as an ordinary update.
    await waitFor(() => JSON.stringify(content(readBoard(peer.doc))) === JSON.stringify(atCheckpoint), 'peer sees the restore');

    const undone = await call<RestoreResponse>(h, 'POST', `/api/boards/${board.id}/checkpoints/${restored.body.undo.id}/restore`, facilitator, {});
    expect(undone.status).toBe(200);
    expect(content(readBoard(doc))).toEqual(afterEdits);
    await waitFor(() => JSON.stringify(content(readBoard(peer.doc))) === JSON.stringify(afterEdits), 'peer sees the undo');
    const names = (await call<CheckpointListResponse>(h, 'GET', `/api/boards/${board.id}/checkpoints`, facilitator)).body.checkpoints.map((c) => c.name);
    expect(names).toHaveLength(3);
    expect(names.filter((n) => n.startsWith("Before undoing the restore of 'End of session 1' ("))).toHaveLength(1);
    expect(names.some((n) => n.includes('Before restoring Before'))).toBe(false);
  });

  it('refuses bad checkpoint and reveal requests with clear JSON errors and stores nothing', async () => {
    const h = await start();
    const board = await createBoard(h.url);
    const route = `/api/boards/${board.id}/checkpoints`;
    type Err = { error: { code: string; message: string } };
    const empty = await call<Err>(h, 'POST', route, board.tokens.facilitator, { name: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('invalid_body');
    expect((await call<Err>(h, 'POST', route, board.tokens.facilitator, { name: 'x'.repeat(81) })).status).toBe(400);
    expect((await call<Err>(h, 'POST', route, board.tokens.facilitator, { name: 'ok', extra: true })).status).toBe(400);
    expect((await call<Err>(h, 'POST', route, board.tokens.facilitator, [])).status).toBe(400);
    const asText = await fetch(`${h.api}${route}`, { method: 'POST', headers: { authorization: `Bearer ${board.tokens.facilitator}`, 'content-type': 'text/plain' }, body: 'name' });
    expect(asText.status).toBe(415);
    expect((await call<Err>(h, 'POST', route, board.tokens.participant, { name: 'mine' })).status).toBe(403);
    expect((await call<Err>(h, 'POST', `${route}/no-such-checkpoint/restore`, board.tokens.facilitator, {})).status).toBe(404);
    expect((await call<Err>(h, 'GET', `${route}/bad id!`, board.tokens.facilitator)).status).toBe(404);
    expect((await call<Err>(h, 'POST', `/api/boards/${board.id}/reveal`, board.tokens.participant, {})).status).toBe(403);
    const list = await call<{ checkpoints: unknown[] }>(h, 'GET', route, board.tokens.facilitator);
    expect(list.body.checkpoints).toEqual([]);
  });

  it('answers JSON errors for unknown boards and missing tokens', async () => {
    const h = await start();
    const board = await createBoard(h.url);
    expect((await call(h, 'GET', `/api/boards/unknown-board-id/checkpoints`, board.tokens.facilitator)).status).toBe(404);
    const res = await call<{ error: { code: string } }>(h, 'GET', `/api/boards/${board.id}/checkpoints`, 'wrong-token');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthorized');
  });
});

describe('reveal route', () => {
  it('reveals drafts of a connected member and of a stored-only private doc at once under fresh ids, even past a planted id', async () => {
    const h = await start();
    const board = await createBoard(h.url);
    const { facilitator, participant } = board.tokens;
    const member = await joinMember(h.url, board.id, participant, { name: 'Ana', role: 'customer', department: '' });
    const other = await joinMember(h.url, board.id, participant, { name: 'Bo', role: 'stakeholder', department: 'Support' });
    const doc = await liveBoard(h, board);
    const snap = readBoard(doc);
    const pains = snap.lanes.find((l) => l.kind === 'pains')!;
    const author = { id: member.memberId, name: 'Ana', role: 'customer' as const, department: '' };

    // Ana is connected with her private doc; Bo wrote drafts earlier and left (his doc is only in storage).
    const anaDrafts = connectClient(h.wsUrl, `${board.id}/private/${member.memberId}`, { token: participant, member: member.memberKey });
    await synced(anaDrafts);
    const draftId = addDraft(anaDrafts.doc, { stageId: snap.stages[0]!.id, laneId: pains.id, laneKind: 'pains', text: 'hidden pain', author, createdAt: 1 });
    const boDoc = new Y.Doc();
    const boDraft = addDraft(boDoc, {
      stageId: snap.stages[1]!.id,
      laneId: pains.id,
      laneKind: 'pains',
      text: 'long hold',
      author: { id: other.memberId, name: 'Someone else', role: 'facilitator', department: '' },
      createdAt: 2,
    });
    await h.store.write({ appends: [{ doc: at(board.id, `private:${other.memberId}`), update: Y.encodeStateAsUpdate(boDoc) }], compactions: [] });
    const viewer = connectClient(h.wsUrl, board.id, { token: participant });
    await synced(viewer);
    const session = await h.server.registry.getRoom({ boardId: board.id, kind: 'session' });
    setPrivateMode(session.doc, true, Date.now());
    await waitFor(async () => {
      const room = h.server.registry.peek({ boardId: board.id, kind: 'private', memberId: member.memberId });
      return room !== undefined && readDrafts(room.doc).length === 1;
    }, 'draft reached the server');
    expect(readBoard(viewer.doc).notes).toEqual([]);

    // Bo learned Ana's draft id somehow and plants a note of his own under it before the reveal.
    const bo = connectClient(h.wsUrl, board.id, { token: participant, member: other.memberKey });
    await synced(bo);
    addNote(bo.doc, { id: draftId, stageId: snap.stages[0]!.id, laneId: pains.id, text: 'planted', author: { id: other.memberId, name: 'Bo', role: 'stakeholder', department: 'Support' } });
    await waitFor(() => readBoard(viewer.doc).notes.some((n) => n.id === draftId), 'planted note arrived');

    expect((await call(h, 'POST', `/api/boards/${board.id}/reveal`, participant, {})).status).toBe(403);
    expect((await call(h, 'POST', `/api/boards/${board.id}/reveal`, facilitator, { keepPrivateMode: 'yes' })).status).toBe(400);
    const revealed = await call<RevealResponse>(h, 'POST', `/api/boards/${board.id}/reveal`, facilitator, {});
    expect(revealed.status).toBe(200);
    expect(revealed.body).toMatchObject({ revealed: 2, relocated: 0, skipped: [], byMember: { [member.memberId]: 1, [other.memberId]: 1 } });

    const notes = new Map(readBoard(doc).notes.map((n) => [n.text, n]));
    // Ana's draft landed under a fresh id; the planted note stayed Bo's and replaced nothing.
    expect(notes.get('hidden pain')).toMatchObject({ authorId: member.memberId });
    expect(notes.get('hidden pain')?.id).not.toBe(draftId);
    expect(notes.get('planted')).toMatchObject({ id: draftId, authorId: other.memberId });
    // The author is stamped from the member record, not from what the draft claimed.
    expect(notes.get('long hold')).toMatchObject({ authorName: 'Bo', authorRole: 'stakeholder', department: 'Support' });
    expect(notes.get('long hold')?.id).not.toBe(boDraft);
    await waitFor(() => readBoard(viewer.doc).notes.length === 3, 'viewer sees the revealed notes');
    await waitFor(() => readDrafts(anaDrafts.doc).length === 0, 'author drafts cleared');
    expect(readSession(session.doc).privateMode).toMatchObject({ on: false, revealedAt: revealed.body.revealedAt });
    h.server.registry.releaseIfIdle(session);
  });
});

describe('attendance and time routes', () => {
  it('folds recorded sessions per member, facilitator only', async () => {
    const h = await start();
    const board = await createBoard(h.url);
    const member = await joinMember(h.url, board.id, board.tokens.participant, { name: 'Ana', role: 'customer', department: '' });
    const leaveFirst = h.tracker.connected(board.id, member.memberId);
    const leaveSecondTab = h.tracker.connected(board.id, member.memberId);
    leaveFirst();
    await h.tracker.settle();
    expect((await call(h, 'GET', `/api/boards/${board.id}/attendance`, board.tokens.participant)).status).toBe(403);
    const res = await call<AttendanceResponse>(h, 'GET', `/api/boards/${board.id}/attendance`, board.tokens.facilitator);
    expect(res.status).toBe(200);
    expect(res.body.attendance).toHaveLength(1);
    expect(res.body.attendance[0]).toMatchObject({ memberId: member.memberId, name: 'Ana', role: 'customer' });
    leaveSecondTab();
    await h.tracker.settle();
    expect(h.tracker.liveVisitIds().size).toBe(0);
    const stored = await h.store.listAttendance(board.id);
    expect(stored.every((s) => s.leftAt !== null)).toBe(true);
  });

  it('GET /api/time answers the server clock', async () => {
    const h = await start();
    const before = Date.now();
    const res = await fetch(`${h.api}/api/time`);
    const body = (await res.json()) as { now: number };
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(body.now).toBeGreaterThanOrEqual(before);
    expect(body.now).toBeLessThanOrEqual(Date.now());
  });
});
