import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readBoard } from '../../shared/board/snapshot.js';
import { privateDocAddress, sessionDocAddress } from '../../shared/protocol.js';
import { addDraft, readDrafts } from '../../shared/session/drafts.js';
import { readSession } from '../../shared/session/read.js';
import { setPrivateMode } from '../../shared/session/write.js';
import { createLogger } from '../logger.js';
import { sampleMember } from '../persistence/contract-fixture.js';
import { withLiveDocs, type LiveDocs } from './live-docs.js';
import { revealBoardDrafts, revealNoteIds } from './reveal-service.js';
import { serviceHarness } from '../../test/helpers/services.js';

describe('reveal service', () => {
  it('reveals stored and loaded drafts of every member at once, stamps the member as author and ends private mode', async () => {
    const h = await serviceHarness();
    await h.store.addMember({ ...sampleMember(h.boardId, 'member-ana1'), name: 'Ana' });
    await h.store.addMember({ ...sampleMember(h.boardId, 'member-bob1'), name: 'Bob', role: 'stakeholder' });
    const boardSnap = await withLiveDocs(h.docs, [{ kind: 'board', boardId: h.boardId }], ([live]) => readBoard(live!.doc));
    const cell = { stageId: boardSnap.stages[0]!.id, laneId: boardSnap.lanes.find((l) => l.kind === 'pains')!.id, laneKind: 'pains' as const };
    // Bob's drafts are only in storage; Ana's doc is loaded (and holds a draft not stored yet).
    const bobDoc = new Y.Doc();
    addDraft(bobDoc, { ...cell, text: 'hold music', author: { id: 'member-bob1', name: 'Mallory', role: 'customer', department: '' }, createdAt: 1 });
    await h.store.write({ appends: [{ doc: privateDocAddress(h.boardId, 'member-bob1'), update: Y.encodeStateAsUpdate(bobDoc) }], compactions: [] });
    const anaRoom = await h.registry.getRoom(privateDocAddress(h.boardId, 'member-ana1'));
    anaRoom.hold();
    addDraft(anaRoom.doc, { ...cell, text: 'slow refunds', author: { id: 'member-ana1', name: 'Ana', role: 'customer', department: '' }, createdAt: 2 });
    await withLiveDocs(h.docs, [sessionDocAddress(h.boardId)], ([live]) => setPrivateMode(live!.doc, true, 1));

    const result = await revealBoardDrafts({ store: h.store, docs: h.docs, logger: createLogger('silent'), now: () => 50 }, h.boardId, { keepPrivateMode: false, noteIdFor: revealNoteIds('board-secret') });
    expect(result).toMatchObject({ revealed: 2, relocated: 0, skipped: [], byMember: { 'member-ana1': 1, 'member-bob1': 1 }, revealedAt: 50 });
    const after = await withLiveDocs(h.docs, [{ kind: 'board', boardId: h.boardId }, sessionDocAddress(h.boardId)], ([board, session]) => ({
      notes: readBoard(board!.doc).notes.map((n) => `${n.text} by ${n.authorName}`).sort(),
      privateMode: readSession(session!.doc).privateMode,
    }));
    expect(after.notes).toEqual(['hold music by Bob', 'slow refunds by Ana']);
    expect(after.privateMode).toMatchObject({ on: false, revealedAt: 50 });
    expect(readDrafts(anaRoom.doc)).toEqual([]);
    anaRoom.unhold();
  });

  it('gives every borrowed doc back when one of them cannot be loaded', async () => {
    const h = await serviceHarness();
    let borrowed = 0;
    const counting: LiveDocs = {
      async acquire(address) {
        const live = await h.docs.acquire(address);
        borrowed += 1;
        return {
          doc: live.doc,
          get isLive() {
            return live.isLive;
          },
          release() {
            borrowed -= 1;
            live.release();
          },
        };
      },
      loadedPrivateMembers: (boardId) => h.docs.loadedPrivateMembers(boardId),
      catchUp: (boardId) => h.docs.catchUp(boardId),
    };
    const bad = { kind: 'private', boardId: h.boardId, memberId: '' } as const;
    await expect(withLiveDocs(counting, [{ kind: 'board', boardId: h.boardId }, bad], () => 'unreachable')).rejects.toMatchObject({
      code: 'room_load_failed',
    });
    expect(borrowed).toBe(0);
    await expect(withLiveDocs(counting, [{ kind: 'board', boardId: h.boardId }], () => Promise.reject(new Error('use failed')))).rejects.toThrow('use failed');
    expect(borrowed).toBe(0);
  });
});
