/**
 * Every facilitator action on the session doc as one `doc.transact(fn, origin)`. Inputs are validated
 * here; functions throw a SessionWriteError for invalid input and never leave a half-done change.
 * Times are server-clock milliseconds (`serverNow` from clock.ts), never the caller's raw Date.now().
 */
import * as Y from 'yjs';
import { v4 as uuid } from 'uuid';
import { str } from '../board/doc.js';
import { keyAfterAll, keyForIndex, type Ordered } from '../board/order.js';
import { idSchema } from '../board/schema.js';
import { readAgenda, readPermissions, readPrivateMode, readTimer, readVote, sessionRoots } from './read.js';
import {
  DEFAULT_AGENDA,
  DEFAULT_DOTS_PER_PERSON,
  SESSION_KEY,
  SESSION_LIMITS,
  phaseTitleSchema,
  stageMetricSchema,
  voteSchema,
  type FocusState,
  type Permissions,
  type PrivateModeState,
  type StageMetric,
  type TimerState,
  type VoteState,
} from './schema.js';
import { timerRemainingMs } from './timer.js';
import { parseOrThrow, type SafeParser } from '../validate.js';

export { timerRemainingMs, timerHasEnded } from './timer.js';
export { canPlaceDot, canRemoveDot, dotsUsed, voteLaneIds } from './vote.js';

/** Invalid input to a session write function. */
export class SessionWriteError extends Error {
  constructor(
    readonly code: 'invalid_input' | 'not_found' | 'limit_reached',
    message: string,
  ) {
    super(message);
    this.name = 'SessionWriteError';
  }
}

function parse<T>(schema: SafeParser<T>, value: unknown, what: string): T {
  return parseOrThrow(schema, value, what, (message) => new SessionWriteError('invalid_input', message));
}

function requireTime(serverNow: number): number {
  if (!Number.isFinite(serverNow)) throw new SessionWriteError('invalid_input', 'serverNow: not a finite time');
  return Math.round(serverNow);
}

function requireDuration(ms: number, what: string): number {
  if (!Number.isInteger(ms) || ms < 0 || ms > SESSION_LIMITS.timerMs) {
    throw new SessionWriteError('invalid_input', `${what}: a whole number of milliseconds 0..${SESSION_LIMITS.timerMs}`);
  }
  return ms;
}

function phaseEntries(doc: Y.Doc): Ordered[] {
  const out: Ordered[] = [];
  sessionRoots(doc).agenda.forEach((map, id) => {
    if (map instanceof Y.Map) out.push({ id, order: str(map, 'order') });
  });
  return out;
}

function getPhase(doc: Y.Doc, phaseId: string): Y.Map<unknown> {
  const map = sessionRoots(doc).agenda.get(phaseId);
  if (!(map instanceof Y.Map)) throw new SessionWriteError('not_found', `phase ${phaseId} not found`);
  return map;
}

function newPhase(title: string, order: string): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  map.set('title', title);
  map.set('order', order);
  return map;
}

/**
 * Fills an empty session doc: the default agenda with its first phase current. Does nothing to a doc that
 * already has an agenda, so it is safe to call on every load. Run it once on the server when the board is
 * created: two facilitators initialising concurrently would each add the default phases.
 */
export function initSession(doc: Y.Doc, origin?: unknown): void {
  const { agenda, state } = sessionRoots(doc);
  if (agenda.size > 0) return;
  doc.transact(() => {
    let last: string | null = null;
    let first: string | null = null;
    for (const title of DEFAULT_AGENDA) {
      last = keyAfterAll(last ? [{ id: '', order: last }] : []);
      const id = uuid();
      first ??= id;
      agenda.set(id, newPhase(title, last));
    }
    if (first && typeof state.get(SESSION_KEY.phaseId) !== 'string') state.set(SESSION_KEY.phaseId, first);
  }, origin);
}

// ---- agenda ----

/** Adds a phase at `index` (default: last). Returns its id. */
export function addPhase(doc: Y.Doc, title: string, index?: number, origin?: unknown): string {
  const clean = parse(phaseTitleSchema, title, 'phase title');
  const { agenda } = sessionRoots(doc);
  if (agenda.size >= SESSION_LIMITS.phases) {
    throw new SessionWriteError('limit_reached', `an agenda has at most ${SESSION_LIMITS.phases} phases`);
  }
  const entries = phaseEntries(doc);
  const order = index === undefined ? keyAfterAll(entries) : keyForIndex(entries, index);
  const id = uuid();
  doc.transact(() => agenda.set(id, newPhase(clean, order)), origin);
  return id;
}

export function renamePhase(doc: Y.Doc, phaseId: string, title: string, origin?: unknown): void {
  const clean = parse(phaseTitleSchema, title, 'phase title');
  const map = getPhase(doc, phaseId);
  doc.transact(() => map.set('title', clean), origin);
}

/** Moves a phase to `index` among the others; only its order key changes (see board moveStage). */
export function movePhase(doc: Y.Doc, phaseId: string, index: number, origin?: unknown): void {
  const map = getPhase(doc, phaseId);
  const order = keyForIndex(phaseEntries(doc), index, phaseId);
  doc.transact(() => map.set('order', order), origin);
}

/** Removes a phase. When it was the current one, the phase after it (or before, if last) becomes current. */
export function removePhase(doc: Y.Doc, phaseId: string, origin?: unknown): void {
  getPhase(doc, phaseId);
  const { agenda, state } = sessionRoots(doc);
  const phases = readAgenda(doc);
  const at = phases.findIndex((p) => p.id === phaseId);
  const next = phases[at + 1] ?? phases[at - 1];
  doc.transact(() => {
    agenda.delete(phaseId);
    if (state.get(SESSION_KEY.phaseId) === phaseId) {
      if (next) state.set(SESSION_KEY.phaseId, next.id);
      else state.delete(SESSION_KEY.phaseId);
    }
  }, origin);
}

/** Makes a phase current (null: none). */
export function setPhase(doc: Y.Doc, phaseId: string | null, origin?: unknown): void {
  if (phaseId !== null) getPhase(doc, phaseId);
  const { state } = sessionRoots(doc);
  doc.transact(() => {
    if (phaseId === null) state.delete(SESSION_KEY.phaseId);
    else state.set(SESSION_KEY.phaseId, phaseId);
  }, origin);
}

// ---- timer ----

function writeTimer(doc: Y.Doc, timer: TimerState, origin: unknown): void {
  doc.transact(() => sessionRoots(doc).state.set(SESSION_KEY.timer, timer), origin);
}

/** Starts (or restarts) the timer for `durationMs` from `serverNow`. */
export function startTimer(doc: Y.Doc, durationMs: number, serverNow: number, origin?: unknown): void {
  const duration = requireDuration(durationMs, 'duration');
  if (duration === 0) throw new SessionWriteError('invalid_input', 'duration: must be more than 0');
  const now = requireTime(serverNow);
  writeTimer(doc, { status: 'running', durationMs: duration, endsAt: now + duration, remainingMs: null }, origin);
}

/** Pauses a running timer, keeping what is left. Does nothing when it is not running. */
export function pauseTimer(doc: Y.Doc, serverNow: number, origin?: unknown): void {
  const now = requireTime(serverNow);
  const timer = readTimer(doc);
  if (timer.status !== 'running') return;
  writeTimer(doc, { ...timer, status: 'paused', endsAt: null, remainingMs: timerRemainingMs(timer, now) }, origin);
}

/** Resumes a paused timer from `serverNow`. Does nothing when it is not paused. */
export function resumeTimer(doc: Y.Doc, serverNow: number, origin?: unknown): void {
  const now = requireTime(serverNow);
  const timer = readTimer(doc);
  if (timer.status !== 'paused') return;
  writeTimer(doc, { ...timer, status: 'running', endsAt: now + (timer.remainingMs ?? 0), remainingMs: null }, origin);
}

/**
 * Adds `ms` to the timer: a running timer ends later (one that has already run out restarts with `ms`
 * left), a paused one keeps more, an idle one starts with `ms`.
 */
export function addTime(doc: Y.Doc, ms: number, serverNow: number, origin?: unknown): void {
  const extra = requireDuration(ms, 'added time');
  if (extra === 0) return;
  const now = requireTime(serverNow);
  const timer = readTimer(doc);
  const durationMs = Math.min(SESSION_LIMITS.timerMs, timer.durationMs + extra);
  if (timer.status === 'idle') return startTimer(doc, extra, now, origin);
  if (timer.status === 'paused') {
    const remainingMs = Math.min(SESSION_LIMITS.timerMs, (timer.remainingMs ?? 0) + extra);
    return writeTimer(doc, { ...timer, durationMs: Math.max(durationMs, remainingMs), remainingMs }, origin);
  }
  const remaining = Math.min(SESSION_LIMITS.timerMs, timerRemainingMs(timer, now) + extra);
  writeTimer(doc, { ...timer, durationMs: Math.max(durationMs, remaining), endsAt: now + remaining }, origin);
}

/** Stops and clears the timer. */
export function stopTimer(doc: Y.Doc, origin?: unknown): void {
  writeTimer(doc, { status: 'idle', durationMs: 0, endsAt: null, remainingMs: null }, origin);
}

// ---- vote ----

export interface OpenVoteInput {
  /** lanes open for voting; empty means the board's pain and opportunity lanes (see voteLaneIds) */
  laneIds?: string[];
  dotsPerPerson?: number;
  hideCounts?: boolean;
}

/** Opens a vote. Dots already on the board stay; the facilitator clears them on the board if wanted. */
export function openVote(doc: Y.Doc, input: OpenVoteInput, serverNow: number, origin?: unknown): void {
  const now = requireTime(serverNow);
  const laneIds = [...new Set(input.laneIds ?? [])];
  for (const id of laneIds) parse(idSchema, id, 'lane id');
  const vote: VoteState = parse(
    voteSchema,
    {
      id: uuid(),
      status: 'open',
      laneIds,
      dotsPerPerson: input.dotsPerPerson ?? DEFAULT_DOTS_PER_PERSON,
      hideCounts: input.hideCounts ?? false,
      openedAt: now,
      closedAt: null,
    },
    'vote',
  );
  doc.transact(() => sessionRoots(doc).state.set(SESSION_KEY.vote, vote), origin);
}

/** Closes the vote (counts become visible to everyone). Does nothing when it is not open. */
export function closeVote(doc: Y.Doc, serverNow: number, origin?: unknown): void {
  const now = requireTime(serverNow);
  const vote = readVote(doc);
  if (vote.status !== 'open') return;
  doc.transact(() => sessionRoots(doc).state.set(SESSION_KEY.vote, { ...vote, status: 'closed', closedAt: now }), origin);
}

// ---- private mode, lock, focus ----

function writePrivateMode(doc: Y.Doc, value: PrivateModeState, origin: unknown): void {
  doc.transact(() => sessionRoots(doc).state.set(SESSION_KEY.privateMode, value), origin);
}

/** Turns silent brainstorming on or off (turning it off does not reveal: drafts stay private until reveal). */
export function setPrivateMode(doc: Y.Doc, on: boolean, serverNow: number, origin?: unknown): void {
  const now = requireTime(serverNow);
  const current = readPrivateMode(doc);
  if (current.on === on) return;
  writePrivateMode(doc, { on, startedAt: on ? now : null, revealedAt: current.revealedAt }, origin);
}

/** Records a reveal (done by the server after revealDrafts); by default it also ends private mode. */
export function markRevealed(doc: Y.Doc, serverNow: number, options: { endPrivateMode?: boolean } = {}, origin?: unknown): void {
  const now = requireTime(serverNow);
  const current = readPrivateMode(doc);
  const end = options.endPrivateMode ?? true;
  writePrivateMode(
    doc,
    { on: end ? false : current.on, startedAt: end ? null : current.startedAt, revealedAt: now },
    origin,
  );
}

/** Locks or unlocks the board for participants (the server enforces it; see server/facilitation/lock.ts). */
export function setLocked(doc: Y.Doc, locked: boolean, origin?: unknown): void {
  doc.transact(() => sessionRoots(doc).state.set(SESSION_KEY.locked, locked), origin);
}

/** Opens (or closes) structure editing or deleting others' notes to participants; the server enforces it. */
export function setPermissions(doc: Y.Doc, patch: Partial<Permissions>, origin?: unknown): void {
  const next: Permissions = { ...readPermissions(doc) };
  if (patch.structure !== undefined) next.structure = patch.structure === true;
  if (patch.deleteAnyNote !== undefined) next.deleteAnyNote = patch.deleteAnyNote === true;
  doc.transact(() => sessionRoots(doc).state.set(SESSION_KEY.permissions, next), origin);
}

/** Brings everyone to a stage or a note (null: free navigation). `at` changes every time, so followers jump again. */
export function setFocus(doc: Y.Doc, target: { kind: 'stage' | 'note'; id: string } | null, serverNow: number, origin?: unknown): void {
  const now = requireTime(serverNow);
  let focus: FocusState = null;
  if (target !== null) {
    if (target.kind !== 'stage' && target.kind !== 'note') throw new SessionWriteError('invalid_input', 'focus: kind is stage or note');
    focus = { kind: target.kind, id: parse(idSchema, target.id, 'focus id'), at: now };
  }
  doc.transact(() => sessionRoots(doc).state.set(SESSION_KEY.focus, focus), origin);
}

/** Replaces the metrics of one stage (an empty list removes them). */
export function setStageMetrics(doc: Y.Doc, stageId: string, metrics: readonly StageMetric[], origin?: unknown): void {
  setAllStageMetrics(doc, { [stageId]: metrics }, origin);
}

/** Replaces the metrics of several stages at once (a CSV import), in one transaction; an empty list removes a stage's. */
export function setAllStageMetrics(doc: Y.Doc, byStage: Record<string, readonly StageMetric[]>, origin?: unknown): void {
  const entries = Object.entries(byStage).map(([stageId, metrics]) => {
    const id = parse(idSchema, stageId, 'stage id');
    if (metrics.length > SESSION_LIMITS.metricsPerStage) {
      throw new SessionWriteError('limit_reached', `at most ${SESSION_LIMITS.metricsPerStage} metrics per stage`);
    }
    return [id, metrics.map((metric, i) => parse(stageMetricSchema, metric, `metric ${i + 1}`))] as const;
  });
  doc.transact(() => {
    const root = sessionRoots(doc).metrics;
    for (const [id, clean] of entries) {
      if (clean.length === 0) root.delete(id);
      else root.set(id, clean);
    }
  }, origin);
}
