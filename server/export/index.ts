/**
 * The export entry point: renderExport(format, { snapshot, summary }) -> { body, contentType, fileName }.
 * Each format is a pure renderer of the same Summary; this module only picks one and names the file.
 */
import type { BoardSnapshot } from '../../shared/board/snapshot.js';
import type { Summary } from '../../shared/board/summary.js';
import { renderCsv } from './csv.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import type { PdfOptions } from './pdf.js';
import { renderMapSvg } from './svg.js';
import { isoDate } from './text.js';

/** Every export format, by file extension. */
export const EXPORT_FORMATS = ['md', 'csv', 'json', 'html', 'pdf', 'svg', 'png'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Content-Type per format; text types carry charset=utf-8. */
export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  md: 'text/markdown; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  svg: 'image/svg+xml; charset=utf-8',
  png: 'image/png',
};

/** What every renderer receives. */
export interface ExportInput {
  snapshot: BoardSnapshot;
  summary: Summary;
}

/** A rendered export, ready to send. */
export interface ExportResult {
  body: Buffer | string;
  contentType: string;
  fileName: string;
}

/** Thrown for an unknown format (the route answers 404 or 400 with this code). */
export class ExportError extends Error {
  constructor(
    readonly code: 'unknown_format',
    message: string,
  ) {
    super(message);
    this.name = 'ExportError';
  }
}

/** True when `value` names an export format (use to validate the route's extension). */
export function isExportFormat(value: string): value is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value);
}

/**
 * ASCII-safe slug of a title: accents folded (é -> e), anything else outside [a-z0-9] becomes one dash,
 * at most 60 characters; 'journey' when nothing is left (e.g. an all-CJK title).
 */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  return slug === '' ? 'journey' : slug;
}

/** `<slug>-<YYYY-MM-DD>.<ext>`, dated by when the summary was generated (a checkpoint: when it was taken). */
export function exportFileName(summary: Summary, format: ExportFormat): string {
  const when = summary.checkpoint?.createdAt ?? summary.dates.generatedAt;
  const date = isoDate(when);
  const name = summary.checkpoint ? `${slugify(summary.title)}-${slugify(summary.checkpoint.name)}` : slugify(summary.title);
  return `${name}${date ? `-${date}` : ''}.${format}`;
}

/**
 * RFC 6266 Content-Disposition: `attachment; filename="<ascii>"; filename*=UTF-8''<percent-encoded>`.
 * The ASCII fallback replaces anything outside printable ASCII (and `"`, `\`, `%`) with `_`.
 */
export function contentDisposition(fileName: string, type: 'attachment' | 'inline' = 'attachment'): string {
  const ascii = fileName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Options that are not part of the summary (fonts for PDF/PNG). Defaults work out of the box. */
export interface RenderOptions {
  pdf?: PdfOptions;
}

/** Renders one format. Async because the PDF is produced as a stream. */
export async function renderExport(format: ExportFormat, input: ExportInput, options: RenderOptions = {}): Promise<ExportResult> {
  if (!isExportFormat(format)) throw new ExportError('unknown_format', `unknown export format: ${String(format).slice(0, 20)}`);
  const { summary, snapshot } = input;
  const fileName = exportFileName(summary, format);
  const contentType = EXPORT_CONTENT_TYPES[format];
  const body = await renderBody(format, snapshot, summary, options);
  return { body, contentType, fileName };
}

async function renderBody(format: ExportFormat, snapshot: BoardSnapshot, summary: Summary, options: RenderOptions): Promise<Buffer | string> {
  switch (format) {
    case 'md':
      return renderMarkdown(summary);
    case 'csv':
      return renderCsv(summary);
    case 'json':
      return renderJson(snapshot, summary);
    case 'html':
      return renderHtml(summary);
    case 'svg':
      return renderMapSvg(summary);
    // pdfkit, fontkit, resvg and the fonts cost ~40 MiB and ~150 ms: loaded by the first PDF or PNG export,
    // not at start.
    case 'png':
      return (await import('./png.js')).renderPng(summary);
    case 'pdf':
      return (await import('./pdf.js')).renderPdf(summary, options.pdf);
  }
}
