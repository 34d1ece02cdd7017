/**
 * applyQuietly: what the provider applies is not encoded again for listeners that ignore it, and nothing local
 * is lost on the way (real Yjs docs; the "provider" is an origin object, as y-websocket's is).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyQuietly, type UpdateListener } from '../../client/src/session/quiet-apply.js';

const provider = { name: 'provider' };
const local = { name: 'local' };

/** A listener like the provider's sender: records what it would send, ignores the provider's own updates. */
function sender(): { listener: UpdateListener; sent: Uint8Array[] } {
  const sent: Uint8Array[] = [];
  return {
    sent,
    listener: (update, origin) => {
      if (origin !== provider) sent.push(update);
    },
  };
}

/** An update of a peer that adds `count` entries to the map `notes`. */
function peerUpdate(count: number): Uint8Array {
  const peer = new Y.Doc();
  peer.transact(() => {
    for (let i = 0; i < count; i++) peer.getMap('notes').set(`n${i}`, `note ${i}`);
  });
  return Y.encodeStateAsUpdate(peer);
}

describe('applyQuietly', () => {
  it('takes the listeners off while the provider applies (Yjs then encodes nothing) and puts them back in order', () => {
    const doc = new Y.Doc();
    const calls: string[] = [];
    const first: UpdateListener = (_u, origin) => origin !== provider && calls.push('first');
    const second: UpdateListener = (_u, origin) => origin !== provider && calls.push('second');
    doc.on('update', first);
    doc.on('update', second);
    let listenedDuringApply: boolean | undefined;
    applyQuietly(doc, provider, [first, second], () => {
      Y.applyUpdate(doc, peerUpdate(50), provider);
      // Yjs encodes a transaction's update only when the doc has an 'update' listener.
      listenedDuringApply = doc._observers.has('update');
    });
    expect(listenedDuringApply).toBe(false);
    expect(doc.getMap('notes').size).toBe(50);

    doc.transact(() => doc.getMap('notes').set('mine', 'x'), local);
    expect(calls).toEqual(['first', 'second']);
  });

  it('another update listener keeps Yjs encoding, and gets every update as before', () => {
    const doc = new Y.Doc();
    const quiet = sender();
    const seen: unknown[] = [];
    doc.on('update', quiet.listener);
    doc.on('update', (_u: Uint8Array, origin: unknown) => seen.push(origin));
    applyQuietly(doc, provider, [quiet.listener], () => Y.applyUpdate(doc, peerUpdate(3), provider));
    expect(seen).toEqual([provider]);
  });

  it('a local write made during the apply (an observer) still reaches the listeners: nothing is left unsent', () => {
    const doc = new Y.Doc();
    const quiet = sender();
    doc.on('update', quiet.listener);
    // An observer that answers a remote change with a write of its own, in its own transaction.
    doc.getMap('notes').observe((event) => {
      if (event.transaction.origin === provider) doc.transact(() => doc.getMap('seen').set('count', doc.getMap('notes').size), local);
    });
    applyQuietly(doc, provider, [quiet.listener], () => Y.applyUpdate(doc, peerUpdate(5), provider));
    expect(quiet.sent).toHaveLength(1);
    // What was "sent" carries the local write to a server that has only the peer's notes.
    const server = new Y.Doc();
    Y.applyUpdate(server, peerUpdate(5));
    Y.applyUpdate(server, quiet.sent[0]!);
    expect(server.getMap('seen').get('count')).toBe(5);
  });

  it('does not put back a listener that was not on the doc (a disposed session)', () => {
    const doc = new Y.Doc();
    const gone = sender();
    applyQuietly(doc, provider, [gone.listener], () => Y.applyUpdate(doc, peerUpdate(1), provider));
    doc.transact(() => doc.getMap('notes').set('mine', 'x'), local);
    expect(gone.sent).toHaveLength(0);
    expect(doc._observers.has('update')).toBe(false);
  });
});
