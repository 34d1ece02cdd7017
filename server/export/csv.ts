/**
 * Summary -> CSV: one row per note with every field. RFC 4180 (CRLF rows, fields with `"`, `,`, CR or LF
 * quoted, quotes doubled), UTF-8 with a byte-order mark so spreadsheets read accents correctly, and safe
 * against formula injection (OWASP "CSV Injection"): a text cell that starts with `=`, `+`, `-`, `@`,
 * tab, CR or NUL gets a leading `'` so a spreadsheet shows it as text instead of evaluating it.
 */
import type { Summary, SummaryNote } from '../../shared/board/summary.js';
import { isoDateTime } from './text.js';

/** UTF-8 byte-order mark, written first so Excel picks UTF-8. */
export const CSV_BOM = '\uFEFF';

/** Column names, in order (documented in docs/export.md). */
export const CSV_COLUMNS = [
  'note_id',
  'stage',
  'stage_position',
  'lane',
  'lane_kind',
  'text',
  'author',
  'role',
  'department',
  'emotion',
  'votes',
  'raw_votes',
  'moment_of_truth',
  'causes',
  'owner_department',
  'created_at',
] as const;

// eslint-disable-next-line no-control-regex
const FORMULA_START = /^[=+\-@\t\r\u0000]/;

/** Neutralises a user-controlled text cell that a spreadsheet would read as a formula. */
export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Quotes one field per RFC 4180 when it holds a quote, comma, CR or LF. */
export function quoteField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A text cell: neutralised, then quoted. */
function text(value: string): string {
  return quoteField(neutraliseFormula(value));
}

/** A number cell we produced ourselves: never user text, so no neutralising (keeps -2 numeric). */
function number(value: number | null): string {
  return value === null || !Number.isFinite(value) ? '' : String(value);
}

function causesOf(note: SummaryNote, byId: ReadonlyMap<string, SummaryNote>): string {
  return note.causeIds
    .map((id) => byId.get(id))
    .filter((c): c is SummaryNote => c !== undefined)
    .map((c) => `${c.text.trim() || c.id} (${c.stageTitle})`)
    .join('; ');
}

/** Renders every note of the summary as CSV text (BOM included). */
export function renderCsv(summary: Summary): string {
  const byId = new Map(summary.notes.map((n) => [n.id, n]));
  const position = new Map(summary.stages.map((s) => [s.id, s.position]));
  const rows = [CSV_COLUMNS.join(',')];
  for (const n of summary.notes) {
    rows.push(
      [
        text(n.id),
        text(n.stageTitle),
        number(position.get(n.stageId) ?? null),
        text(n.laneTitle),
        text(n.laneKind),
        text(n.text),
        text(n.authorName),
        text(n.authorRole),
        text(n.department),
        number(n.emotion),
        number(n.votes),
        number(n.rawVotes),
        n.momentOfTruth ? 'yes' : 'no',
        text(causesOf(n, byId)),
        text(n.ownerDepartment),
        text(isoDateTime(n.createdAt > 0 ? n.createdAt : null)),
      ].join(','),
    );
  }
  return `${CSV_BOM}${rows.join('\r\n')}\r\n`;
}
