import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DEFAULT_AGENDA } from '../../shared/session/schema.js';
import { openVote } from '../../shared/session/write.js';
import { sampleBoard, sampleMember } from '../persistence/contract-fixture.js';
import { MemoryStore } from '../persistence/memory-store.js';
import { initialSessionDoc } from './init.js';
import type { LiveDocs } from './live-docs.js';
import { summaryContext } from './summary-context.js';
import { at } from '../../test/helpers/doc-address.js';

describe('summaryContext', () => {
  it('reads the session doc a new board starts with, attendance and checkpoints', async () => {
    const store = new MemoryStore();
    const initial = initialSessionDoc('board-0001');
    expect(initial.doc).toEqual({ kind: 'session', boardId: 'board-0001' });
    await store.createBoard(sampleBoard(), [initial]);
    await store.addMember(sampleMember('board-0001', 'member-a'));
    const visit = await store.recordJoin('board-0001', 'member-a', 1000);
    await store.recordLeave(visit, 4000);
    await store.createCheckpoint({ id: 'cp-1', boardId: 'board-0001', name: 'End', createdAt: 5, boardState: Uint8Array.of(0, 0), sessionState: Uint8Array.of(0, 0) });

    const doc = new Y.Doc();
    const stored = await store.loadDoc(at('board-0001', 'session'));
    Y.applyUpdate(doc, stored.snapshot!);
    openVote(doc, { dotsPerPerson: 5 }, 10);
    let released = 0;
    const docs: LiveDocs = {
      acquire: async () => ({ doc, isLive: true, release: () => (released += 1) }),
      loadedPrivateMembers: () => [],
      catchUp: () => Promise.resolve({ privateMembers: [], apply: () => undefined }),
    };

    const context = await summaryContext('board-0001', { store, docs, now: 9000 });
    expect(context.session.agenda.map((p) => p.title)).toEqual([...DEFAULT_AGENDA]);
    expect(context.session.vote.dotsPerPerson).toBe(5);
    expect(context.attendance).toEqual([
      { memberId: 'member-a', name: 'Name member-a', role: 'customer', department: 'Sales', firstJoinedAt: 1000, lastSeenAt: 4000, totalMs: 3000 },
    ]);
    expect(context.checkpoints).toEqual([{ id: 'cp-1', name: 'End', createdAt: 5 }]);
    expect(released).toBe(1);
  });
});
