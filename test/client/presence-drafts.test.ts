/** Draft counts read from other people's presence during a silent brainstorm, and the sentence shown for them. */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import type { PresenceState } from '../../shared/protocol.js';
import { draftCounts, draftSentence } from '../../client/src/facilitation/presence-drafts.js';

const made: Awareness[] = [];
afterEach(() => {
  for (const awareness of made.splice(0)) awareness.destroy();
});

function awareness(): Awareness {
  const a = new Awareness(new Y.Doc());
  made.push(a);
  return a;
}

/** The facilitator's awareness with one peer per given state, delivered as real awareness updates. */
function withPeers(states: readonly unknown[]): Awareness {
  const here = awareness();
  here.setLocalState(null);
  for (const state of states) {
    const peer = awareness();
    peer.setLocalState(state as PresenceState);
    applyAwarenessUpdate(here, encodeAwarenessUpdate(peer, [peer.clientID]), 'test');
  }
  return here;
}

const user = (memberId: string, name: string, role = 'customer') => ({ memberId, name, role, department: '' });

describe('draftCounts', () => {
  it('lists people by name with their draft counts, several tabs of one member counting once (the highest)', () => {
    const counts = draftCounts(
      withPeers([
        { user: user('m-bo', 'Bo'), drafts: 1 },
        { user: user('m-ada', 'Ada'), drafts: 2 },
        { user: user('m-ada', 'Ada'), drafts: 3 },
        { user: user('m-fran', 'Fran', 'facilitator') },
      ]),
    );
    expect(counts).toEqual([
      { memberId: 'm-ada', name: 'Ada', role: 'customer', count: 3 },
      { memberId: 'm-bo', name: 'Bo', role: 'customer', count: 1 },
      { memberId: 'm-fran', name: 'Fran', role: 'facilitator', count: 0 },
    ]);
  });

  it('skips projectors and states without a user, and reads hostile counts as 0 or the cap', () => {
    const counts = draftCounts(
      withPeers([
        { user: user('p', 'Projector', 'projector'), drafts: 4 },
        { drafts: 5 },
        { user: { name: 'No id' }, drafts: 1 },
        { user: user('m-a', 'A'), drafts: -1 },
        { user: user('m-b', 'B'), drafts: 2.5 },
        { user: user('m-c', 'C'), drafts: '7' },
        { user: user('m-d', 'D'), drafts: 1e9 },
      ]),
    );
    expect(counts.map((c) => [c.name, c.count])).toEqual([
      ['A', 0],
      ['B', 0],
      ['C', 0],
      ['D', 200],
    ]);
  });
});

describe('draftSentence', () => {
  it('says how many notes someone is writing, in the singular, plural or none', () => {
    const entry = { memberId: 'm', name: 'Ana', role: 'customer' };
    expect(draftSentence({ ...entry, count: 0 })).toBe('Ana has no private notes yet');
    expect(draftSentence({ ...entry, count: 1 })).toBe('Ana is writing 1 note');
    expect(draftSentence({ ...entry, count: 3 })).toBe('Ana is writing 3 notes');
  });
});
