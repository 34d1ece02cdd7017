// Actions CSV: issue-tracker columns, source notes in the description, formula-safe cells, parsed back.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { buildSummary } from '../../shared/board/summary.js';
import { ACTIONS_CSV_COLUMNS, actionsCsvFileName, renderActionsCsv } from '../../server/export/actions-csv.js';
import { CSV_BOM } from '../../server/export/csv.js';
import { loadSummaryInput } from '../fixtures/load.js';

const summary = buildSummary(loadSummaryInput('workshop'));
const link = 'https://journey.example.org/b/board-1';
const csv = renderActionsCsv(summary, link);
const rows = parse<Record<string, string>>(csv.slice(CSV_BOM.length), { columns: true });

describe('actions CSV', () => {
  it('has a BOM, the tracker columns and one row per action, grouped by department', () => {
    expect(csv.startsWith(`${CSV_BOM}${ACTIONS_CSV_COLUMNS.join(',')}\r\n`)).toBe(true);
    expect(rows.map((r) => [r.Department, (r.Title ?? '').slice(0, 20), r.Status])).toEqual([
      ['Billing', 'Explain plan changes', 'Open'],
      ['Marketing', 'Show VAT on the pric', 'In progress'],
      ['Marketing', `'=HYPERLINK("http://`, 'Done'],
    ]);
  });

  it('puts the source notes and the board link in the description, and the link in its own column', () => {
    const billing = rows[0]!;
    expect(billing.Description).toBe(
      [
        'Pro-rated lines with a one-sentence explanation.',
        'Source notes:\n- from “Invoice shows a double charge after a plan change” (Pain points, Pay)\n- from “Explain plan changes on the invoice” (Opportunities, Pay)',
        `Board: ${link}`,
      ].join('\n\n'),
    );
    expect(rows.every((r) => r.Link === link)).toBe(true);
    expect(rows[1]).toMatchObject({ Owner: 'Lena', 'Due date': '2026-12-15' });
    expect(rows[2]!.Description).toContain('1 source note is no longer on the board');
  });

  it('neutralises cells a spreadsheet would evaluate', () => {
    expect(rows[2]!.Title!.startsWith(`'=`)).toBe(true);
    expect(rows[2]!.Owner).toBe(`'@Sam`);
    for (const row of rows) for (const value of Object.values(row)) expect(value).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('is only a header for a board without actions, and names the file by title and date', () => {
    const empty = buildSummary(loadSummaryInput('empty'));
    expect(renderActionsCsv(empty, link)).toBe(`${CSV_BOM}${ACTIONS_CSV_COLUMNS.join(',')}\r\n`);
    expect(actionsCsvFileName(summary)).toMatch(/^invoicing-journey-q4-workshop-actions-\d{4}-\d{2}-\d{2}\.csv$/);
  });
});
