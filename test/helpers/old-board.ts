/** A board as the release before schema v2 stored it, written straight into a SQLite data dir. */
import path from 'node:path';
import * as Y from 'yjs';
import { hashSecret, newSecret } from '../../server/auth/tokens.js';
import { createLogger } from '../../server/logger.js';
import { SqliteStore } from '../../server/persistence/sqlite-store.js';
import { boardRoots } from '../../shared/board/doc.js';
import { initBoard } from '../../shared/board/write.js';
import { boardDocAddress } from '../../shared/protocol.js';

/** Stores board `id` under schema version 1 (no actions root) in `dataDir`; returns its doc and facilitator token. */
export async function storeSchemaV1Board(dataDir: string, id: string): Promise<{ doc: Y.Doc; token: string }> {
  const doc = new Y.Doc();
  const createdAt = Date.UTC(2026, 0, 5);
  initBoard(doc, { title: 'Old journey', createdAt });
  boardRoots(doc).meta.set('schemaVersion', 1);
  const token = newSecret();
  const store = await SqliteStore.open(path.join(dataDir, 'journeyroom.sqlite'), createLogger('silent'));
  try {
    await store.createBoard(
      { id, title: 'Old journey', createdAt, tokenHashes: { facilitator: hashSecret(token), participant: hashSecret(newSecret()), projector: hashSecret(newSecret()) }, joinCode: '' },
      [{ doc: boardDocAddress(id), update: Y.encodeStateAsUpdate(doc) }],
    );
  } finally {
    await store.close();
  }
  return { doc, token };
}
