/**
 * Layout helpers on top of pdfkit: page-space checks, section headings and tables whose rows never split
 * across pages (each row is measured with heightOfString first; a row that does not fit starts a new page
 * and the table header is repeated there). All text passes through `clean` (the font-coverage filter).
 */
import type PDFDocument from 'pdfkit';

type Doc = InstanceType<typeof PDFDocument>;

/** Palette and font names shared by the PDF renderer. */
export const PDF_STYLE = {
  ink: '#1f2d3a',
  muted: '#5b6570',
  rule: '#d9dee3',
  zebra: '#f5f7f9',
  headFill: '#1f2d3a',
  accent: '#c0392b',
  regular: 'body',
  bold: 'body-bold',
} as const;

/** A table column: header text, share of the width, alignment. */
export interface PdfColumn {
  header: string;
  /** relative width; columns share the content width in proportion */
  weight: number;
  align?: 'left' | 'right';
  bold?: boolean;
}

/** Tallest a single row may be: longer cell text is cut with an ellipsis instead of running off the page. */
export const MAX_ROW_HEIGHT = 320;
const CELL_PAD_X = 5;
const CELL_PAD_Y = 4;

/** Drawing context: the document plus the text filter every string goes through. */
export interface PdfContext {
  doc: Doc;
  clean: (text: string) => string;
}

/** Bottom edge of the writable area of the current page. */
/**
 * Registers the two fonts every Journeyroom PDF uses and collects the document's bytes: resolves with the whole
 * file once the caller ends the document.
 */
export function startPdf(doc: Doc, fonts: { regular: string; bold: string }): Promise<Buffer> {
  doc.registerFont(PDF_STYLE.regular, fonts.regular);
  doc.registerFont(PDF_STYLE.bold, fonts.bold);
  const chunks: Buffer[] = [];
  return new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

export function bottom(doc: Doc): number {
  return doc.page.height - doc.page.margins.bottom;
}

/** Width between the margins. */
export function contentWidth(doc: Doc): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

/** Starts a new page unless `height` points still fit on this one. */
export function ensureSpace(ctx: PdfContext, height: number): void {
  if (ctx.doc.y + height > bottom(ctx.doc)) ctx.doc.addPage();
}

/** A section heading kept together with at least `keepWith` points of what follows. */
export function heading(ctx: PdfContext, text: string, keepWith = 80): void {
  const { doc } = ctx;
  ensureSpace(ctx, 44 + keepWith);
  doc.moveDown(0.6);
  const x = doc.page.margins.left;
  doc.font(PDF_STYLE.bold).fontSize(15).fillColor(PDF_STYLE.ink).text(ctx.clean(text), x, doc.y, { width: contentWidth(doc) });
  const y = doc.y + 2;
  doc.moveTo(x, y).lineTo(x + contentWidth(doc), y).lineWidth(0.8).strokeColor(PDF_STYLE.rule).stroke();
  doc.y = y + 8;
}

/** A sub-heading (stage titles), kept with `keepWith` points of content. */
export function subheading(ctx: PdfContext, text: string, keepWith = 60): void {
  const { doc } = ctx;
  ensureSpace(ctx, 26 + keepWith);
  doc.moveDown(0.3);
  doc.font(PDF_STYLE.bold).fontSize(12).fillColor(PDF_STYLE.ink).text(ctx.clean(text), doc.page.margins.left, doc.y, { width: contentWidth(doc) });
  doc.moveDown(0.15);
}

/** A paragraph of body text. */
export function paragraph(ctx: PdfContext, text: string, opts: { size?: number; color?: string; bold?: boolean } = {}): void {
  const { doc } = ctx;
  doc
    .font(opts.bold ? PDF_STYLE.bold : PDF_STYLE.regular)
    .fontSize(opts.size ?? 10)
    .fillColor(opts.color ?? PDF_STYLE.ink);
  const clean = ctx.clean(text);
  ensureSpace(ctx, Math.min(doc.heightOfString(clean, { width: contentWidth(doc) }), 200));
  doc.text(clean, doc.page.margins.left, doc.y, { width: contentWidth(doc) });
}

function columnWidths(doc: Doc, columns: readonly PdfColumn[]): number[] {
  const total = columns.reduce((s, c) => s + c.weight, 0);
  return columns.map((c) => (contentWidth(doc) * c.weight) / total);
}

function cellHeight(doc: Doc, text: string, width: number, bold: boolean, size: number): number {
  doc.font(bold ? PDF_STYLE.bold : PDF_STYLE.regular).fontSize(size);
  return doc.heightOfString(text === '' ? ' ' : text, { width: width - CELL_PAD_X * 2 });
}

function drawHeader(ctx: PdfContext, columns: readonly PdfColumn[], widths: readonly number[]): void {
  const { doc } = ctx;
  const size = 8.5;
  const h = Math.max(...columns.map((c, i) => cellHeight(doc, ctx.clean(c.header), widths[i] ?? 50, true, size))) + CELL_PAD_Y * 2;
  let x = doc.page.margins.left;
  const y = doc.y;
  doc.rect(x, y, contentWidth(doc), h).fill(PDF_STYLE.headFill);
  columns.forEach((c, i) => {
    const w = widths[i] ?? 50;
    doc
      .font(PDF_STYLE.bold)
      .fontSize(size)
      .fillColor('#ffffff')
      .text(ctx.clean(c.header), x + CELL_PAD_X, y + CELL_PAD_Y, { width: w - CELL_PAD_X * 2, align: c.align ?? 'left', lineBreak: true });
    x += w;
  });
  doc.y = y + h;
}

/**
 * Draws a table. Rows are measured first; a row that does not fit on the page moves to the next page
 * (with the header repeated), so no row is ever split. An empty table prints `empty` instead.
 */
export function table(
  ctx: PdfContext,
  columns: readonly PdfColumn[],
  rows: readonly string[][],
  empty: string,
  options: { size?: number; continued?: string } = {},
): void {
  const size = options.size ?? 9;
  const { doc } = ctx;
  if (rows.length === 0) {
    paragraph(ctx, empty, { color: PDF_STYLE.muted, size: 9.5 });
    doc.moveDown(0.4);
    return;
  }
  const widths = columnWidths(doc, columns);
  const measure = (row: readonly string[]) =>
    Math.min(
      MAX_ROW_HEIGHT,
      Math.max(...columns.map((c, i) => cellHeight(doc, ctx.clean(row[i] ?? ''), widths[i] ?? 50, c.bold ?? false, size))),
    ) +
    CELL_PAD_Y * 2;
  const firstRow = rows[0];
  // Keep the header with the first row.
  ensureSpace(ctx, 24 + (firstRow ? measure(firstRow) : 0));
  drawHeader(ctx, columns, widths);
  rows.forEach((row, index) => {
    const h = measure(row);
    if (doc.y + h > bottom(doc)) {
      doc.addPage();
      if (options.continued) {
        doc
          .font(PDF_STYLE.regular)
          .fontSize(8.5)
          .fillColor(PDF_STYLE.muted)
          .text(ctx.clean(`${options.continued} (continued)`), doc.page.margins.left, doc.y, { width: contentWidth(doc) });
        doc.moveDown(0.2);
      }
      drawHeader(ctx, columns, widths);
    }
    const y = doc.y;
    if (index % 2 === 1) doc.rect(doc.page.margins.left, y, contentWidth(doc), h).fill(PDF_STYLE.zebra);
    let x = doc.page.margins.left;
    columns.forEach((c, i) => {
      const w = widths[i] ?? 50;
      doc
        .font(c.bold ? PDF_STYLE.bold : PDF_STYLE.regular)
        .fontSize(size)
        .fillColor(PDF_STYLE.ink)
        .text(ctx.clean(row[i] ?? ''), x + CELL_PAD_X, y + CELL_PAD_Y, {
          width: w - CELL_PAD_X * 2,
          height: h - CELL_PAD_Y * 2,
          ellipsis: true,
          align: c.align ?? 'left',
        });
      x += w;
    });
    doc
      .moveTo(doc.page.margins.left, y + h)
      .lineTo(doc.page.margins.left + contentWidth(doc), y + h)
      .lineWidth(0.5)
      .strokeColor(PDF_STYLE.rule)
      .stroke();
    doc.y = y + h;
  });
  doc.x = doc.page.margins.left;
  doc.moveDown(0.6);
}
