/** Plain-text tables of a Comparison, shared by its Markdown, HTML and PDF renderers (each escapes for its format). */
import { ACTION_STATUS_LABELS, type ActionStatus } from '../../shared/board/actions.js';
import { rankChanges, type ActionChange, type Comparison, type PainMatch, type SideInfo } from '../../shared/board/compare.js';
import { displayText, emotionText, longDateTime, metricText, oneLine } from './text.js';

/** `Session 1 “Invoicing” (20 Nov 2026, 09:00)`. */
export function sideText(side: SideInfo): string {
  const when = side.takenAt !== null ? ` (${longDateTime(side.takenAt)})` : '';
  return `${side.label} “${side.title}”${when}`;
}

/** CMP-STAGE-1 rows: stage, emotion then, emotion now, change. */
export function emotionRows(c: Comparison): string[][] {
  return c.stages.map((s) => [
    s.title + (s.thenTitle ? ` (was “${s.thenTitle}”)` : '') + (s.presence === 'added' ? ' (new stage)' : s.presence === 'removed' ? ' (removed)' : ''),
    s.presence === 'added' ? '—' : emotionText(s.emotionThen),
    s.presence === 'removed' ? '—' : emotionText(s.emotionNow),
    s.emotionThen !== null && s.emotionNow !== null ? emotionText(Math.round((s.emotionNow - s.emotionThen) * 100) / 100) : '—',
  ]);
}

/** How a pair was matched: `lineage` or `text 0.67`. */
export function matchText(m: PainMatch): string {
  return m.method === 'lineage' ? 'lineage' : `text similarity ${m.similarity.toFixed(2)}`;
}

/** CMP-MATCH-1 rows of pains still there: text now, stage, how matched. */
export function stillRows(c: Comparison): string[][] {
  return c.pains.still.map((m) => [oneLine(displayText(m.now.text)), m.now.stageTitle, matchText(m)]);
}

/** Rows of new or gone pains: text, stage, votes. */
export function painRows(list: Comparison['pains']['new']): string[][] {
  return list.map((p) => [oneLine(displayText(p.text)), p.stageTitle, String(p.votes)]);
}

/** CMP-RANK-1 rows: pain, rank then, rank now, change (`▲ 2`, `▼ 1`, `=`). */
export function rankRows(c: Comparison): string[][] {
  return rankChanges(c).map((m) => [
    oneLine(displayText(m.now.text)),
    `#${m.then.rank}`,
    `#${m.now.rank}`,
    m.rankChange > 0 ? `▲ ${m.rankChange}` : m.rankChange < 0 ? `▼ ${-m.rankChange}` : '=',
  ]);
}

/** CMP-STAGE-1 metric rows: stage, metric, then, now. */
export function metricRows(c: Comparison): string[][] {
  return c.stages.flatMap((s) =>
    s.metrics.map((m) => [s.title, m.metric, m.then === null ? '—' : metricText(m.then, m.unit), m.now === null ? '—' : metricText(m.now, m.unit)]),
  );
}

function statusText(status: ActionStatus | null, missing: string): string {
  return status === null ? missing : ACTION_STATUS_LABELS[status];
}

/** CMP-ACT-1 rows: action, department, owner and due date, status then → now. */
export function actionRows(list: readonly ActionChange[]): string[][] {
  return list.map((a) => [
    a.title,
    a.department || 'Unassigned',
    [a.owner, a.dueDate ? `due ${a.dueDate}` : ''].filter(Boolean).join(', ') || '—',
    `${statusText(a.statusThen, 'not yet agreed')} → ${statusText(a.statusNow, 'removed')}`,
  ]);
}

/** Section titles and empty texts, one place for every format. */
export const COMPARE_TEXT = {
  kicker: 'Journey comparison',
  emotion: 'Emotion curve, then and now',
  pains: 'Pain points',
  still: 'Still there',
  added: 'New',
  gone: 'Gone',
  ranks: 'Vote rank changes',
  moments: 'Moments of truth',
  metrics: 'Stage metrics, then and now',
  actions: 'Actions since then',
  done: 'Done',
  open: 'Still open',
  dropped: 'Dropped',
  method: 'How notes were matched',
  none: 'None.',
} as const;
