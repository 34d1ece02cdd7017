/**
 * compareBoards(then, now) -> Comparison: what changed between two boards of a journey series, or between a
 * checkpoint and its board. Pure (no clock, no I/O): the same two snapshots always give the same value, which
 * every comparison export renders. Rules with IDs (CMP-*) are documented in docs/export.md.
 */
import { UNFINISHED_STATUSES, type ActionStatus } from './actions.js';
import type { BoardSnapshot } from './snapshot.js';
import { buildSummary, type RankedPain, type Summary } from './summary.js';
import { SINCE_EMOTION_STAGES, type SinceLastSession } from './summary-since.js';
import { matchByLineageThenText, SIMILARITY_THRESHOLD, type Match } from './text-similarity.js';
import type { SessionSnapshot } from '../session/schema.js';

/** Version of the Comparison shape (part of the compare.json contract). */
export const COMPARISON_VERSION = 1 as const;

/** One side of a comparison. */
export interface CompareSide {
  /** how the side is named in the documents, e.g. "Session 1" or "Checkpoint “Before voting”" */
  label: string;
  boardId: string;
  /** when this state is from: the board's creation or the checkpoint's time */
  takenAt: number | null;
  board: BoardSnapshot;
  session?: SessionSnapshot;
}

/** A side as the comparison names it. */
export interface SideInfo {
  label: string;
  boardId: string;
  title: string;
  takenAt: number | null;
}

/** A metric of a stage on both sides (CMP-STAGE-1). */
export interface MetricChange {
  metric: string;
  unit: string;
  then: number | null;
  now: number | null;
}

/** A stage on both sides, matched by id, else by title (CMP-STAGE-1). */
export interface StageChange {
  stageId: string;
  title: string;
  /** the title it had then, when it differs */
  thenTitle: string | null;
  presence: 'both' | 'added' | 'removed';
  emotionThen: number | null;
  emotionNow: number | null;
  metrics: MetricChange[];
}

/** A pain point on one side. */
export interface PainRef {
  noteId: string;
  text: string;
  stageTitle: string;
  rank: number;
  votes: number;
}

/** A pain point that is still there (CMP-MATCH-1). */
export interface PainMatch {
  then: PainRef;
  now: PainRef;
  method: Match['method'];
  similarity: number;
  /** then.rank - now.rank: positive when it climbed */
  rankChange: number;
}

/** A moment of truth on one side. */
export interface MomentRef {
  noteId: string;
  text: string;
  stageTitle: string;
}

/** An action whose state changed (CMP-ACT-1). */
export interface ActionChange {
  id: string;
  title: string;
  department: string;
  owner: string;
  dueDate: string;
  statusThen: ActionStatus | null;
  /** null when the action was removed */
  statusNow: ActionStatus | null;
}

/** The whole comparison. */
export interface Comparison {
  version: typeof COMPARISON_VERSION;
  then: SideInfo;
  now: SideInfo;
  /** how notes were matched, in words (stated in every export) */
  method: string;
  stages: StageChange[];
  pains: { new: PainRef[]; gone: PainRef[]; still: PainMatch[] };
  momentsOfTruth: { added: MomentRef[]; removed: MomentRef[]; kept: number };
  actions: { done: ActionChange[]; open: ActionChange[]; dropped: ActionChange[] };
}

/** The matching method as stated in the exports. */
export const MATCH_METHOD =
  `Pain points and moments of truth are matched by note lineage first (a note carried over into a follow-up keeps its id), ` +
  `then by text similarity (Dice coefficient of the word sets, at least ${SIMILARITY_THRESHOLD}). Each match says which method found it.`;

function titleKey(title: string): string {
  return title.trim().replace(/\s+/g, ' ').toLowerCase();
}

function metricKey(metric: string, unit: string): string {
  return `${titleKey(metric)}\u0000${titleKey(unit)}`;
}

function summarise(side: CompareSide): Summary {
  return buildSummary({ board: side.board, session: side.session, generatedAt: 0 });
}

function sideInfo(side: CompareSide, summary: Summary): SideInfo {
  return { label: side.label, boardId: side.boardId, title: summary.title, takenAt: side.takenAt };
}

/** CMP-STAGE-1: stages in the order of `now`, removed ones after, each with emotion means and metrics on both sides. */
function compareStages(then: Summary, now: Summary): StageChange[] {
  const thenById = new Map(then.stages.map((s) => [s.id, s]));
  const used = new Set<string>();
  const pairs = now.stages.map((stage) => {
    let old = thenById.get(stage.id);
    if (old && used.has(old.id)) old = undefined;
    if (!old) old = then.stages.find((s) => !used.has(s.id) && !now.stages.some((n) => n.id === s.id) && titleKey(s.title) === titleKey(stage.title));
    if (old) used.add(old.id);
    return { old, stage };
  });
  const metricsOf = (a: Summary['stages'][number] | undefined, b: Summary['stages'][number] | undefined): MetricChange[] => {
    const rows = new Map<string, MetricChange>();
    for (const m of a?.metrics ?? []) rows.set(metricKey(m.metric, m.unit), { metric: m.metric, unit: m.unit, then: m.value, now: null });
    for (const m of b?.metrics ?? []) {
      const key = metricKey(m.metric, m.unit);
      const row = rows.get(key) ?? { metric: m.metric, unit: m.unit, then: null, now: null };
      row.now = m.value;
      rows.set(key, row);
    }
    return [...rows.values()];
  };
  const changes: StageChange[] = pairs.map(({ old, stage }) => ({
    stageId: stage.id,
    title: stage.title,
    thenTitle: old && old.title !== stage.title ? old.title : null,
    presence: old ? 'both' : 'added',
    emotionThen: old?.emotion.mean ?? null,
    emotionNow: stage.emotion.mean,
    metrics: metricsOf(old, stage),
  }));
  for (const old of then.stages) {
    if (used.has(old.id)) continue;
    changes.push({
      stageId: old.id,
      title: old.title,
      thenTitle: null,
      presence: 'removed',
      emotionThen: old.emotion.mean,
      emotionNow: null,
      metrics: metricsOf(old, undefined),
    });
  }
  return changes;
}

function painRef(p: RankedPain): PainRef {
  return { noteId: p.note.id, text: p.note.text, stageTitle: p.note.stageTitle, rank: p.rank, votes: p.note.votes };
}

/** CMP-MATCH-1 and CMP-RANK-1: pains new, gone and still there, with their vote ranks then and now. */
function comparePains(then: Summary, now: Summary): Comparison['pains'] {
  const t = then.pains.map((p) => ({ id: p.note.id, text: p.note.text }));
  const n = now.pains.map((p) => ({ id: p.note.id, text: p.note.text }));
  const matches = matchByLineageThenText(t, n);
  const matchedThen = new Set(matches.map((m) => m.thenIndex));
  const matchedNow = new Set(matches.map((m) => m.nowIndex));
  const still: PainMatch[] = matches.map((m) => {
    const a = painRef(then.pains[m.thenIndex]!);
    const b = painRef(now.pains[m.nowIndex]!);
    return { then: a, now: b, method: m.method, similarity: m.similarity, rankChange: a.rank - b.rank };
  });
  return {
    new: now.pains.filter((_, i) => !matchedNow.has(i)).map(painRef),
    gone: then.pains.filter((_, i) => !matchedThen.has(i)).map(painRef),
    still,
  };
}

function momentRef(n: { noteId: string; text: string; stageTitle: string }): MomentRef {
  return { noteId: n.noteId, text: n.text, stageTitle: n.stageTitle };
}

/** CMP-MOT-1: moments of truth added or removed, matched like pains. */
function compareMoments(then: Summary, now: Summary): Comparison['momentsOfTruth'] {
  const t = then.momentsOfTruth.map((m) => ({ id: m.noteId, text: m.text }));
  const n = now.momentsOfTruth.map((m) => ({ id: m.noteId, text: m.text }));
  const matches = matchByLineageThenText(t, n);
  const matchedThen = new Set(matches.map((m) => m.thenIndex));
  const matchedNow = new Set(matches.map((m) => m.nowIndex));
  return {
    added: now.momentsOfTruth.filter((_, i) => !matchedNow.has(i)).map(momentRef),
    removed: then.momentsOfTruth.filter((_, i) => !matchedThen.has(i)).map(momentRef),
    kept: matches.length,
  };
}

/**
 * CMP-ACT-1: actions matched by id (carried-over actions keep theirs). Done since: done now and not then.
 * Dropped since: dropped now and not then, or unfinished then and gone now. Still open: open or in progress now.
 */
function compareActions(then: Summary, now: Summary): Comparison['actions'] {
  const all = (s: Summary) => s.actions.groups.flatMap((g) => g.actions);
  const thenById = new Map(all(then).map((a) => [a.id, a]));
  const nowIds = new Set<string>();
  const out: Comparison['actions'] = { done: [], open: [], dropped: [] };
  for (const a of all(now)) {
    nowIds.add(a.id);
    const before = thenById.get(a.id)?.status ?? null;
    const change: ActionChange = { id: a.id, title: a.title, department: a.department, owner: a.owner, dueDate: a.dueDate, statusThen: before, statusNow: a.status };
    if (a.status === 'done' && before !== 'done') out.done.push(change);
    else if (a.status === 'dropped' && before !== 'dropped') out.dropped.push(change);
    else if (UNFINISHED_STATUSES.includes(a.status)) out.open.push(change);
  }
  for (const a of all(then)) {
    if (nowIds.has(a.id) || !UNFINISHED_STATUSES.includes(a.status)) continue;
    out.dropped.push({ id: a.id, title: a.title, department: a.department, owner: a.owner, dueDate: a.dueDate, statusThen: a.status, statusNow: null });
  }
  return out;
}

/** Compares two states of a journey: `then` (earlier) and `now` (later). */
export function compareBoards(then: CompareSide, now: CompareSide): Comparison {
  const a = summarise(then);
  const b = summarise(now);
  return {
    version: COMPARISON_VERSION,
    then: sideInfo(then, a),
    now: sideInfo(now, b),
    method: MATCH_METHOD,
    stages: compareStages(a, b),
    pains: comparePains(a, b),
    momentsOfTruth: compareMoments(a, b),
    actions: compareActions(a, b),
  };
}

/** SUM-SINCE-1: the digest of a comparison with the previous session, for the top of a follow-up's summary. */
export function sinceLastSession(comparison: Comparison, position: number, nowActionsCarriedFrom: number): SinceLastSession {
  const emotion = comparison.stages
    .filter((s): s is StageChange & { emotionThen: number; emotionNow: number } => s.emotionThen !== null && s.emotionNow !== null && s.emotionThen !== s.emotionNow)
    .map((s, order) => ({ stageTitle: s.title, then: s.emotionThen, now: s.emotionNow, order }))
    .sort((x, y) => Math.abs(y.now - y.then) - Math.abs(x.now - x.then) || x.order - y.order)
    .slice(0, SINCE_EMOTION_STAGES)
    .map(({ stageTitle, then, now }) => ({ stageTitle, then, now }));
  return {
    previous: { boardId: comparison.then.boardId, title: comparison.then.title, createdAt: comparison.then.takenAt },
    position,
    actions: {
      done: comparison.actions.done.length,
      open: comparison.actions.open.length,
      dropped: comparison.actions.dropped.length,
      carriedOver: nowActionsCarriedFrom,
    },
    pains: { new: comparison.pains.new.length, gone: comparison.pains.gone.length, still: comparison.pains.still.length },
    momentsOfTruth: { added: comparison.momentsOfTruth.added.length, removed: comparison.momentsOfTruth.removed.length },
    emotion,
  };
}

/** Pains ordered for the "vote rank changes" table: by rank now, then rank then. */
export function rankChanges(comparison: Comparison): PainMatch[] {
  return [...comparison.pains.still].sort((x, y) => x.now.rank - y.now.rank || x.then.rank - y.then.rank);
}
