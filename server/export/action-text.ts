/** Plain-text pieces of action items shared by every export format (the renderers escape them). */
import { ACTION_STATUS_LABELS } from '../../shared/board/actions.js';
import type { ActionSource, SummaryAction } from '../../shared/board/summary-actions.js';
import { displayText, oneLine } from './text.js';

/** `"text" (lane, stage)` for one source note, on one line. */
export function sourceText(source: ActionSource): string {
  return `“${oneLine(displayText(source.text))}” (${source.laneTitle}, ${source.stageTitle})`;
}

/** Status, owner and due date of an action: `In progress · owner Ana · due 2026-12-01`. */
export function actionDetails(action: SummaryAction): string {
  const parts = [ACTION_STATUS_LABELS[action.status]];
  if (action.owner.trim()) parts.push(`owner ${action.owner.trim()}`);
  if (action.dueDate) parts.push(`due ${action.dueDate}`);
  return parts.join(' · ');
}

/** Every source note of an action as one line each (`from “…” (lane, stage)`), plus a count of removed ones. */
export function sourceLines(action: SummaryAction): string[] {
  const lines = action.sources.map((source) => `from ${sourceText(source)}`);
  if (action.missingSources > 0) lines.push(`${action.missingSources} source ${action.missingSources === 1 ? 'note is' : 'notes are'} no longer on the board`);
  return lines;
}

/** The description an issue tracker gets: the action's own text, then its source notes. */
export function trackerDescription(action: SummaryAction, boardLink: string): string {
  const parts: string[] = [];
  if (action.description.trim()) parts.push(action.description.trim());
  const sources = sourceLines(action);
  if (sources.length > 0) parts.push(['Source notes:', ...sources.map((l) => `- ${l}`)].join('\n'));
  if (boardLink) parts.push(`Board: ${boardLink}`);
  return parts.join('\n\n');
}
