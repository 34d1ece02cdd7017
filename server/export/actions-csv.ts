/**
 * Summary -> `export.actions.csv`: one row per action in columns issue trackers import (Jira, GitHub and
 * Linear CSV importers map Title/Description/Assignee-like columns by name). Same CSV rules as csv.ts:
 * RFC 4180, UTF-8 with BOM, and formula-safe text cells.
 */
import { ACTION_STATUS_LABELS } from '../../shared/board/actions.js';
import type { Summary } from '../../shared/board/summary.js';
import { trackerDescription } from './action-text.js';
import { CSV_BOM, neutraliseFormula, quoteField } from './csv.js';
import { slugify } from './index.js';
import { isoDate } from './text.js';

/** Column names, in order (documented in docs/export.md). */
export const ACTIONS_CSV_COLUMNS = ['Title', 'Description', 'Owner', 'Department', 'Due date', 'Status', 'Link'] as const;

function cell(value: string): string {
  return quoteField(neutraliseFormula(value));
}

/**
 * Every action of the summary, by department as the summary groups them. `boardLink` is the board's address
 * without any token (a credential must never end up in a tracker); it is also written into each description.
 */
export function renderActionsCsv(summary: Summary, boardLink: string): string {
  const rows = [ACTIONS_CSV_COLUMNS.join(',')];
  for (const group of summary.actions.groups) {
    for (const a of group.actions) {
      rows.push(
        [
          cell(a.title),
          cell(trackerDescription(a, boardLink)),
          cell(a.owner),
          cell(a.department),
          cell(a.dueDate),
          cell(ACTION_STATUS_LABELS[a.status]),
          cell(boardLink),
        ].join(','),
      );
    }
  }
  return `${CSV_BOM}${rows.join('\r\n')}\r\n`;
}

/** `<slug>-actions-<YYYY-MM-DD>.csv`. */
export function actionsCsvFileName(summary: Summary): string {
  const date = isoDate(summary.dates.generatedAt);
  return `${slugify(summary.title)}-actions${date ? `-${date}` : ''}.csv`;
}
