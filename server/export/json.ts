/** Summary + snapshot -> the versioned JSON export `{ format, version, snapshot, summary }` (docs/export.md). */
import type { BoardSnapshot } from '../../shared/board/snapshot.js';
import type { Summary } from '../../shared/board/summary.js';

/** Identifies the document type for importers. */
export const JSON_EXPORT_FORMAT = 'journeyroom.export' as const;
/** Bumped on any breaking change to the JSON export shape. */
export const JSON_EXPORT_VERSION = 1 as const;

/** The JSON export document. */
export interface JsonExport {
  format: typeof JSON_EXPORT_FORMAT;
  version: typeof JSON_EXPORT_VERSION;
  snapshot: BoardSnapshot;
  summary: Summary;
}

/** Builds the document (plain data). */
export function buildJsonExport(snapshot: BoardSnapshot, summary: Summary): JsonExport {
  return { format: JSON_EXPORT_FORMAT, version: JSON_EXPORT_VERSION, snapshot, summary };
}

/**
 * Serialises the document with two-space indentation. `<`, `>` and `&` are written as \u escapes (still
 * valid, identical JSON) so the text is inert even if some viewer sniffs it as HTML.
 */
export function renderJson(snapshot: BoardSnapshot, summary: Summary): string {
  return `${JSON.stringify(buildJsonExport(snapshot, summary), null, 2).replace(/[<>&]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
}
