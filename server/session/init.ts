/** The session doc a new board starts with, created once on the server so facilitators never race to create it. */
import * as Y from 'yjs';
import { sessionDocAddress } from '../../shared/protocol.js';
import { initSession } from '../../shared/session/write.js';
import type { InitialDoc } from '../persistence/board-directory.js';

/** The initial session doc of a new board as an update to store with it: the default agenda, first phase current. */
export function initialSessionDoc(boardId: string): InitialDoc {
  const doc = new Y.Doc();
  try {
    initSession(doc);
    return { doc: sessionDocAddress(boardId), update: Y.encodeStateAsUpdate(doc) };
  } finally {
    doc.destroy();
  }
}
