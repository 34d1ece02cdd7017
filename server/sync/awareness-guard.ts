/**
 * Rewrites a client's awareness update before the room applies it: a connection may only set or remove the
 * awareness clientIDs it introduced (first come claims), a state is at most MAX_AWARENESS_STATE_BYTES of JSON,
 * and `state.user` is replaced by the identity the server knows, so nobody can claim another name or role.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { CLOSE, MAX_AWARENESS_STATE_BYTES, type PresenceUser } from '../../shared/protocol.js';
import { refuse, type Refusal } from '../app-error.js';

/** Most clientIDs one connection may introduce (a tab has one; reconnects reuse it). */
export const MAX_CLIENT_IDS_PER_CONNECTION = 8;
/** Most entries accepted in one awareness update. */
const MAX_ENTRIES = 64;

/** The rewritten update and which clientIDs it claims or releases, or a refusal. */
export type AwarenessVerdict =
  | { ok: true; update: Uint8Array | null; claimed: number[]; released: number[]; dropped: number }
  | Refusal;

/**
 * Filters `update` from connection `connId`. `owners` maps clientID -> owning connId for the room (read only
 * here; the caller records the claims once the update is applied). Never throws.
 */
export function filterAwareness(
  update: Uint8Array,
  connId: string,
  owners: ReadonlyMap<number, string>,
  ownedCount: number,
  user: PresenceUser,
  /** stamps further server facts into each kept state (see presence-facts.ts) */
  stamp?: (state: Record<string, unknown>) => void,
): AwarenessVerdict {
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    if (count > MAX_ENTRIES) return refuse(CLOSE.malformed, `awareness update with ${count} entries`);
    const encoder = encoding.createEncoder();
    const kept: { clientID: number; clock: number; json: string }[] = [];
    const claimed: number[] = [];
    const released: number[] = [];
    let dropped = 0;
    for (let i = 0; i < count; i++) {
      const clientID = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const raw = decoding.readVarString(decoder);
      if (Buffer.byteLength(raw, 'utf8') > MAX_AWARENESS_STATE_BYTES) {
        return refuse(CLOSE.contentTooLarge, `awareness state of ${raw.length} characters`);
      }
      const owner = owners.get(clientID);
      if (owner !== undefined && owner !== connId) {
        dropped++;
        continue;
      }
      const state: unknown = JSON.parse(raw);
      if (state === null) {
        if (owner === connId) released.push(clientID);
        kept.push({ clientID, clock, json: 'null' });
        continue;
      }
      if (typeof state !== 'object' || Array.isArray(state)) return refuse(CLOSE.malformed, 'awareness state is not an object');
      if (owner === undefined) {
        if (ownedCount + claimed.length >= MAX_CLIENT_IDS_PER_CONNECTION) {
          dropped++;
          continue;
        }
        claimed.push(clientID);
      }
      // Fresh object: never merge request data into a prototype-bearing object.
      const stamped: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
      for (const [key, value] of Object.entries(state as Record<string, unknown>)) if (key !== 'user') stamped[key] = value;
      stamped.user = user;
      stamp?.(stamped);
      kept.push({ clientID, clock, json: JSON.stringify(stamped) });
    }
    if (kept.length === 0) return { ok: true, update: null, claimed, released, dropped };
    encoding.writeVarUint(encoder, kept.length);
    for (const entry of kept) {
      encoding.writeVarUint(encoder, entry.clientID);
      encoding.writeVarUint(encoder, entry.clock);
      encoding.writeVarString(encoder, entry.json);
    }
    return { ok: true, update: encoding.toUint8Array(encoder), claimed, released, dropped };
  } catch (error) {
    return refuse(CLOSE.malformed, `undecodable awareness update: ${(error as Error).message}`);
  }
}
