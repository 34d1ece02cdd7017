import { describe, expect, it } from 'vitest';
import { readBoard } from '../../shared/board/snapshot.js';
import { addNote } from '../../shared/board/write.js';
import { boardDocAddress } from '../../shared/protocol.js';
import { createLogger } from '../logger.js';
import { STORE_ERROR } from '../persistence/store-error.js';
import { createCheckpointService } from './checkpoint-service.js';
import { withLiveDocs } from './live-docs.js';
import { serviceHarness } from '../../test/helpers/services.js';

const ana = { id: 'member-ana', name: 'Ana', role: 'customer' as const, department: '' };

describe('checkpoint service', () => {
  it('takes, lists and opens a checkpoint; restores it as a change and undoes the restore', async () => {
    const h = await serviceHarness();
    let clock = 1000;
    const service = createCheckpointService({ store: h.store, docs: h.docs, logger: createLogger('silent'), now: () => clock++ });
    const taken = await service.take(h.boardId, 'Empty map');
    expect(await service.list(h.boardId)).toEqual([taken]);
    const before = await service.open(h.boardId, taken.id);
    expect(before.notes).toEqual([]);

    await withLiveDocs(h.docs, [boardDocAddress(h.boardId)], ([live]) => {
      const snap = readBoard(live!.doc);
      addNote(live!.doc, { stageId: snap.stages[0]!.id, laneId: snap.lanes[0]!.id, text: 'after the checkpoint', author: ana });
    });
    const restored = await service.restore(h.boardId, taken.id);
    expect(restored.restored).toEqual(taken);
    expect(restored.undo.name).toMatch(/^Before restoring .*Empty map/);
    const liveNotes = () => withLiveDocs(h.docs, [boardDocAddress(h.boardId)], ([live]) => readBoard(live!.doc).notes.map((n) => n.text));
    expect(await liveNotes()).toEqual([]);

    await service.restore(h.boardId, restored.undo.id);
    expect(await liveNotes()).toEqual(['after the checkpoint']);
    const names = (await service.list(h.boardId)).map((c) => c.name);
    expect(names).toHaveLength(3);
    expect(names.slice(0, 2)).toEqual(['Empty map', restored.undo.name]);
  });

  it('reverts a restore whose undo checkpoint cannot be stored, and refuses unknown checkpoints', async () => {
    const h = await serviceHarness();
    const service = createCheckpointService({ store: h.store, docs: h.docs, logger: createLogger('silent'), now: () => 5 });
    const taken = await service.take(h.boardId, 'Empty map');
    await withLiveDocs(h.docs, [boardDocAddress(h.boardId)], ([live]) => {
      const snap = readBoard(live!.doc);
      addNote(live!.doc, { stageId: snap.stages[0]!.id, laneId: snap.lanes[0]!.id, text: 'keep me', author: ana });
    });
    h.store.failWrites(new Error('disk full'));
    await expect(service.restore(h.boardId, taken.id)).rejects.toThrow('disk full');
    h.store.failWrites(null);
    const texts = await withLiveDocs(h.docs, [boardDocAddress(h.boardId)], ([live]) => readBoard(live!.doc).notes.map((n) => n.text));
    expect(texts).toEqual(['keep me']);
    await expect(service.open(h.boardId, 'no-such-checkpoint')).rejects.toMatchObject({ code: 'not_found' });
    await expect(service.restore(h.boardId, 'no-such-checkpoint')).rejects.toMatchObject({ code: 'not_found' });
    await expect(service.take('board-none', 'x')).rejects.toMatchObject({ code: STORE_ERROR.notFound });
  });
});
