/** Comparison -> PDF (`compare.pdf`) with pdfkit: the two emotion curves as vector graphics, then the tables. */
import PDFDocument from 'pdfkit';
import type { Comparison } from '../../shared/board/compare.js';
import { CURVE_COLOURS } from './compare-chart-svg.js';
import { actionRows, COMPARE_TEXT as T, emotionRows, metricRows, painRows, rankRows, sideText, stillRows } from './compare-text.js';
import { defaultFontFiles, glyphFilter, openCoverage } from './fonts.js';
import type { PdfOptions } from './pdf.js';
import { contentWidth, ensureSpace, startPdf, heading, paragraph, PDF_STYLE, subheading, table, type PdfColumn, type PdfContext } from './pdf-layout.js';
import { displayText, emotionText, oneLine, truncate } from './text.js';

const cols = (...spec: [string, number][]): PdfColumn[] => spec.map(([header, weight]) => ({ header, weight }));

function chart(ctx: PdfContext, c: Comparison): void {
  const { doc } = ctx;
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  ensureSpace(ctx, 220);
  const top = doc.y;
  const plot = { x: left + 40, y: top + 24, w: width - 48, h: 140 };
  const step = plot.w / Math.max(1, c.stages.length);
  const px = (i: number) => plot.x + step * (i + 0.5);
  const py = (v: number) => plot.y + ((2 - v) / 4) * plot.h;
  doc.rect(plot.x, py(2), plot.w, py(0) - py(2)).fill('#f2faf4');
  doc.rect(plot.x, py(0), plot.w, py(-2) - py(0)).fill('#fdf3f2');
  for (let v = -2; v <= 2; v++) {
    doc.moveTo(plot.x, py(v)).lineTo(plot.x + plot.w, py(v)).lineWidth(v === 0 ? 1 : 0.5).strokeColor(v === 0 ? '#8a939c' : PDF_STYLE.rule).stroke();
    doc.font(PDF_STYLE.regular).fontSize(7.5).fillColor(PDF_STYLE.muted).text(emotionText(v), left, py(v) - 4, { width: 34, align: 'right', lineBreak: false });
  }
  const series = [
    { key: 'then' as const, value: (i: number) => c.stages[i]?.emotionThen ?? null },
    { key: 'now' as const, value: (i: number) => c.stages[i]?.emotionNow ?? null },
  ];
  for (const s of series) {
    let started = false;
    c.stages.forEach((_, i) => {
      const v = s.value(i);
      if (v === null) {
        started = false;
        return;
      }
      if (started) doc.lineTo(px(i), py(v));
      else doc.moveTo(px(i), py(v));
      started = true;
    });
    if (s.key === 'then') doc.dash(4, { space: 3 });
    doc.lineWidth(2).strokeColor(CURVE_COLOURS[s.key]).stroke().undash();
    c.stages.forEach((_, i) => {
      const v = s.value(i);
      if (v !== null) doc.circle(px(i), py(v), s.key === 'now' ? 4.5 : 3.5).fill(CURVE_COLOURS[s.key]);
    });
  }
  c.stages.forEach((stage, i) => {
    doc.font(PDF_STYLE.regular).fontSize(8).fillColor(PDF_STYLE.ink).text(ctx.clean(truncate(oneLine(stage.title), 40)), px(i) - step / 2 + 2, plot.y + plot.h + 8, {
      width: step - 4,
      height: 22,
      align: 'center',
      ellipsis: true,
    });
  });
  // Legend above the plot.
  doc.moveTo(plot.x, top + 8).lineTo(plot.x + 24, top + 8).lineWidth(2).strokeColor(CURVE_COLOURS.then).dash(4, { space: 3 }).stroke().undash();
  doc.font(PDF_STYLE.regular).fontSize(8.5).fillColor(PDF_STYLE.ink).text(ctx.clean(`then: ${truncate(c.then.label, 60)}`), plot.x + 30, top + 3, { lineBreak: false });
  const mid = plot.x + plot.w / 2;
  doc.moveTo(mid, top + 8).lineTo(mid + 24, top + 8).lineWidth(2).strokeColor(CURVE_COLOURS.now).stroke();
  doc.text(ctx.clean(`now: ${truncate(c.now.label, 60)}`), mid + 30, top + 3, { lineBreak: false });
  doc.x = left;
  doc.y = plot.y + plot.h + 40;
}

function draw(ctx: PdfContext, c: Comparison): void {
  const { doc } = ctx;
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  doc.font(PDF_STYLE.bold).fontSize(9).fillColor(PDF_STYLE.muted).text(T.kicker.toUpperCase(), left, doc.y, { characterSpacing: 1.2 });
  doc.moveDown(0.3);
  doc.font(PDF_STYLE.bold).fontSize(22).fillColor(PDF_STYLE.ink).text(ctx.clean(`${c.now.title}: what changed`), { width });
  doc.moveDown(0.2);
  paragraph(ctx, `Then: ${sideText(c.then)}`, { size: 9.5, color: PDF_STYLE.muted });
  paragraph(ctx, `Now: ${sideText(c.now)}`, { size: 9.5, color: PDF_STYLE.muted });
  doc.moveDown(0.4);
  paragraph(ctx, `${T.method}: ${c.method}`, { size: 9 });
  heading(ctx, T.emotion, 220);
  chart(ctx, c);
  table(ctx, cols(['Stage', 3], ['Then', 1], ['Now', 1], ['Change', 1]), emotionRows(c), T.none);
  heading(ctx, T.pains);
  subheading(ctx, `${T.still} (${c.pains.still.length})`);
  table(ctx, cols(['Pain point (now)', 5], ['Stage', 2], ['Matched by', 2]), stillRows(c), T.none);
  subheading(ctx, `${T.added} (${c.pains.new.length})`);
  table(ctx, cols(['Pain point', 6], ['Stage', 2], ['Votes', 1]), painRows(c.pains.new), T.none);
  subheading(ctx, `${T.gone} (${c.pains.gone.length})`);
  table(ctx, cols(['Pain point', 6], ['Stage', 2], ['Votes then', 1]), painRows(c.pains.gone), T.none);
  heading(ctx, T.ranks);
  table(ctx, cols(['Pain point', 6], ['Rank then', 1], ['Rank now', 1], ['Change', 1]), rankRows(c), T.none);
  heading(ctx, T.moments);
  paragraph(ctx, `${c.momentsOfTruth.kept} kept.`, { size: 9, color: PDF_STYLE.muted });
  table(
    ctx,
    cols(['Change', 1], ['Moment of truth', 5], ['Stage', 2]),
    [
      ...c.momentsOfTruth.added.map((m) => ['added', oneLine(displayText(m.text)), m.stageTitle]),
      ...c.momentsOfTruth.removed.map((m) => ['removed', oneLine(displayText(m.text)), m.stageTitle]),
    ],
    T.none,
  );
  heading(ctx, T.metrics);
  table(ctx, cols(['Stage', 2], ['Metric', 3], ['Then', 1.5], ['Now', 1.5]), metricRows(c), T.none);
  heading(ctx, T.actions);
  for (const [title, list] of [
    [T.done, c.actions.done],
    [T.open, c.actions.open],
    [T.dropped, c.actions.dropped],
  ] as const) {
    subheading(ctx, `${title} (${list.length})`);
    table(ctx, cols(['Action', 4], ['Department', 2], ['Owner, due', 2], ['Status then → now', 2.5]), actionRows(list), T.none);
  }
}

/** Renders the comparison as a PDF (A4, embedded DejaVu Sans, no scripts), dated by the later side. */
export function renderComparePdf(c: Comparison, options: PdfOptions = {}): Promise<Buffer> {
  const fonts = options.fonts ?? defaultFontFiles();
  const clean = glyphFilter(openCoverage(fonts.regular));
  const date = new Date(c.now.takenAt ?? 0);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 54, bottom: 60, left: 50, right: 50 },
    info: { Title: clean(truncate(`${c.now.title}: what changed`, 200)), Author: 'Journeyroom', Creator: 'Journeyroom', Producer: 'Journeyroom', CreationDate: date, ModDate: date },
  });
  const done = startPdf(doc, fonts);
  try {
    draw({ doc, clean }, c);
    doc.end();
  } catch (error) {
    doc.end();
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
  return done;
}
