import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readBoard } from '../../shared/board/snapshot.js';
import { addNote, deleteNote, initBoard } from '../../shared/board/write.js';
import { CLOSE } from '../../shared/protocol.js';
import { sessionRoots } from '../../shared/session/read.js';
import { setLocked } from '../../shared/session/write.js';
import { isLocked, isNoopUpdate, lockVerdict } from './lock.js';

const ana = { id: 'member-ana', name: 'Ana', role: 'customer' as const, department: '' };

/** A server board doc and a client that synced it; returns the client's next update as bytes. */
function boardPair() {
  const server = new Y.Doc();
  initBoard(server, { title: 'Lock', createdAt: 1 });
  const snap = readBoard(server);
  const noteId = addNote(server, { stageId: snap.stages[0]!.id, laneId: snap.lanes[0]!.id, text: 'x', author: ana });
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const nextUpdate = (change: (doc: Y.Doc) => void): Uint8Array => {
    let captured: Uint8Array | undefined;
    const listener = (u: Uint8Array): void => {
      captured = u;
    };
    client.on('update', listener);
    change(client);
    client.off('update', listener);
    if (!captured) throw new Error('no update');
    return captured;
  };
  return { server, client, snap, noteId, nextUpdate };
}

describe('board lock policy', () => {
  it('facilitator always, participant unless locked, projector never', () => {
    const { server, snap, nextUpdate } = boardPair();
    const update = nextUpdate((doc) => addNote(doc, { stageId: snap.stages[0]!.id, laneId: snap.lanes[0]!.id, text: 'new', author: ana }));
    const session = new Y.Doc();
    expect(isLocked(session)).toBe(false);
    expect(lockVerdict('facilitator', session, server, update)).toEqual({ ok: true, apply: true });
    expect(lockVerdict('participant', session, server, update)).toEqual({ ok: true, apply: true });
    expect(lockVerdict('projector', session, server, update)).toEqual({ ok: true, apply: false });
    setLocked(session, true);
    expect(isLocked(session)).toBe(true);
    expect(lockVerdict('facilitator', session, server, update)).toEqual({ ok: true, apply: true });
    expect(lockVerdict('participant', session, server, update)).toMatchObject({ ok: false, code: CLOSE.tryAgainLater });
    expect(lockVerdict('projector', session, server, update)).toEqual({ ok: true, apply: false });
  });

  it('only a literal true locks', () => {
    const { server, snap, nextUpdate } = boardPair();
    const update = nextUpdate((doc) => addNote(doc, { stageId: snap.stages[0]!.id, laneId: snap.lanes[0]!.id, text: 'new', author: ana }));
    const session = new Y.Doc();
    sessionRoots(session).state.set('locked', 'true');
    expect(isLocked(session)).toBe(false);
    expect(lockVerdict('participant', session, server, update)).toEqual({ ok: true, apply: true });
  });
});

describe('lockVerdict', () => {
  it('refuses a participant change while locked with a retryable code, and applies it once unlocked', () => {
    const { server, snap, nextUpdate } = boardPair();
    const session = new Y.Doc();
    setLocked(session, true);
    const update = nextUpdate((doc) => addNote(doc, { stageId: snap.stages[0]!.id, laneId: snap.lanes[0]!.id, text: 'sneaky', author: ana }));
    expect(lockVerdict('participant', session, server, update)).toEqual({ ok: false, code: CLOSE.tryAgainLater, reason: expect.stringContaining('locked') });
    expect(lockVerdict('facilitator', session, server, update)).toEqual({ ok: true, apply: true });
    expect(lockVerdict('participant', undefined, server, update).ok).toBe(false);
    setLocked(session, false);
    expect(lockVerdict('participant', session, server, update)).toEqual({ ok: true, apply: true });
  });

  it('lets a locked participant connect: the state it sends on connect changes nothing and is dropped', () => {
    const { server, client, noteId, nextUpdate } = boardPair();
    const session = new Y.Doc();
    setLocked(session, true);
    // What the stock client sends in answer to the server's SyncStep1 when it has nothing new.
    const syncStep2 = Y.encodeStateAsUpdate(client, Y.encodeStateVector(server));
    expect(lockVerdict('participant', session, server, syncStep2)).toEqual({ ok: true, apply: false });
    expect(isNoopUpdate(server, Y.encodeStateAsUpdate(client))).toBe(true);
    // A deletion is a change too.
    const deletion = nextUpdate((doc) => deleteNote(doc, noteId));
    expect(isNoopUpdate(server, deletion)).toBe(false);
    expect(lockVerdict('participant', session, server, deletion).ok).toBe(false);
    Y.applyUpdate(server, deletion);
    expect(isNoopUpdate(server, deletion)).toBe(true);
  });

  it('treats bytes that are not an update as a change', () => {
    const { server } = boardPair();
    expect(isNoopUpdate(server, Uint8Array.of(9, 9, 9))).toBe(false);
  });
});
