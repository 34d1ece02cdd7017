/**
 * Companion docs: in the scale-out mode an instance holds, beside a connection's own doc, the docs the server
 * needs to derive facts about that connection, because the load balancer may have put the member's other
 * sockets on other instances. Held (loaded, replicated, kept from unloading) while the connection lives:
 * - a member's board connection: their private doc, whose drafts are counted into their presence here
 *   (draft-presence.ts);
 * - a private connection: the board doc (and with it the session doc), into which the ballots accepted here
 *   are tallied (facilitation/vote-watch.ts).
 * In the embedded mode every socket is on the one instance and nothing extra is held.
 */
import { boardDocAddress, isMemberId, privateDocAddress, type DocAddress } from '../../shared/protocol.js';
import type { Grant } from './connection.js';

/** The docs to hold beside a connection's own in the scale-out mode. */
export function companionAddresses(grant: Grant): DocAddress[] {
  const { address } = grant;
  if (address.kind === 'board' && isMemberId(grant.user.memberId)) return [privateDocAddress(address.boardId, grant.user.memberId)];
  if (address.kind === 'private') return [boardDocAddress(address.boardId)];
  return [];
}
