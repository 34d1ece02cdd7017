/** Test harness for the facilitation services: a real registry, write queue and memory store, no server. */
import { onTestFinished } from 'vitest';
import * as Y from 'yjs';
import { initBoard } from '../../shared/board/write.js';
import { boardDocAddress } from '../../shared/protocol.js';
import { createLogger } from '../../server/logger.js';
import { sampleBoard } from '../../server/persistence/contract-fixture.js';
import { MemoryStore } from '../../server/persistence/memory-store.js';
import { RoomRegistry } from '../../server/rooms/registry.js';
import { WriteQueue } from '../../server/rooms/write-queue.js';
import { initialSessionDoc } from '../../server/facilitation/init.js';
import { registryLiveDocs, type LiveDocs } from '../../server/facilitation/live-docs.js';

/** The parts a service runs on. */
export interface ServiceHarness {
  store: MemoryStore;
  registry: RoomRegistry;
  docs: LiveDocs;
  boardId: string;
}

/** A board `board-0001` (default template) in a memory store, with the registry and write queue on top. */
export async function serviceHarness(): Promise<ServiceHarness> {
  const logger = createLogger('silent');
  const store = new MemoryStore();
  const queue = new WriteQueue({ store, flushDelayMs: 5, compactAfterUpdates: 100, maxPendingBytes: 1 << 20, logger });
  const registry = new RoomRegistry({ store, queue, logger, idleUnloadMs: 60_000 });
  onTestFinished(async () => {
    await registry.close(1001);
    await queue.close(1000).catch(() => undefined);
  });
  const boardId = 'board-0001';
  const doc = new Y.Doc();
  initBoard(doc, { title: 'Services', createdAt: 1 });
  await store.createBoard(sampleBoard(boardId), [{ doc: boardDocAddress(boardId), update: Y.encodeStateAsUpdate(doc) }, initialSessionDoc(boardId)]);
  doc.destroy();
  return { store, registry, docs: registryLiveDocs(registry), boardId };
}
