/**
 * Session doc -> plain typed values. Never throws: every value is validated with the schemas of
 * schema.ts and an invalid or missing one reads as its default, because a doc may hold whatever an
 * older or buggy facilitator client wrote.
 */
import * as Y from 'yjs';
import { str } from '../board/doc.js';
import { sortOrdered } from '../board/order.js';
import {
  DEFAULT_DOTS_PER_PERSON,
  SESSION_KEY,
  SESSION_LIMITS,
  SESSION_ROOT,
  focusSchema,
  permissionsSchema,
  phaseTitleSchema,
  privateModeSchema,
  stageMetricSchema,
  timerSchema,
  voteSchema,
  type AgendaPhase,
  type FocusState,
  type Permissions,
  type PrivateModeState,
  type SessionSnapshot,
  type StageMetric,
  type TimerState,
  type VoteState,
} from './schema.js';

/** The timer before anyone started it. */
export const IDLE_TIMER: TimerState = Object.freeze({ status: 'idle', durationMs: 0, endsAt: null, remainingMs: null });

/** A closed vote with no lanes chosen (the UI then proposes the board's pain and opportunity lanes). */
export const CLOSED_VOTE: VoteState = Object.freeze({
  status: 'closed',
  laneIds: [],
  dotsPerPerson: DEFAULT_DOTS_PER_PERSON,
  hideCounts: false,
  openedAt: null,
  closedAt: null,
});

/** Private (silent brainstorm) mode off, never revealed. */
export const PRIVATE_MODE_OFF: PrivateModeState = Object.freeze({ on: false, startedAt: null, revealedAt: null });

/** The roots of a session doc. */
export interface SessionRoots {
  agenda: Y.Map<Y.Map<unknown>>;
  state: Y.Map<unknown>;
  metrics: Y.Map<unknown>;
}

/** Returns the root types of a session doc, creating them on first access as Yjs does. */
export function sessionRoots(doc: Y.Doc): SessionRoots {
  return {
    agenda: doc.getMap(SESSION_ROOT.agenda),
    state: doc.getMap(SESSION_ROOT.state),
    metrics: doc.getMap(SESSION_ROOT.metrics),
  };
}

/** Agenda phases sorted by (order, id); phases with an invalid title are dropped. */
export function readAgenda(doc: Y.Doc): AgendaPhase[] {
  const phases: AgendaPhase[] = [];
  sessionRoots(doc).agenda.forEach((value, id) => {
    if (!(value instanceof Y.Map)) return;
    const title = phaseTitleSchema.safeParse(value.get('title'));
    if (!title.success) return;
    phases.push({ id, title: title.data, order: str(value, 'order') });
  });
  return sortOrdered(phases).slice(0, SESSION_LIMITS.phases);
}

/** The timer; a running timer without an end or a paused one without a remainder reads as idle. */
export function readTimer(doc: Y.Doc): TimerState {
  const parsed = timerSchema.safeParse(sessionRoots(doc).state.get(SESSION_KEY.timer));
  if (!parsed.success) return { ...IDLE_TIMER };
  const timer = parsed.data;
  if (timer.status === 'running' && timer.endsAt === null) return { ...IDLE_TIMER };
  if (timer.status === 'paused' && timer.remainingMs === null) return { ...IDLE_TIMER };
  return timer;
}

/** The vote state, or a closed vote with the default dots. */
export function readVote(doc: Y.Doc): VoteState {
  const parsed = voteSchema.safeParse(sessionRoots(doc).state.get(SESSION_KEY.vote));
  return parsed.success ? parsed.data : { ...CLOSED_VOTE, laneIds: [] };
}

/** Private (silent brainstorm) mode, or off. */
export function readPrivateMode(doc: Y.Doc): PrivateModeState {
  const parsed = privateModeSchema.safeParse(sessionRoots(doc).state.get(SESSION_KEY.privateMode));
  return parsed.success ? parsed.data : { ...PRIVATE_MODE_OFF };
}

/** True only when `locked` is literally true: anything else a client wrote reads as unlocked. */
export function readLocked(doc: Y.Doc): boolean {
  // The one root it needs: the server asks this on every board update.
  return doc.getMap(SESSION_ROOT.state).get(SESSION_KEY.locked) === true;
}

/** Where the facilitator asked everyone to look, or null. */
export function readFocus(doc: Y.Doc): FocusState {
  const parsed = focusSchema.safeParse(sessionRoots(doc).state.get(SESSION_KEY.focus) ?? null);
  return parsed.success ? parsed.data : null;
}

/** Participants change only their own notes by default. */
export const DEFAULT_PERMISSIONS: Permissions = Object.freeze({ structure: false, deleteAnyNote: false });

/** The facilitator's switches; anything invalid reads as the defaults (closed). */
export function readPermissions(doc: Y.Doc): Permissions {
  const parsed = permissionsSchema.safeParse(sessionRoots(doc).state.get(SESSION_KEY.permissions));
  return parsed.success ? parsed.data : { ...DEFAULT_PERMISSIONS };
}

/** Metrics per stage; invalid entries are dropped one by one. */
export function readMetrics(doc: Y.Doc): Record<string, StageMetric[]> {
  const out: Record<string, StageMetric[]> = {};
  sessionRoots(doc).metrics.forEach((value, stageId) => {
    if (!Array.isArray(value)) return;
    const metrics: StageMetric[] = [];
    for (const entry of value.slice(0, SESSION_LIMITS.metricsPerStage)) {
      const parsed = stageMetricSchema.safeParse(entry);
      if (parsed.success) metrics.push(parsed.data);
    }
    if (metrics.length > 0) out[stageId] = metrics;
  });
  return out;
}

/** The whole session doc as plain data. The current phase is null when it names no existing phase. */
export function readSession(doc: Y.Doc): SessionSnapshot {
  const agenda = readAgenda(doc);
  const rawPhase = sessionRoots(doc).state.get(SESSION_KEY.phaseId);
  const phaseId = typeof rawPhase === 'string' && agenda.some((p) => p.id === rawPhase) ? rawPhase : null;
  return {
    agenda,
    phaseId,
    timer: readTimer(doc),
    vote: readVote(doc),
    privateMode: readPrivateMode(doc),
    locked: readLocked(doc),
    focus: readFocus(doc),
    permissions: readPermissions(doc),
    metrics: readMetrics(doc),
  };
}
