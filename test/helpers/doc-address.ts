/** Test shorthand: the typed address of a board's doc from a storage key (`board`, `session`, `private:<id>`). */
import { PRIVATE_DOC_KEY_PREFIX, boardDocAddress, privateDocAddress, sessionDocAddress, type DocAddress } from '../../shared/protocol.js';

/** `at('b1', 'session')` is the session doc of board b1. */
export function at(boardId: string, key: string): DocAddress {
  if (key === 'board') return boardDocAddress(boardId);
  if (key === 'session') return sessionDocAddress(boardId);
  if (key.startsWith(PRIVATE_DOC_KEY_PREFIX)) return privateDocAddress(boardId, key.slice(PRIVATE_DOC_KEY_PREFIX.length));
  throw new Error(`not a doc key: ${key}`);
}
