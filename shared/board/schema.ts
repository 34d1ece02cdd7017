/**
 * Board schema (v2): the one definition of a board's Y.Doc shape, shared by server, client and exporters.
 * See docs/schema.md. Root types and field names here are a public contract: change them only with a
 * new SCHEMA_VERSION and a migration of stored docs (there is none yet: v1 is the first version).
 */
import * as z from '../zod.js';
import { JOIN_ROLES, type MemberRole } from '../protocol.js';

/** Version written to `meta.schemaVersion`. v2 added the `actions` root (migrate.ts). */
export const SCHEMA_VERSION = 2 as const;

/** Names of the root types of a board doc. */
export const ROOT = {
  meta: 'meta',
  persona: 'persona',
  stages: 'stages',
  lanes: 'lanes',
  notes: 'notes',
  /** schema v2: action items (actions.ts) */
  actions: 'actions',
} as const;
/** Every root a board doc may contain; the server refuses updates that touch any other root. */
export const BOARD_ROOTS: readonly string[] = Object.values(ROOT);

/** Lane kinds of schema v1. */
export const LANE_KINDS = ['doing', 'thinking', 'feeling', 'touchpoints', 'pains', 'opportunities', 'custom'] as const;
export type LaneKind = (typeof LANE_KINDS)[number];

/** Suggested departments; any short free text is accepted. */
export const DEPARTMENTS = [
  'Support',
  'Sales',
  'Marketing',
  'Product',
  'Engineering',
  'Billing',
  'Onboarding',
  'Operations',
  'Legal',
  'Other',
] as const;

/** Emotion scale for feeling notes: -2 (very negative) .. 2 (very positive). */
export const EMOTION_MIN = -2;
export const EMOTION_MAX = 2;

/** Limits every writer must respect; the server enforces the ones that protect it. */
export const LIMITS = {
  titleChars: 200,
  personaFieldChars: 2000,
  stageTitleChars: 80,
  laneTitleChars: 80,
  noteTextChars: 2000,
  nameChars: 80,
  departmentChars: 60,
  stages: 40,
  lanes: 30,
} as const;

/**
 * Deepest shared type any doc of a board may hold, counted from its root: 1 = a note (or phase) map, 2 = a
 * note's text, votes or causes. The server refuses updates that nest deeper, so a small valid update cannot
 * build a tree deep enough to stall the event loop or overflow a recursive reader
 */
export const MAX_TYPE_DEPTH = 2;

/** Field names of the nested maps (one place, so readers and writers agree). */
export const META = {
  title: 'title',
  createdAt: 'createdAt',
  schemaVersion: 'schemaVersion',
  /** Written by the server with a vote's dots at its close: the key of the last vote whose close was counted. */
  talliedVote: 'talliedVote',
} as const;
export const PERSONA_FIELDS = ['name', 'description', 'goals', 'quote'] as const;
export type PersonaField = (typeof PERSONA_FIELDS)[number];
export const STAGE = { title: 'title', order: 'order' } as const;
export const LANE = { title: 'title', kind: 'kind', order: 'order' } as const;
export const NOTE = {
  text: 'text',
  stageId: 'stageId',
  laneId: 'laneId',
  order: 'order',
  authorId: 'authorId',
  authorName: 'authorName',
  authorRole: 'authorRole',
  department: 'department',
  createdAt: 'createdAt',
  emotion: 'emotion',
  momentOfTruth: 'momentOfTruth',
  votes: 'votes',
  causes: 'causes',
  ownerDepartment: 'ownerDepartment',
} as const;

/** Ids of stages, lanes, notes and members: uuid-like, bounded, no path characters. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const idSchema = z.string().check(z.regex(ID_PATTERN, 'invalid id'));

/** Trims and removes control characters (keeps newlines and tabs where text allows them). */
export function cleanLine(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
}
/** Like cleanLine but keeps line breaks (for multi-line persona fields). */
export function cleanText(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').replace(/\r\n?/g, '\n');
}

const line = (max: number) => z.pipe(z.pipe(z.string(), z.transform(cleanLine)), z.string().check(z.maxLength(max, `at most ${max} characters`)));
const text = (max: number) => z.pipe(z.pipe(z.string(), z.transform(cleanText)), z.string().check(z.maxLength(max, `at most ${max} characters`)));
/** A line that must not be empty once cleaned. */
const requiredLine = (max: number) => z.pipe(line(max), z.string().check(z.minLength(1, 'must not be empty')));

export const laneKindSchema = z.enum(LANE_KINDS);
export const joinRoleSchema = z.enum(JOIN_ROLES);
export const emotionSchema = z.number().check(z.int(), z.gte(EMOTION_MIN), z.lte(EMOTION_MAX));
export const titleSchema = requiredLine(LIMITS.titleChars);
export const stageTitleSchema = requiredLine(LIMITS.stageTitleChars);
export const laneTitleSchema = requiredLine(LIMITS.laneTitleChars);
export const nameSchema = requiredLine(LIMITS.nameChars);
export const departmentSchema = line(LIMITS.departmentChars);
export const noteTextSchema = text(LIMITS.noteTextChars);

/** A persona patch: only the fields given are validated and changed (no defaults, unlike personaSchema). */
export const personaPatchSchema = z.strictObject({
  name: z.optional(line(LIMITS.nameChars)),
  description: z.optional(text(LIMITS.personaFieldChars)),
  goals: z.optional(text(LIMITS.personaFieldChars)),
  quote: z.optional(text(LIMITS.personaFieldChars)),
});
/** A whole persona; missing fields become ''. */
export const personaSchema = z.strictObject({
  name: z._default(line(LIMITS.nameChars), ''),
  description: z._default(text(LIMITS.personaFieldChars), ''),
  goals: z._default(text(LIMITS.personaFieldChars), ''),
  quote: z._default(text(LIMITS.personaFieldChars), ''),
});
export type Persona = z.infer<typeof personaSchema>;

/** Plain views of the board, as read from a doc (see read.ts). */
export interface Stage {
  id: string;
  title: string;
  order: string;
}
export interface Lane {
  id: string;
  title: string;
  kind: LaneKind;
  order: string;
}
export interface Note {
  id: string;
  text: string;
  stageId: string;
  laneId: string;
  order: string;
  authorId: string;
  authorName: string;
  authorRole: MemberRole;
  department: string;
  createdAt: number;
  emotion: number | null;
  momentOfTruth: boolean;
  /** participantId -> dots placed on this note */
  votes: Record<string, number>;
  /** ids of the notes that caused this one (a set) */
  causes: string[];
  ownerDepartment: string;
}
export interface BoardMeta {
  title: string;
  createdAt: number;
  schemaVersion: number;
}

/** Who is acting: stamped on the notes they create. */
export interface Author {
  id: string;
  name: string;
  role: MemberRole;
  department: string;
}
