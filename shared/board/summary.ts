/**
 * buildSummary(input) -> Summary: the one model every export format renders, so formats never disagree.
 * Pure: no clock, no I/O, no Node or DOM; the same input always gives the same Summary. Rules with IDs
 * (SUM-*) are documented in docs/export.md.
 */
import { compareOrdered } from './order.js';
import type { LaneKind, Note, Persona } from './schema.js';
import type { MemberRole } from '../protocol.js';
import type { BoardSnapshot } from './snapshot.js';
import { summariseActions, type SummaryActions } from './summary-actions.js';
import { walkCauses } from './summary-causes.js';
import type { SinceLastSession } from './summary-since.js';
import { countCappedVotes, type NoteVotes } from './summary-votes.js';
import {
  DEFAULT_DOTS_PER_PERSON,
  type AttendanceEntry,
  type CheckpointInfo,
  type SessionSnapshot,
  type StageMetric,
} from '../session/schema.js';

/** Version of the Summary shape (part of the JSON export contract). */
export const SUMMARY_VERSION = 1 as const;
/** Shown wherever a note has no text, so an empty sticky never renders as a blank cell. */
export const EMPTY_NOTE_LABEL = '(empty note)';
/** Department label for pains and voices that name no department. */
export const NO_DEPARTMENT_LABEL = 'Unassigned';
/** How many pains the "at a glance" section lists. */
export const TOP_PAINS_AT_A_GLANCE = 3;

/** What buildSummary needs; everything but the board and the clock reading is optional. */
export interface SummaryInput {
  board: BoardSnapshot;
  session?: SessionSnapshot;
  attendance?: AttendanceEntry[];
  checkpoints?: CheckpointInfo[];
  /** ms since epoch, passed in so the function stays pure */
  generatedAt: number;
  /** set when the export is of a checkpoint rather than the live board */
  checkpoint?: CheckpointInfo;
  /** for a follow-up session: what changed since the previous board of its series (summary-since.ts) */
  since?: SinceLastSession;
}

/** A note with its place on the map resolved and its votes counted. */
export interface SummaryNote {
  id: string;
  text: string;
  stageId: string;
  stageTitle: string;
  laneId: string;
  laneTitle: string;
  laneKind: LaneKind;
  authorName: string;
  authorRole: MemberRole;
  department: string;
  emotion: number | null;
  momentOfTruth: boolean;
  /** dots that count after the per-participant cap (SUM-VOTE-1) */
  votes: number;
  /** dots as placed */
  rawVotes: number;
  ownerDepartment: string;
  createdAt: number;
  /** ids of the notes linked as causes that still exist, in board order */
  causeIds: string[];
}

/** A reference to another note (a cause, a moment of truth). */
export interface NoteRef {
  noteId: string;
  text: string;
  stageId: string;
  stageTitle: string;
  laneTitle: string;
  laneKind: LaneKind;
  authorRole: MemberRole;
  department: string;
  ownerDepartment: string;
}

/** An upstream note of a pain. */
export interface CauseRef extends NoteRef {
  /** 1 = linked directly to the pain; 2+ = cause of a cause */
  depth: number;
  viaNoteId: string;
}

export interface SummaryLaneCell {
  laneId: string;
  laneTitle: string;
  laneKind: LaneKind;
  notes: SummaryNote[];
}

/** Mean emotion of the feeling notes of one stage (SUM-EMO-1). */
export interface EmotionPoint {
  stageId: string;
  stageTitle: string;
  /** rounded to 2 decimals; null when no feeling note of the stage has an emotion */
  mean: number | null;
  count: number;
}

export interface SummaryStage {
  id: string;
  title: string;
  /** 1-based position on the map */
  position: number;
  lanes: SummaryLaneCell[];
  metrics: StageMetric[];
  emotion: EmotionPoint;
}

export interface RankedPain {
  /** competition ranking: equal votes share a rank (1, 2, 2, 4) */
  rank: number;
  note: SummaryNote;
  /** participants whose counted dots are on this pain */
  voters: number;
  /** the pain's ownerDepartment, or '' when nobody owns it yet */
  ownerDepartment: string;
  /** direct causes first, then the transitive chain, each at most once (SUM-CAUSE-1) */
  causes: CauseRef[];
  /** cause links to notes that no longer exist */
  danglingCauses: number;
  causesTruncated: boolean;
  /** departments this pain traces back to (SUM-DEPT-1), display spelling, sorted */
  departments: string[];
}

/** One row of the breakdown by owning department (SUM-DEPT-1). */
export interface DepartmentBreakdown {
  department: string;
  /** pains whose ownerDepartment is this department */
  owned: number;
  /** pains with at least one upstream cause attributed to this department */
  viaCauses: number;
  /** distinct pains that trace back to this department either way */
  pains: number;
  /** counted votes of those pains, added up */
  votes: number;
}

export interface RankedOpportunity {
  rank: number;
  note: SummaryNote;
  ownerDepartment: string;
}

/** Who spoke: notes per customer / department / facilitator (SUM-VOICE-1). */
export interface VoiceRow {
  label: string;
  role: MemberRole;
  /** department for stakeholder rows, '' for customers and facilitators */
  department: string;
  notes: number;
  people: number;
}

export interface Voices {
  rows: VoiceRow[];
  totalNotes: number;
  /** distinct authors across all notes */
  people: number;
  customerNotes: number;
  stakeholderNotes: number;
}

export interface AttendanceSummary {
  entries: AttendanceEntry[];
  total: number;
  byRole: Record<MemberRole, number>;
}

export interface AtAGlance {
  topPains: RankedPain[];
  lowestEmotionStage: EmotionPoint | null;
  momentsOfTruth: number;
  /** attendance count when known, else distinct note authors */
  participants: number;
  notes: number;
}

/** The whole summary. Every export format is a rendering of this value. */
export interface Summary {
  version: typeof SUMMARY_VERSION;
  title: string;
  dates: {
    boardCreatedAt: number | null;
    generatedAt: number;
    firstAttendanceAt: number | null;
    lastAttendanceAt: number | null;
  };
  checkpoint: CheckpointInfo | null;
  persona: Persona;
  vote: { dotsPerPerson: number };
  lanes: { id: string; title: string; kind: LaneKind }[];
  stages: SummaryStage[];
  /** every placed note in board order: stage, lane, then (order, id) */
  notes: SummaryNote[];
  emotionCurve: EmotionPoint[];
  momentsOfTruth: NoteRef[];
  pains: RankedPain[];
  departments: DepartmentBreakdown[];
  /** pains that trace back to no department at all */
  painsWithoutDepartment: number;
  opportunities: RankedOpportunity[];
  voices: Voices;
  attendance: AttendanceSummary;
  checkpoints: CheckpointInfo[];
  atAGlance: AtAGlance;
  /** action items by owning department (SUM-ACT-1) */
  actions: SummaryActions;
  /** follow-up sessions only: what happened since the previous session (SUM-SINCE-1) */
  since: SinceLastSession | null;
  /** data that was skipped (notes in unknown stages, metrics for unknown stages, ...) */
  problems: string[];
}

/** Text for display: the note's text trimmed, or EMPTY_NOTE_LABEL. */
export function noteLabel(text: string): string {
  const trimmed = text.trim();
  return trimmed === '' ? EMPTY_NOTE_LABEL : trimmed;
}

/** Case- and space-insensitive key so "billing " and "Billing" are one department. */
function deptKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Sorts by a number descending, then by a tie-break ascending; stable and total. */
function byDesc<T>(value: (item: T) => number, tie: (a: T, b: T) => number): (a: T, b: T) => number {
  return (a, b) => value(b) - value(a) || tie(a, b);
}

/** Competition ranks for a list already sorted by `value` descending. */
function ranks<T>(sorted: readonly T[], value: (item: T) => number): number[] {
  const out: number[] = [];
  sorted.forEach((item, index) => {
    const prev = sorted[index - 1];
    out.push(prev !== undefined && value(prev) === value(item) ? (out[index - 1] ?? index + 1) : index + 1);
  });
  return out;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/** SUM-DEPT-1: a cause counts for its owner department, else for its stakeholder author's department. */
function causeDepartment(cause: NoteRef): string {
  if (cause.ownerDepartment !== '') return cause.ownerDepartment;
  return cause.authorRole === 'stakeholder' ? cause.department : '';
}

function personKey(note: Note): string {
  return note.authorId !== '' ? `id:${note.authorId}` : `name:${note.authorName}`;
}

/** Builds the Summary. Never throws on odd data: it is skipped and listed in `problems`. */
export function buildSummary(input: SummaryInput): Summary {
  const { board } = input;
  const problems = [...board.problems];
  const stagesSorted = [...board.stages].sort(compareOrdered);
  const lanesSorted = [...board.lanes].sort(compareOrdered);
  const stageIndex = new Map(stagesSorted.map((s, i) => [s.id, i]));
  const laneIndex = new Map(lanesSorted.map((l, i) => [l.id, i]));
  const stageById = new Map(stagesSorted.map((s) => [s.id, s]));
  const laneById = new Map(lanesSorted.map((l) => [l.id, l]));

  // SUM-ORDER-1: board order is stage order, then lane order, then (order, id) inside the cell.
  const placed: Note[] = [];
  for (const note of board.notes) {
    if (!stageById.has(note.stageId) || !laneById.has(note.laneId)) {
      problems.push(`note ${note.id}: unknown stage or lane, left out of the summary`);
      continue;
    }
    placed.push(note);
  }
  placed.sort(
    (a, b) =>
      (stageIndex.get(a.stageId) ?? 0) - (stageIndex.get(b.stageId) ?? 0) ||
      (laneIndex.get(a.laneId) ?? 0) - (laneIndex.get(b.laneId) ?? 0) ||
      compareOrdered(a, b),
  );
  const notesById = new Map(placed.map((n) => [n.id, n]));
  const boardOrder = new Map(placed.map((n, i) => [n.id, i]));

  const dotsPerPerson = input.session?.vote.dotsPerPerson ?? DEFAULT_DOTS_PER_PERSON;
  const votes = countCappedVotes(placed, dotsPerPerson);
  const noVotes: NoteVotes = { counted: 0, raw: 0, voters: 0 };

  const summaryNotes: SummaryNote[] = placed.map((note) => {
    const stage = stageById.get(note.stageId);
    const lane = laneById.get(note.laneId);
    const v = votes.get(note.id) ?? noVotes;
    return {
      id: note.id,
      text: note.text,
      stageId: note.stageId,
      stageTitle: stage?.title ?? '',
      laneId: note.laneId,
      laneTitle: lane?.title ?? '',
      laneKind: lane?.kind ?? 'custom',
      authorName: note.authorName,
      authorRole: note.authorRole,
      department: note.department.trim(),
      emotion: note.emotion,
      momentOfTruth: note.momentOfTruth,
      votes: v.counted,
      rawVotes: v.raw,
      ownerDepartment: note.ownerDepartment.trim(),
      createdAt: note.createdAt,
      causeIds: note.causes.filter((id) => notesById.has(id)).sort((a, b) => (boardOrder.get(a) ?? 0) - (boardOrder.get(b) ?? 0)),
    };
  });
  const summaryById = new Map(summaryNotes.map((n) => [n.id, n]));
  const refOf = (n: SummaryNote): NoteRef => ({
    noteId: n.id,
    text: n.text,
    stageId: n.stageId,
    stageTitle: n.stageTitle,
    laneTitle: n.laneTitle,
    laneKind: n.laneKind,
    authorRole: n.authorRole,
    department: n.department,
    ownerDepartment: n.ownerDepartment,
  });

  // Metrics per stage; metrics for stages that are not on the board are reported, not shown.
  const metrics = input.session?.metrics ?? {};
  for (const stageId of Object.keys(metrics).sort()) {
    if (!stageById.has(stageId)) problems.push(`metrics for unknown stage ${stageId.slice(0, 64)} left out`);
  }

  // SUM-EMO-1: mean of the emotions of notes in `feeling` lanes that have one, per stage.
  const byCell = new Map<string, SummaryNote[]>();
  for (const n of summaryNotes) {
    const key = `${n.stageId}\u0000${n.laneId}`;
    const cell = byCell.get(key);
    if (cell) cell.push(n);
    else byCell.set(key, [n]);
  }
  const stages: SummaryStage[] = stagesSorted.map((stage, i) => {
    const cells: SummaryLaneCell[] = lanesSorted.map((lane) => ({
      laneId: lane.id,
      laneTitle: lane.title,
      laneKind: lane.kind,
      notes: byCell.get(`${stage.id}\u0000${lane.id}`) ?? [],
    }));
    const emotions = cells
      .filter((c) => c.laneKind === 'feeling')
      .flatMap((c) => c.notes)
      .map((n) => n.emotion)
      .filter((e): e is number => e !== null);
    const mean = emotions.length > 0 ? round2(emotions.reduce((s, e) => s + e, 0) / emotions.length) : null;
    return {
      id: stage.id,
      title: stage.title,
      position: i + 1,
      lanes: cells,
      metrics: [...(metrics[stage.id] ?? [])],
      emotion: { stageId: stage.id, stageTitle: stage.title, mean, count: emotions.length },
    };
  });
  const emotionCurve = stages.map((s) => s.emotion);

  const momentsOfTruth = summaryNotes.filter((n) => n.momentOfTruth).map(refOf);

  // Pains: notes in `pains` lanes, ranked by counted votes, ties by raw votes, then board order.
  const tieBoard = (a: { note: SummaryNote }, b: { note: SummaryNote }) =>
    (boardOrder.get(a.note.id) ?? 0) - (boardOrder.get(b.note.id) ?? 0);
  const painNotes = summaryNotes
    .filter((n) => n.laneKind === 'pains')
    .map((note) => ({ note }))
    .sort(byDesc((p) => p.note.votes, (a, b) => b.note.rawVotes - a.note.rawVotes || tieBoard(a, b)));
  const painRanks = ranks(painNotes, (p) => p.note.votes);
  const deptDisplay = new Map<string, string>();
  const remember = (name: string): string | null => {
    const key = deptKey(name);
    if (key === '') return null;
    if (!deptDisplay.has(key)) deptDisplay.set(key, name.trim().replace(/\s+/g, ' '));
    return key;
  };
  // Register display spellings in board order so the first-seen spelling wins deterministically.
  for (const n of summaryNotes) {
    remember(n.ownerDepartment);
    remember(n.department);
  }
  const pains: RankedPain[] = painNotes.map(({ note }, i) => {
    const walk = walkCauses(note.id, notesById, boardOrder);
    const causes: CauseRef[] = walk.steps.flatMap((step) => {
      const cause = summaryById.get(step.noteId);
      return cause ? [{ ...refOf(cause), depth: step.depth, viaNoteId: step.viaNoteId }] : [];
    });
    // SUM-DEPT-1: the owner of the pain, plus for every upstream cause its owner, or when it has none,
    // the department of the stakeholder who wrote it (customers and facilitators name no department).
    const keys = new Set<string>();
    const own = remember(note.ownerDepartment);
    if (own) keys.add(own);
    for (const cause of causes) {
      const key = remember(causeDepartment(cause));
      if (key) keys.add(key);
    }
    return {
      rank: painRanks[i] ?? i + 1,
      note,
      voters: votes.get(note.id)?.voters ?? 0,
      ownerDepartment: note.ownerDepartment,
      causes,
      danglingCauses: walk.dangling,
      causesTruncated: walk.truncated,
      departments: [...keys].map((k) => deptDisplay.get(k) ?? k).sort(compareText),
    };
  });

  const breakdown = new Map<string, DepartmentBreakdown>();
  let painsWithoutDepartment = 0;
  for (const pain of pains) {
    const ownKey = deptKey(pain.ownerDepartment);
    if (pain.departments.length === 0) painsWithoutDepartment += 1;
    for (const display of pain.departments) {
      const key = deptKey(display);
      const row = breakdown.get(key) ?? { department: display, owned: 0, viaCauses: 0, pains: 0, votes: 0 };
      const owned = key === ownKey;
      const viaCause = pain.causes.some((c) => deptKey(causeDepartment(c)) === key);
      if (owned) row.owned += 1;
      if (viaCause) row.viaCauses += 1;
      row.pains += 1;
      row.votes += pain.note.votes;
      breakdown.set(key, row);
    }
  }
  const departments = [...breakdown.values()].sort(
    byDesc((d) => d.pains, (a, b) => b.votes - a.votes || compareText(a.department.toLowerCase(), b.department.toLowerCase())),
  );

  const oppNotes = summaryNotes
    .filter((n) => n.laneKind === 'opportunities')
    .map((note) => ({ note }))
    .sort(byDesc((o) => o.note.votes, (a, b) => b.note.rawVotes - a.note.rawVotes || tieBoard(a, b)));
  const oppRanks = ranks(oppNotes, (o) => o.note.votes);
  const opportunities: RankedOpportunity[] = oppNotes.map(({ note }, i) => ({
    rank: oppRanks[i] ?? i + 1,
    note,
    ownerDepartment: note.ownerDepartment,
  }));

  const voices = buildVoices(placed, remember, deptDisplay);
  const attendance = buildAttendance(input.attendance ?? []);
  const checkpoints = [...(input.checkpoints ?? [])].sort((a, b) => a.createdAt - b.createdAt || compareText(a.id, b.id));

  const withEmotion = emotionCurve.filter((p): p is EmotionPoint & { mean: number } => p.mean !== null);
  // Lowest mean wins; on a tie the earlier stage, as that is where the journey first dips.
  const lowestEmotionStage = withEmotion.reduce<EmotionPoint | null>(
    (low, p) => (low === null || (low.mean !== null && p.mean < low.mean) ? p : low),
    null,
  );
  const times = attendance.entries;
  return {
    version: SUMMARY_VERSION,
    title: board.meta.title.trim() || 'Untitled journey',
    dates: {
      boardCreatedAt: board.meta.createdAt > 0 ? board.meta.createdAt : null,
      generatedAt: input.generatedAt,
      firstAttendanceAt: times.length > 0 ? Math.min(...times.map((e) => e.firstJoinedAt)) : null,
      lastAttendanceAt: times.length > 0 ? Math.max(...times.map((e) => e.lastSeenAt)) : null,
    },
    checkpoint: input.checkpoint ? { ...input.checkpoint } : null,
    persona: { ...board.persona },
    vote: { dotsPerPerson },
    lanes: lanesSorted.map((l) => ({ id: l.id, title: l.title, kind: l.kind })),
    stages,
    notes: summaryNotes,
    emotionCurve,
    momentsOfTruth,
    pains,
    departments,
    painsWithoutDepartment,
    opportunities,
    voices,
    attendance,
    checkpoints,
    atAGlance: {
      topPains: pains.slice(0, TOP_PAINS_AT_A_GLANCE),
      lowestEmotionStage,
      momentsOfTruth: momentsOfTruth.length,
      participants: attendance.total > 0 ? attendance.total : voices.people,
      notes: summaryNotes.length,
    },
    actions: summariseActions(board.actions, summaryNotes),
    since: input.since ?? null,
    problems,
  };
}

/** SUM-VOICE-1: one row for customers, one per stakeholder department, one for the facilitator. */
function buildVoices(
  notes: readonly Note[],
  remember: (name: string) => string | null,
  deptDisplay: ReadonlyMap<string, string>,
): Voices {
  const groups = new Map<string, { role: MemberRole; department: string; notes: number; people: Set<string> }>();
  const everyone = new Set<string>();
  for (const note of notes) {
    const key = note.authorRole === 'stakeholder' ? `s:${remember(note.department) ?? ''}` : note.authorRole;
    const group = groups.get(key) ?? {
      role: note.authorRole,
      department: note.authorRole === 'stakeholder' ? (deptDisplay.get(key.slice(2)) ?? '') : '',
      notes: 0,
      people: new Set<string>(),
    };
    group.notes += 1;
    group.people.add(personKey(note));
    everyone.add(personKey(note));
    groups.set(key, group);
  }
  const roleOrder: Record<MemberRole, number> = { customer: 0, stakeholder: 1, facilitator: 2 };
  const rows: VoiceRow[] = [...groups.values()]
    .map((g) => ({
      label:
        g.role === 'customer' ? 'Customers' : g.role === 'facilitator' ? 'Facilitator' : g.department || `Stakeholders (${NO_DEPARTMENT_LABEL.toLowerCase()})`,
      role: g.role,
      department: g.department,
      notes: g.notes,
      people: g.people.size,
    }))
    .sort(
      (a, b) =>
        roleOrder[a.role] - roleOrder[b.role] || b.notes - a.notes || compareText(a.label.toLowerCase(), b.label.toLowerCase()),
    );
  return {
    rows,
    totalNotes: notes.length,
    people: everyone.size,
    customerNotes: notes.filter((n) => n.authorRole === 'customer').length,
    stakeholderNotes: notes.filter((n) => n.authorRole === 'stakeholder').length,
  };
}

function buildAttendance(entries: readonly AttendanceEntry[]): AttendanceSummary {
  const sorted = [...entries].sort(
    (a, b) => a.firstJoinedAt - b.firstJoinedAt || compareText(a.name, b.name) || compareText(a.memberId, b.memberId),
  );
  const byRole: Record<MemberRole, number> = { customer: 0, stakeholder: 0, facilitator: 0 };
  for (const e of sorted) byRole[e.role] += 1;
  return { entries: sorted.map((e) => ({ ...e })), total: sorted.length, byRole };
}
