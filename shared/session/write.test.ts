import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readSession } from './read.js';
import {
  SessionWriteError,
  addPhase,
  addTime,
  closeVote,
  initSession,
  markRevealed,
  movePhase,
  openVote,
  pauseTimer,
  removePhase,
  renamePhase,
  resumeTimer,
  setAllStageMetrics,
  setFocus,
  setLocked,
  setPhase,
  setPrivateMode,
  setStageMetrics,
  startTimer,
  stopTimer,
  timerRemainingMs,
} from './write.js';

const T0 = 1_800_000_000_000;

function newSession(): Y.Doc {
  const doc = new Y.Doc();
  initSession(doc);
  return doc;
}

function titles(doc: Y.Doc): string[] {
  return readSession(doc).agenda.map((p) => p.title);
}

describe('agenda', () => {
  it('initSession does nothing to a doc that has an agenda', () => {
    const doc = newSession();
    const before = readSession(doc);
    initSession(doc);
    expect(readSession(doc)).toEqual(before);
  });

  it('adds, renames, moves and removes phases', () => {
    const doc = newSession();
    const id = addPhase(doc, '  Coffee\tbreak ', 1);
    expect(titles(doc)[1]).toBe('Coffee break');
    renamePhase(doc, id, 'Lunch');
    movePhase(doc, id, 100);
    expect(titles(doc).at(-1)).toBe('Lunch');
    movePhase(doc, id, 0);
    expect(titles(doc)[0]).toBe('Lunch');
    removePhase(doc, id);
    expect(titles(doc)).not.toContain('Lunch');
  });

  it('refuses an empty or unknown phase', () => {
    const doc = newSession();
    expect(() => addPhase(doc, '   ')).toThrow(SessionWriteError);
    expect(() => renamePhase(doc, 'nope', 'x')).toThrow(/not found/);
    expect(() => setPhase(doc, 'nope')).toThrow(/not found/);
  });

  it('setPhase makes a phase current; removing it moves to the next one', () => {
    const doc = newSession();
    const [first, second, third] = readSession(doc).agenda;
    setPhase(doc, second!.id);
    expect(readSession(doc).phaseId).toBe(second!.id);
    removePhase(doc, second!.id);
    expect(readSession(doc).phaseId).toBe(third!.id);
    setPhase(doc, null);
    expect(readSession(doc).phaseId).toBeNull();
    setPhase(doc, first!.id);
    expect(readSession(doc).phaseId).toBe(first!.id);
  });

  it('concurrent moves of different phases converge without losing or duplicating one', () => {
    const a = newSession();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const phases = readSession(a).agenda;
    movePhase(a, phases[0]!.id, 6);
    movePhase(b, phases[6]!.id, 0);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readSession(a).agenda).toEqual(readSession(b).agenda);
    expect(readSession(a).agenda).toHaveLength(7);
  });
});

describe('timer', () => {
  it('start, pause, resume, add time and stop keep a consistent remaining time', () => {
    const doc = newSession();
    startTimer(doc, 5 * 60_000, T0);
    let timer = readSession(doc).timer;
    expect(timer.status).toBe('running');
    expect(timerRemainingMs(timer, T0 + 60_000)).toBe(4 * 60_000);

    pauseTimer(doc, T0 + 60_000);
    timer = readSession(doc).timer;
    expect(timer.status).toBe('paused');
    // Paused: time passing changes nothing.
    expect(timerRemainingMs(timer, T0 + 10 * 60_000)).toBe(4 * 60_000);

    resumeTimer(doc, T0 + 10 * 60_000);
    timer = readSession(doc).timer;
    expect(timerRemainingMs(timer, T0 + 10 * 60_000)).toBe(4 * 60_000);

    addTime(doc, 60_000, T0 + 11 * 60_000);
    timer = readSession(doc).timer;
    expect(timerRemainingMs(timer, T0 + 11 * 60_000)).toBe(4 * 60_000);
    expect(timer.durationMs).toBe(6 * 60_000);

    stopTimer(doc);
    timer = readSession(doc).timer;
    expect(timer.status).toBe('idle');
    expect(timerRemainingMs(timer, T0)).toBe(0);
  });

  it('adding time to a timer that ran out restarts it; to an idle one starts it', () => {
    const doc = newSession();
    startTimer(doc, 1000, T0);
    expect(timerRemainingMs(readSession(doc).timer, T0 + 5000)).toBe(0);
    addTime(doc, 30_000, T0 + 5000);
    expect(timerRemainingMs(readSession(doc).timer, T0 + 5000)).toBe(30_000);
    stopTimer(doc);
    addTime(doc, 2000, T0);
    expect(readSession(doc).timer).toMatchObject({ status: 'running', endsAt: T0 + 2000 });
  });

  it('refuses bad durations and times', () => {
    const doc = newSession();
    expect(() => startTimer(doc, 0, T0)).toThrow(SessionWriteError);
    expect(() => startTimer(doc, -5, T0)).toThrow(SessionWriteError);
    expect(() => startTimer(doc, 1.5, T0)).toThrow(SessionWriteError);
    expect(() => startTimer(doc, 25 * 3600_000, T0)).toThrow(SessionWriteError);
    expect(() => startTimer(doc, 1000, Number.NaN)).toThrow(SessionWriteError);
    expect(readSession(doc).timer.status).toBe('idle');
  });

  it('pause and resume in the wrong state change nothing', () => {
    const doc = newSession();
    pauseTimer(doc, T0);
    resumeTimer(doc, T0);
    expect(readSession(doc).timer.status).toBe('idle');
  });
});

describe('vote, private mode, lock, focus, metrics', () => {
  it('opens and closes a vote with defaults', () => {
    const doc = newSession();
    openVote(doc, { laneIds: ['lane-a', 'lane-a'] }, T0);
    expect(readSession(doc).vote).toEqual({ id: expect.any(String), status: 'open', laneIds: ['lane-a'], dotsPerPerson: 3, hideCounts: false, openedAt: T0, closedAt: null });
    closeVote(doc, T0 + 10);
    expect(readSession(doc).vote).toMatchObject({ status: 'closed', closedAt: T0 + 10, laneIds: ['lane-a'] });
  });

  it('refuses a vote with bad dots or lane ids', () => {
    const doc = newSession();
    expect(() => openVote(doc, { dotsPerPerson: 0 }, T0)).toThrow(SessionWriteError);
    expect(() => openVote(doc, { dotsPerPerson: 21 }, T0)).toThrow(SessionWriteError);
    expect(() => openVote(doc, { laneIds: ['../etc'] }, T0)).toThrow(SessionWriteError);
    expect(readSession(doc).vote.status).toBe('closed');
  });

  it('private mode on, reveal ends it and records the time', () => {
    const doc = newSession();
    setPrivateMode(doc, true, T0);
    expect(readSession(doc).privateMode).toEqual({ on: true, startedAt: T0, revealedAt: null });
    markRevealed(doc, T0 + 100);
    expect(readSession(doc).privateMode).toEqual({ on: false, startedAt: null, revealedAt: T0 + 100 });
    setPrivateMode(doc, true, T0 + 200);
    markRevealed(doc, T0 + 300, { endPrivateMode: false });
    expect(readSession(doc).privateMode).toEqual({ on: true, startedAt: T0 + 200, revealedAt: T0 + 300 });
  });

  it('lock and focus', () => {
    const doc = newSession();
    setLocked(doc, true);
    expect(readSession(doc).locked).toBe(true);
    setFocus(doc, { kind: 'stage', id: 'stage-1' }, T0);
    expect(readSession(doc).focus).toEqual({ kind: 'stage', id: 'stage-1', at: T0 });
    setFocus(doc, null, T0);
    expect(readSession(doc).focus).toBeNull();
    expect(() => setFocus(doc, { kind: 'stage', id: 'a/b' }, T0)).toThrow(SessionWriteError);
  });

  it('stage metrics: set, replace, remove; all-or-nothing on bad input', () => {
    const doc = newSession();
    setStageMetrics(doc, 'stage-1', [{ metric: 'Calls', value: 1240, unit: 'calls/month' }]);
    setAllStageMetrics(doc, { 'stage-2': [{ metric: 'CSAT', value: 4.2, unit: '' }], 'stage-1': [] });
    expect(readSession(doc).metrics).toEqual({ 'stage-2': [{ metric: 'CSAT', value: 4.2, unit: '' }] });
    expect(() =>
      setAllStageMetrics(doc, { 'stage-3': [{ metric: 'ok', value: 1, unit: '' }], 'stage-4': [{ metric: '', value: 1, unit: '' }] }),
    ).toThrow(SessionWriteError);
    expect(Object.keys(readSession(doc).metrics)).toEqual(['stage-2']);
  });
});
