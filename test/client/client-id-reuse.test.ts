/**
 * The parts of client-id reuse that do not need a browser, on real Yjs docs and y-protocols awareness: the move of
 * doc and presence onto another id, the kept clock written before an update leaves, the checks that refuse an id,
 * and following Yjs when it drops an id someone else used. localStorage and Web Locks are browser APIs that Node
 * lacks: a Map-backed Storage and a lock table stand in for them here; e2e/client-ids.e2e.test.ts runs the real ones.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { ClientIdReuse, POOL_KEY, POOL_SIZE, clockKey, moveIdentity, readPool, safeToReuse, type Locks } from '../../client/src/session/client-id-reuse.js';
import { memoryStorage } from '../helpers/memory-storage.js';

/** Web Locks' `ifAvailable` behaviour: a held name is refused, released when the callback's promise settles. */
class LockTable implements Locks {
  readonly held = new Set<string>();
  async request(name: string, _options: { ifAvailable: true }, callback: (lock: unknown) => Promise<void> | void): Promise<unknown> {
    if (this.held.has(name)) return callback(null);
    this.held.add(name);
    try {
      return await callback({ name });
    } finally {
      this.held.delete(name);
    }
  }
}

/** Lets a released lock's callback finish (Web Locks release asynchronously too). */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** A "server" doc and a tab's doc synced with it both ways, as the provider does. */
function syncedPair(): { server: Y.Doc; tab: Y.Doc; awareness: awarenessProtocol.Awareness; sent: Uint8Array[] } {
  const server = new Y.Doc();
  server.getMap('notes').set('n1', 'seed');
  const tab = new Y.Doc();
  Y.applyUpdate(tab, Y.encodeStateAsUpdate(server));
  const sent: Uint8Array[] = [];
  tab.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin === 'server') return;
    sent.push(update);
    Y.applyUpdate(server, update, 'tab');
  });
  server.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'tab') Y.applyUpdate(tab, update, 'server');
  });
  return { server, tab, awareness: new awarenessProtocol.Awareness(tab), sent };
}

describe('moveIdentity', () => {
  it('moves doc and presence onto the id in one update that a peer who saw the id before accepts', () => {
    const tab = new Y.Doc();
    const mine = new awarenessProtocol.Awareness(tab);
    const peer = new awarenessProtocol.Awareness(new Y.Doc());
    mine.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
      awarenessProtocol.applyAwarenessUpdate(peer, awarenessProtocol.encodeAwarenessUpdate(mine, [...added, ...updated, ...removed]), 'wire');
    });
    mine.setLocalState({ editing: 'n1' });
    const drawn = tab.clientID;
    expect([...peer.getStates().keys()]).toContain(drawn);
    // The peer saw id 77 in an earlier session: there, its last clock was 5,000 and it left.
    const earlier = new awarenessProtocol.Awareness(new Y.Doc());
    earlier.clientID = 77;
    earlier.meta.set(77, { clock: 5000, lastUpdated: 0 });
    earlier.setLocalState(null);
    awarenessProtocol.applyAwarenessUpdate(peer, awarenessProtocol.encodeAwarenessUpdate(earlier, [77]), 'wire');

    moveIdentity(tab, mine, 77, 1_796_000_000_000);

    expect(tab.clientID).toBe(77);
    expect(mine.clientID).toBe(77);
    expect(mine.getLocalState()).toEqual({ editing: 'n1' });
    expect([...peer.getStates().keys()].filter((id) => id !== peer.clientID)).toEqual([77]);
    expect(peer.getStates().get(77)).toEqual({ editing: 'n1' });
    tab.getMap('notes').set('n2', 'written after the move');
    expect(tab.store.clients.has(77)).toBe(true);
    expect(tab.store.clients.has(drawn)).toBe(false);
  });
});

describe('readPool', () => {
  it('keeps only unsigned 32-bit integers, once each, at most POOL_SIZE of them', () => {
    const storage = memoryStorage();
    for (const bad of ['not json', '{"a":1}', '"7"', 'null']) {
      storage.setItem(POOL_KEY, bad);
      expect(readPool(storage)).toEqual([]);
    }
    storage.setItem(POOL_KEY, JSON.stringify([1, 'x', -1, 2 ** 33, 1.5, 5, 5, 0xffffffff]));
    expect(readPool(storage)).toEqual([1, 5, 0xffffffff]);
    storage.setItem(POOL_KEY, JSON.stringify(Array.from({ length: 20 }, (_, i) => i + 1)));
    expect(readPool(storage)).toHaveLength(POOL_SIZE);
  });
});

describe('safeToReuse', () => {
  it('refuses an id whose stored clock is not a whole number, or differs from the doc\'s, in either direction', () => {
    const storage = memoryStorage();
    const doc = new Y.Doc();
    const writer = new Y.Doc();
    writer.clientID = 42;
    writer.getMap('notes').set('a', 1);
    writer.getMap('notes').set('b', 2);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(writer));
    expect(safeToReuse(doc, storage, 'b1', 42)).toBe(false); // the server has writes under it this browser never made
    expect(safeToReuse(doc, storage, 'b1', 7)).toBe(true); // never used on this board, by anyone
    for (const bad of ['two', '', '1.5', '-2', '1e400']) {
      storage.setItem(clockKey('b1', 42), bad);
      expect(safeToReuse(doc, storage, 'b1', 42)).toBe(false);
    }
    storage.setItem(clockKey('b1', 42), '3');
    expect(safeToReuse(doc, storage, 'b1', 42)).toBe(false); // written more than the server has: still on its way
    storage.setItem(clockKey('b1', 42), '2');
    expect(safeToReuse(doc, storage, 'b1', 42)).toBe(true);
  });
});

describe('ClientIdReuse', () => {
  it('adopts a new id into the pool, keeps its clock before each update leaves, and reuses it on the next load', async () => {
    const storage = memoryStorage();
    const locks = new LockTable();
    const { server, tab, awareness, sent } = syncedPair();
    const clocksWhenSent: (string | null)[] = [];
    tab.on('update', () => clocksWhenSent.push(storage.getItem(clockKey('b1', tab.clientID))));
    const reuse = new ClientIdReuse(tab, awareness, 'b1', storage, locks);
    const id = await reuse.adopt();
    expect(id).toBeDefined();
    expect(tab.clientID).toBe(id);
    expect(readPool(storage)).toEqual([id]);
    tab.getMap('notes').set('n2', 'one');
    tab.getText('t').insert(0, 'x');
    // Each update found the clock it carries already kept when it was sent.
    expect(clocksWhenSent).toEqual(['1', '2']);
    expect(sent).toHaveLength(2);
    expect(Y.getState(server.store, id!)).toBe(2);
    reuse.dispose();
    await settle();

    // The next page load: a fresh doc synced from the server takes the same id and continues its clock.
    const next = new Y.Doc();
    Y.applyUpdate(next, Y.encodeStateAsUpdate(server));
    const again = new ClientIdReuse(next, new awarenessProtocol.Awareness(next), 'b1', storage, locks);
    expect(await again.adopt()).toBe(id);
    next.getMap('notes').set('n3', 'three');
    expect(next.store.clients.get(id!)?.at(-1)?.id.clock).toBe(2);
    again.dispose();
  });

  it('skips an id another tab holds or whose last write the server lacks, and gives up when the pool is full', async () => {
    const storage = memoryStorage();
    const locks = new LockTable();
    const { tab, awareness } = syncedPair();
    const first = new ClientIdReuse(tab, awareness, 'b1', storage, locks);
    const firstId = await first.adopt();

    // Another tab of the same browser, while the first is open: a second id.
    const other = syncedPair();
    const second = new ClientIdReuse(other.tab, other.awareness, 'b1', storage, locks);
    const secondId = await second.adopt();
    expect(secondId).not.toBe(firstId);
    second.dispose();
    await settle();

    // This browser wrote under secondId up to clock 4 on b1, but the server has nothing of it: not reused there.
    storage.setItem(clockKey('b1', secondId!), '4');
    const third = syncedPair();
    const drawn = third.tab.clientID;
    const fill = JSON.stringify([firstId, secondId, ...Array.from({ length: POOL_SIZE - 2 }, (_, i) => 1000 + i)]);
    for (let i = 0; i < POOL_SIZE - 2; i++) locks.held.add(`journeyroom:client-id:${1000 + i}`);
    storage.setItem(POOL_KEY, fill);
    const blocked = new ClientIdReuse(third.tab, third.awareness, 'b1', storage, locks);
    expect(await blocked.adopt()).toBeUndefined();
    expect(third.tab.clientID).toBe(drawn);
    await settle();
    expect(locks.held.has(`journeyroom:client-id:${secondId}`)).toBe(false);
    first.dispose();
    await settle();
    expect(locks.held.has(`journeyroom:client-id:${firstId}`)).toBe(false);
  });

  it('follows Yjs when someone else writes under the id: presence moves to the new id, the id leaves the pool', async () => {
    const storage = memoryStorage();
    const locks = new LockTable();
    const { tab, awareness } = syncedPair();
    awareness.setLocalState({ editing: null });
    const reuse = new ClientIdReuse(tab, awareness, 'b1', storage, locks);
    const id = (await reuse.adopt())!;

    const impostor = new Y.Doc();
    impostor.clientID = id;
    impostor.getMap('notes').set('x', 'same id elsewhere');
    Y.applyUpdate(tab, Y.encodeStateAsUpdate(impostor), 'server');

    expect(tab.clientID).not.toBe(id);
    expect(awareness.clientID).toBe(tab.clientID);
    expect(awareness.getLocalState()).toEqual({ editing: null });
    expect(readPool(storage)).not.toContain(id);
    await settle();
    expect(locks.held.size).toBe(0);
  });
});
