import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sessionRoots } from '../../shared/session/read.js';
import { setLocked } from '../../shared/session/write.js';
import { isLocked, mayWriteBoard } from './lock.js';

describe('board lock policy', () => {
  it('facilitator always, participant unless locked, projector never', () => {
    const session = new Y.Doc();
    expect(isLocked(session)).toBe(false);
    expect(mayWriteBoard('facilitator', session)).toBe(true);
    expect(mayWriteBoard('participant', session)).toBe(true);
    expect(mayWriteBoard('projector', session)).toBe(false);
    setLocked(session, true);
    expect(isLocked(session)).toBe(true);
    expect(mayWriteBoard('facilitator', session)).toBe(true);
    expect(mayWriteBoard('participant', session)).toBe(false);
    expect(mayWriteBoard('projector', session)).toBe(false);
  });

  it('only a literal true locks', () => {
    const session = new Y.Doc();
    sessionRoots(session).state.set('locked', 'true');
    expect(mayWriteBoard('participant', session)).toBe(true);
  });
});
