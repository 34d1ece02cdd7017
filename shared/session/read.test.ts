import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readSession, sessionRoots } from './read.js';
import { DEFAULT_AGENDA, DEFAULT_DOTS_PER_PERSON, SESSION_KEY } from './schema.js';
import { initSession } from './write.js';

describe('readSession', () => {
  it('reads an empty doc as the defaults', () => {
    const session = readSession(new Y.Doc());
    expect(session).toEqual({
      agenda: [],
      phaseId: null,
      timer: { status: 'idle', durationMs: 0, endsAt: null, remainingMs: null },
      vote: { status: 'closed', laneIds: [], dotsPerPerson: DEFAULT_DOTS_PER_PERSON, hideCounts: false, openedAt: null, closedAt: null },
      privateMode: { on: false, startedAt: null, revealedAt: null },
      locked: false,
      focus: null,
      permissions: { structure: false, deleteAnyNote: false },
      metrics: {},
    });
  });

  it('reads the default agenda after initSession, first phase current', () => {
    const doc = new Y.Doc();
    initSession(doc);
    const session = readSession(doc);
    expect(session.agenda.map((p) => p.title)).toEqual([...DEFAULT_AGENDA]);
    expect(session.phaseId).toBe(session.agenda[0]?.id);
  });

  it('replaces every invalid value with its default and never throws', () => {
    const doc = new Y.Doc();
    const { state, agenda, metrics } = sessionRoots(doc);
    const bad = new Y.Map<unknown>();
    bad.set('title', 42);
    agenda.set('bad-phase', bad);
    agenda.set('not-a-map', 'x' as unknown as Y.Map<unknown>);
    state.set(SESSION_KEY.phaseId, 'bad-phase');
    state.set(SESSION_KEY.timer, { status: 'running', durationMs: 1000, endsAt: null, remainingMs: null });
    state.set(SESSION_KEY.vote, { status: 'open', laneIds: 'all', dotsPerPerson: 1e9 });
    state.set(SESSION_KEY.privateMode, 'on');
    state.set(SESSION_KEY.locked, 'yes');
    state.set(SESSION_KEY.focus, { kind: 'planet', id: 'x', at: 1 });
    metrics.set('stage-1', [{ metric: 'Calls', value: 10, unit: '' }, { metric: '', value: 'NaN' }]);
    metrics.set('stage-2', 'not a list');
    const session = readSession(doc);
    expect(session.agenda).toEqual([]);
    expect(session.phaseId).toBeNull();
    expect(session.timer.status).toBe('idle');
    expect(session.vote.status).toBe('closed');
    expect(session.privateMode.on).toBe(false);
    expect(session.locked).toBe(false);
    expect(session.focus).toBeNull();
    expect(session.metrics).toEqual({ 'stage-1': [{ metric: 'Calls', value: 10, unit: '' }] });
  });

  it('reads a phase id that names a removed phase as null', () => {
    const doc = new Y.Doc();
    initSession(doc);
    sessionRoots(doc).state.set(SESSION_KEY.phaseId, 'gone');
    expect(readSession(doc).phaseId).toBeNull();
  });
});
