/**
 * Summary step for a follow-up session: "since the last session", a short digest of the comparison with the
 * previous board of the series (built by compare.ts, passed in through SummaryInput so the summary stays pure).
 */

/** What happened between the previous session of a series and this one (SUM-SINCE-1). */
export interface SinceLastSession {
  previous: { boardId: string; title: string; createdAt: number | null };
  /** 1-based position of this board in its series */
  position: number;
  actions: { done: number; open: number; dropped: number; carriedOver: number };
  pains: { new: number; gone: number; still: number };
  momentsOfTruth: { added: number; removed: number };
  /** stages whose mean emotion changed, biggest change first (at most SINCE_EMOTION_STAGES) */
  emotion: { stageTitle: string; then: number; now: number }[];
}

/** How many emotion changes the digest names. */
export const SINCE_EMOTION_STAGES = 3;

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function signed(value: number): string {
  return value > 0 ? `+${value}` : String(value);
}

/** The digest as plain sentences, the same in every format (renderers escape them). */
export function sinceLines(since: SinceLastSession): string[] {
  const a = since.actions;
  const p = since.pains;
  const lines = [
    `Actions: ${a.done} done, ${a.open} still open, ${a.dropped} dropped since the last session (${plural(a.carriedOver, 'action', 'actions')} carried over).`,
    `Pain points: ${p.new} new, ${p.gone} gone, ${p.still} still there.`,
    `Moments of truth: ${since.momentsOfTruth.added} added, ${since.momentsOfTruth.removed} removed.`,
  ];
  if (since.emotion.length > 0) {
    lines.push(`Feeling: ${since.emotion.map((e) => `${e.stageTitle} ${signed(e.then)} → ${signed(e.now)}`).join('; ')}.`);
  }
  return lines;
}
