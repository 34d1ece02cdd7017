/** The comparison export entry point: renderCompare(format, comparison) -> { body, contentType, fileName }. */
import type { Comparison } from '../../shared/board/compare.js';
import type { CompareFormat } from '../../shared/series/api.js';
import { renderCompareHtml } from './compare-html.js';
import { renderCompareMarkdown } from './compare-markdown.js';
import { EXPORT_CONTENT_TYPES, slugify, type ExportResult } from './index.js';
import { isoDate } from './text.js';

/** Identifies the compare.json document type for importers. */
export const COMPARE_JSON_FORMAT = 'journeyroom.comparison' as const;

/** `<slug>-compare-<YYYY-MM-DD>.<ext>`, dated by the later side. */
export function compareFileName(c: Comparison, format: CompareFormat): string {
  const date = isoDate(c.now.takenAt);
  return `${slugify(c.now.title)}-compare${date ? `-${date}` : ''}.${format}`;
}

async function body(format: CompareFormat, c: Comparison): Promise<string | Buffer> {
  switch (format) {
    case 'md':
      return renderCompareMarkdown(c);
    case 'html':
      return renderCompareHtml(c);
    case 'pdf':
      // Loaded on first use, like the summary's PDF renderer: pdfkit and the fonts stay out of the start-up path.
      return (await import('./compare-pdf.js')).renderComparePdf(c);
    case 'json':
      // `<`, `>`, `&` as \u escapes, as in the summary's JSON, so the text stays inert if sniffed as HTML.
      return `${JSON.stringify({ format: COMPARE_JSON_FORMAT, version: c.version, comparison: c }, null, 2).replace(/[<>&]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
  }
}

/** Renders one comparison format. */
export async function renderCompare(format: CompareFormat, c: Comparison): Promise<ExportResult> {
  return { body: await body(format, c), contentType: EXPORT_CONTENT_TYPES[format], fileName: compareFileName(c, format) };
}
