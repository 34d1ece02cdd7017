/** The session doc a new board starts with, created once on the server so facilitators never race to create it. */
import * as Y from 'yjs';
import { initSession } from '../../shared/session/write.js';

/** Storage key of the session doc (shared/protocol.ts docKey for kind `session`). */
export const SESSION_DOC_KEY = 'session';

/** The initial session doc as an update to store with the board: the default agenda, first phase current. */
export function initialSessionDoc(): { docKey: string; update: Uint8Array } {
  const doc = new Y.Doc();
  try {
    initSession(doc);
    return { docKey: SESSION_DOC_KEY, update: Y.encodeStateAsUpdate(doc) };
  } finally {
    doc.destroy();
  }
}
