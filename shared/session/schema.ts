/**
 * The facilitator-only session doc of a board (room `<boardId>/session`). Only facilitator connections
 * may write it; the server refuses updates to it from anyone else, so participants and the projector
 * read it but can never change it, even with a hand-written client.
 */
import * as z from '../zod.js';
import { cleanLine } from '../board/schema.js';
import type { MemberRole } from '../protocol.js';

/** Root types of the session doc. */
export const SESSION_ROOT = {
  /** Y.Map<phaseId, Y.Map{ title, order }> */
  agenda: 'agenda',
  /** Y.Map of the keys in SESSION_KEY */
  state: 'state',
  /** Y.Map<stageId, StageMetric[]> (plain JSON values), imported from CSV */
  metrics: 'metrics',
} as const;
export const SESSION_ROOTS: readonly string[] = Object.values(SESSION_ROOT);

/** Keys of the `state` map; every value is plain JSON validated by the schemas below. */
export const SESSION_KEY = {
  phaseId: 'phaseId',
  timer: 'timer',
  vote: 'vote',
  privateMode: 'privateMode',
  locked: 'locked',
  focus: 'focus',
  permissions: 'permissions',
} as const;

export const DEFAULT_AGENDA = [
  'Welcome',
  'Persona',
  'Map the journey',
  'Silent brainstorm',
  'Vote',
  'Root causes',
  'Wrap-up',
] as const;

/** Limits of the session doc. */
export const SESSION_LIMITS = {
  phases: 30,
  phaseTitleChars: 80,
  /** longest timer a facilitator can set */
  timerMs: 24 * 3600_000,
  metricsPerStage: 12,
} as const;

/** A phase title: one clean line, 1..80 characters. */
export const phaseTitleSchema = z.pipe(
  z.pipe(z.string(), z.transform(cleanLine)),
  z.string().check(z.minLength(1, 'must not be empty'), z.maxLength(SESSION_LIMITS.phaseTitleChars, `at most ${SESSION_LIMITS.phaseTitleChars} characters`)),
);

/**
 * The timer. Times are server-clock milliseconds: clients correct their own clock with the offset
 * learned from GET /api/time, so everyone sees the same remaining time whatever their clock says.
 */
export const timerSchema = z.object({
  status: z.enum(['idle', 'running', 'paused']),
  /** total length as set, for the progress display */
  durationMs: z.number().check(z.int(), z.gte(0), z.lte(24 * 3600_000)),
  /** when running: server time at which it ends */
  endsAt: z.nullable(z.number().check(z.int())),
  /** when paused: what was left */
  remainingMs: z.nullable(z.number().check(z.int(), z.gte(0))),
});
export type TimerState = z.infer<typeof timerSchema>;

export const DEFAULT_DOTS_PER_PERSON = 3;
export const voteSchema = z.object({
  /** random id of this vote, so ballots of an earlier vote never count in a later one */
  id: z.optional(z.string().check(z.maxLength(64))),
  status: z.enum(['closed', 'open']),
  /** lanes open for voting */
  laneIds: z.array(z.string()).check(z.maxLength(50)),
  dotsPerPerson: z.number().check(z.int(), z.gte(1), z.lte(20)),
  /** hide counts from participants until the vote closes */
  hideCounts: z.boolean(),
  openedAt: z.nullable(z.number().check(z.int())),
  closedAt: z.nullable(z.number().check(z.int())),
});
export type VoteState = z.infer<typeof voteSchema>;

export const privateModeSchema = z.object({
  on: z.boolean(),
  startedAt: z.nullable(z.number().check(z.int())),
  /** server time of the last reveal */
  revealedAt: z.nullable(z.number().check(z.int())),
});
export type PrivateModeState = z.infer<typeof privateModeSchema>;

export const focusSchema = z.nullable(
  z.object({
    kind: z.enum(['stage', 'note']),
    id: z.string(),
    /** server time it was set: followers jump again when it changes */
    at: z.number().check(z.int()),
  }),
);
export type FocusState = z.infer<typeof focusSchema>;

export const stageMetricSchema = z.object({
  metric: z.string().check(z.minLength(1), z.maxLength(80)),
  // zod numbers exclude Infinity and NaN
  value: z.number(),
  unit: z._default(z.string().check(z.maxLength(20)), ''),
});
export type StageMetric = z.infer<typeof stageMetricSchema>;

/**
 * What participants may change besides their own notes (the server enforces it, docs/protocol.md): by default
 * the board's structure (title, persona, stages, lanes) and other people's notes are the facilitator's.
 */
export const permissionsSchema = z.object({
  /** participants may edit the title, persona, stages and lanes */
  structure: z.boolean(),
  /** participants may delete notes written by others */
  deleteAnyNote: z.boolean(),
});
export type Permissions = z.infer<typeof permissionsSchema>;

export interface AgendaPhase {
  id: string;
  title: string;
  order: string;
}

/** The session doc as plain data. */
export interface SessionSnapshot {
  agenda: AgendaPhase[];
  phaseId: string | null;
  timer: TimerState;
  vote: VoteState;
  privateMode: PrivateModeState;
  locked: boolean;
  focus: FocusState;
  permissions: Permissions;
  /** stageId -> metrics */
  metrics: Record<string, StageMetric[]>;
}

/** Attendance as kept by the server with the board (members table and connection times). */
export interface AttendanceEntry {
  memberId: string;
  name: string;
  role: MemberRole;
  department: string;
  firstJoinedAt: number;
  lastSeenAt: number;
  /** total connected time over all sessions */
  totalMs: number;
}

/** A named checkpoint: a full snapshot of the board taken by the facilitator. */
export interface CheckpointInfo {
  id: string;
  name: string;
  createdAt: number;
}
