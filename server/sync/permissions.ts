/**
 * The facilitator's permission switches, read for every board update the write rules check (frames.ts).
 * `readPermissions` validates the stored value with its schema each time; here the result is kept per stored
 * value object instead. A Y.Map entry's plain value (ContentAny) is one object for as long as the entry is not
 * replaced, and Yjs never changes it in place: any change of the switches, by whichever client or instance,
 * stores a new entry with a new object, which misses this cache and is read again. Nothing to invalidate, and
 * nothing kept beyond the value itself (WeakMap).
 */
import type * as Y from 'yjs';
import { DEFAULT_PERMISSIONS, readPermissions } from '../../shared/session/read.js';
import { SESSION_KEY, SESSION_ROOT, type Permissions } from '../../shared/session/schema.js';

const parsed = new WeakMap<object, Readonly<Permissions>>();

/** The session doc's permissions, as `readPermissions` reads them (frozen: shared by every caller). */
export function currentPermissions(sessionDoc: Y.Doc): Readonly<Permissions> {
  const raw: unknown = sessionDoc.getMap(SESSION_ROOT.state).get(SESSION_KEY.permissions);
  // Never set (a board whose facilitator never touched the switches): the defaults, as readPermissions says.
  if (raw === undefined) return DEFAULT_PERMISSIONS;
  // Only a plain decoded object is known to stay as it is; anything else (a shared type a client put there) is read each time.
  if (typeof raw !== 'object' || raw === null || Object.getPrototypeOf(raw) !== Object.prototype) return readPermissions(sessionDoc);
  let permissions = parsed.get(raw);
  if (!permissions) {
    permissions = Object.freeze(readPermissions(sessionDoc));
    parsed.set(raw, permissions);
  }
  return permissions;
}
