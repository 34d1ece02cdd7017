/**
 * Summary -> PDF, generated on the server with pdfkit (no browser). Embeds DejaVu Sans (Latin, Greek,
 * Cyrillic); characters it lacks (e.g. CJK) are replaced by a visible □ (see fonts.ts). The emotion curve
 * is drawn as vector graphics. The file carries metadata (Title, Author 'Journeyroom', CreationDate from
 * the summary's generatedAt) and no JavaScript, OpenAction or Launch actions.
 */
import PDFDocument from 'pdfkit';
import type { Summary } from '../../shared/board/summary.js';
import { emotionColour } from './emotion-svg.js';
import { defaultFontFiles, glyphFilter, openCoverage, type FontFiles } from './fonts.js';
import { actionsSectionPdf, sinceSectionPdf } from './pdf-actions.js';
import { renderPng } from './png.js';
import { contentWidth, ensureSpace, startPdf, heading, paragraph, PDF_STYLE, subheading, table, type PdfContext } from './pdf-layout.js';
import {
  authorText,
  departmentText,
  displayText,
  documentDates,
  duration,
  emotionText,
  emotionWord,
  metricText,
  oneLine,
  roleText,
  shortDateTime,
  STAGE_SECTION_KINDS,
  truncate,
  DEPARTMENT_COLUMNS,
  DEPARTMENT_NOTE,
} from './text.js';

/** Width in pixels of the map picture embedded in the PDF. */
export const PDF_MAP_MAX_WIDTH_PX = 3200;

/** Options for renderPdf. */
export interface PdfOptions {
  /** TTF files to embed; default DejaVu Sans from the dejavu-fonts-ttf package */
  fonts?: FontFiles;
  /** add the board map (rasterised, see png.ts) on a landscape last page; default true */
  includeMap?: boolean;
}

/** Renders the summary as a PDF file. */
export function renderPdf(summary: Summary, options: PdfOptions = {}): Promise<Buffer> {
  const fonts = options.fonts ?? defaultFontFiles();
  const clean = glyphFilter(openCoverage(fonts.regular));
  const created = new Date(summary.dates.generatedAt);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 54, bottom: 60, left: 50, right: 50 },
    bufferPages: true,
    info: {
      Title: clean(truncate(summary.title, 200)),
      Author: 'Journeyroom',
      Subject: clean(`Customer journey summary${summary.persona.name ? ` — ${truncate(summary.persona.name, 80)}` : ''}`),
      Creator: 'Journeyroom',
      Producer: 'Journeyroom',
      CreationDate: created,
      ModDate: created,
    },
  });
  const done = startPdf(doc, fonts);
  const ctx: PdfContext = { doc, clean };
  try {
    drawDocument(ctx, summary);
    if (options.includeMap ?? true) mapPage(ctx, summary, fonts);
    footers(ctx, summary);
    doc.end();
  } catch (error) {
    doc.end();
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
  return done;
}

function drawDocument(ctx: PdfContext, s: Summary): void {
  const { doc } = ctx;
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  // Title block.
  doc.font(PDF_STYLE.bold).fontSize(9).fillColor(PDF_STYLE.muted).text('CUSTOMER JOURNEY SUMMARY', left, doc.y, { characterSpacing: 1.2 });
  doc.moveDown(0.3);
  doc.font(PDF_STYLE.bold).fontSize(24).fillColor(PDF_STYLE.ink).text(ctx.clean(s.title), { width });
  doc.moveDown(0.2);
  const meta = documentDates(s);
  doc.font(PDF_STYLE.regular).fontSize(9.5).fillColor(PDF_STYLE.muted).text(ctx.clean(meta.join(' · ')), { width });
  const ruleY = doc.y + 6;
  doc.moveTo(left, ruleY).lineTo(left + width, ruleY).lineWidth(2).strokeColor(PDF_STYLE.ink).stroke();
  doc.y = ruleY + 10;

  sinceSectionPdf(ctx, s);
  glance(ctx, s);
  persona(ctx, s);
  heading(ctx, 'Emotion curve', 200);
  emotionCurve(ctx, s);
  stages(ctx, s);
  heading(ctx, 'Moments of truth');
  table(
    ctx,
    [
      { header: 'Moment', weight: 5 },
      { header: 'Stage', weight: 2 },
      { header: 'Lane', weight: 2 },
    ],
    s.momentsOfTruth.map((m) => [displayText(m.text), m.stageTitle, m.laneTitle]),
    'None marked.',
  );
  heading(ctx, 'Pain points, ranked by votes');
  paragraph(ctx, `Each participant's dots count up to ${s.vote.dotsPerPerson} across the whole board.`, { size: 9, color: PDF_STYLE.muted });
  doc.moveDown(0.3);
  table(
    ctx,
    [
      { header: '#', weight: 0.45, align: 'right' },
      { header: 'Pain point', weight: 3.8, bold: true },
      { header: 'Stage', weight: 1.5 },
      { header: 'Votes', weight: 1.1, align: 'right' },
      { header: 'Owner', weight: 1.9 },
      { header: 'Root causes (stage)', weight: 4.3 },
    ],
    s.pains.map((p) => [
      String(p.rank),
      displayText(p.note.text) + (p.note.momentOfTruth ? ' ★' : ''),
      p.note.stageTitle,
      String(p.note.votes),
      departmentText(p.ownerDepartment),
      p.causes.length === 0
        ? '—'
        : p.causes.map((c) => `${c.depth > 1 ? '↳ ' : '• '}${oneLine(displayText(c.text))} (${c.stageTitle})`).join('\n'),
    ]),
    'No pain points on the board.',
    { continued: 'Pain points' },
  );
  heading(ctx, 'Where pains trace back to, by department');
  table(
    ctx,
    [
      { header: DEPARTMENT_COLUMNS[0], weight: 2.6, bold: true },
      { header: DEPARTMENT_COLUMNS[1], weight: 1.5, align: 'right' },
      { header: DEPARTMENT_COLUMNS[2], weight: 1.5, align: 'right' },
      { header: DEPARTMENT_COLUMNS[3], weight: 1.7, align: 'right' },
      { header: DEPARTMENT_COLUMNS[4], weight: 1.5, align: 'right' },
    ],
    s.departments.map((d) => [d.department, String(d.pains), String(d.owned), String(d.viaCauses), String(d.votes)]),
    'No pain point has an owner or a root cause with a department yet.',
  );
  if (s.departments.length > 0) paragraph(ctx, DEPARTMENT_NOTE, { size: 9, color: PDF_STYLE.muted });
  if (s.painsWithoutDepartment > 0) {
    paragraph(ctx, `${s.painsWithoutDepartment} pain ${s.painsWithoutDepartment === 1 ? 'point traces' : 'points trace'} to no department yet.`, {
      size: 9,
      color: PDF_STYLE.muted,
    });
  }
  heading(ctx, 'Opportunities');
  table(
    ctx,
    [
      { header: '#', weight: 0.5, align: 'right' },
      { header: 'Opportunity', weight: 5, bold: true },
      { header: 'Stage', weight: 1.8 },
      { header: 'Votes', weight: 0.9, align: 'right' },
      { header: 'Owner', weight: 1.8 },
    ],
    s.opportunities.map((o) => [String(o.rank), displayText(o.note.text), o.note.stageTitle, String(o.note.votes), departmentText(o.ownerDepartment)]),
    'No opportunities on the board.',
  );
  actionsSectionPdf(ctx, s);
  heading(ctx, 'Voices');
  table(
    ctx,
    [
      { header: 'Voice', weight: 4, bold: true },
      { header: 'Notes', weight: 1, align: 'right' },
      { header: 'People', weight: 1, align: 'right' },
    ],
    s.voices.rows.map((r) => [r.label, String(r.notes), String(r.people)]),
    'No notes yet.',
  );
  const metricRows = s.stages.flatMap((st) => st.metrics.map((m) => [st.title, m.metric, metricText(m.value, m.unit)]));
  if (metricRows.length > 0) {
    heading(ctx, 'Metrics by stage');
    table(
      ctx,
      [
        { header: 'Stage', weight: 2 },
        { header: 'Metric', weight: 3 },
        { header: 'Value', weight: 1.5, align: 'right' },
      ],
      metricRows,
      '',
    );
  }
  // Empty sections are left out: a reader gains nothing from "none recorded" (the JSON export keeps them).
  if (s.attendance.entries.length > 0) {
    heading(ctx, 'Attendance');
    table(
      ctx,
      [
        { header: 'Name', weight: 2.4, bold: true },
        { header: 'Role', weight: 1.4 },
        { header: 'Department', weight: 1.8 },
        { header: 'Joined', weight: 2.6 },
        { header: 'Time connected', weight: 1.4, align: 'right' },
      ],
      s.attendance.entries.map((a) => [a.name, roleText(a.role), a.department, shortDateTime(a.firstJoinedAt), duration(a.totalMs)]),
      '',
    );
  }
  if (s.checkpoints.length > 0) {
    heading(ctx, 'Checkpoints');
    table(
      ctx,
      [
        { header: 'Checkpoint', weight: 3 },
        { header: 'Taken', weight: 2 },
      ],
      s.checkpoints.map((c) => [c.name, shortDateTime(c.createdAt)]),
      '',
    );
  }
}

function glance(ctx: PdfContext, s: Summary): void {
  const { doc } = ctx;
  const g = s.atAGlance;
  heading(ctx, 'At a glance', 120);
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  const low = g.lowestEmotionStage;
  const cards: [string, string][] = [
    [String(g.participants), 'PARTICIPANTS'],
    [String(g.notes), 'NOTES'],
    [String(g.momentsOfTruth), 'MOMENTS OF TRUTH'],
    [low ? `${truncate(low.stageTitle, 18)} ${emotionText(low.mean)}` : '—', 'LOWEST EMOTION'],
  ];
  const gap = 8;
  const cw = (width - gap * 3) / 4;
  const y = doc.y;
  cards.forEach(([value, label], i) => {
    const x = left + i * (cw + gap);
    doc.roundedRect(x, y, cw, 50, 5).fillAndStroke('#f5f7f9', PDF_STYLE.rule);
    doc.font(PDF_STYLE.bold).fontSize(value.length > 8 ? 11 : 17).fillColor(PDF_STYLE.ink).text(ctx.clean(value), x + 9, y + 8, { width: cw - 18, height: 24, ellipsis: true, lineBreak: false });
    doc.font(PDF_STYLE.regular).fontSize(7.5).fillColor(PDF_STYLE.muted).text(label, x + 9, y + 34, { width: cw - 18, characterSpacing: 0.6 });
  });
  doc.y = y + 62;
  if (g.topPains.length === 0) {
    paragraph(ctx, 'No pain points on the board.', { color: PDF_STYLE.muted });
    return;
  }
  const lines = g.topPains.map(
    (p) => `${p.rank}. ${oneLine(displayText(p.note.text))} — ${p.note.stageTitle} · ${p.note.votes} ${p.note.votes === 1 ? 'vote' : 'votes'} · owner ${departmentText(p.ownerDepartment)}`,
  );
  doc.font(PDF_STYLE.regular).fontSize(10);
  const body = ctx.clean(lines.join('\n'));
  const h = doc.heightOfString(body, { width: width - 24 }) + 30;
  ensureSpace(ctx, h);
  const top = doc.y;
  doc.rect(left, top, width, h).fill('#fdf3f2');
  doc.rect(left, top, 3.5, h).fill(PDF_STYLE.accent);
  doc.font(PDF_STYLE.bold).fontSize(10.5).fillColor(PDF_STYLE.ink).text('Top pain points', left + 14, top + 8, { width: width - 24 });
  doc.font(PDF_STYLE.regular).fontSize(10).fillColor(PDF_STYLE.ink).text(body, left + 14, doc.y + 2, { width: width - 24 });
  doc.x = left;
  doc.y = top + h + 6;
}

function persona(ctx: PdfContext, s: Summary): void {
  const { doc } = ctx;
  const p = s.persona;
  heading(ctx, `Persona: ${p.name.trim() || 'not set'}`, 60);
  if (p.description.trim()) paragraph(ctx, p.description.trim());
  if (p.goals.trim()) {
    doc.moveDown(0.4);
    paragraph(ctx, 'Goals', { bold: true, size: 10.5 });
    paragraph(ctx, p.goals.trim());
  }
  if (p.quote.trim()) {
    doc.moveDown(0.5);
    const left = doc.page.margins.left;
    const width = contentWidth(doc);
    const text = ctx.clean(`“${p.quote.trim()}”`);
    doc.font(PDF_STYLE.regular).fontSize(11);
    const h = Math.min(doc.heightOfString(text, { width: width - 28 }) + 16, 300);
    ensureSpace(ctx, h);
    const top = doc.y;
    doc.rect(left, top, width, h).fill('#f2f8ff');
    doc.rect(left, top, 3.5, h).fill('#8fbde8');
    doc.font(PDF_STYLE.regular).fontSize(11).fillColor(PDF_STYLE.ink).text(text, left + 14, top + 8, { width: width - 28, height: h - 12, ellipsis: true });
    doc.x = left;
    doc.y = top + h + 4;
  }
}

/** The emotion curve as vector graphics: grid for -2..+2, one point per stage, a line through stages with data. */
function emotionCurve(ctx: PdfContext, s: Summary): void {
  const { doc } = ctx;
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  const height = 210;
  ensureSpace(ctx, height + 10);
  const top = doc.y;
  const plot = { x: left + 92, y: top + 10, w: width - 100, h: 140 };
  const curve = s.emotionCurve;
  const step = plot.w / Math.max(1, curve.length);
  const px = (i: number) => plot.x + step * (i + 0.5);
  const py = (v: number) => plot.y + ((2 - v) / 4) * plot.h;
  doc.rect(plot.x, py(2), plot.w, py(0) - py(2)).fill('#f2faf4');
  doc.rect(plot.x, py(0), plot.w, py(-2) - py(0)).fill('#fdf3f2');
  const words = ['very negative', 'negative', 'neutral', 'positive', 'very positive'];
  for (let v = -2; v <= 2; v++) {
    doc
      .moveTo(plot.x, py(v))
      .lineTo(plot.x + plot.w, py(v))
      .lineWidth(v === 0 ? 1 : 0.5)
      .strokeColor(v === 0 ? '#8a939c' : PDF_STYLE.rule)
      .stroke();
    doc
      .font(PDF_STYLE.regular)
      .fontSize(7.5)
      .fillColor(PDF_STYLE.muted)
      .text(`${emotionText(v)} ${words[v + 2] ?? ''}`, left, py(v) - 4, { width: 86, align: 'right', lineBreak: false });
  }
  let started = false;
  curve.forEach((p, i) => {
    if (p.mean === null) {
      started = false;
      return;
    }
    if (started) doc.lineTo(px(i), py(p.mean));
    else doc.moveTo(px(i), py(p.mean));
    started = true;
  });
  doc.lineWidth(2).strokeColor('#34495e').lineJoin('round').stroke();
  curve.forEach((p, i) => {
    const x = px(i);
    if (p.mean === null) {
      doc.circle(x, py(0), 4).lineWidth(1).dash(1.5, { space: 1.5 }).fillAndStroke('#ffffff', '#9aa3ad').undash();
    } else {
      doc.circle(x, py(p.mean), 5).lineWidth(1.5).fillAndStroke(emotionColour(p.mean), '#ffffff');
      // Above the point (below it only at the very top), on a white label so the line does not cross the digits.
      const ly = p.mean > 1.75 ? py(p.mean) + 8 : py(p.mean) - 18;
      const label = emotionText(p.mean);
      doc.font(PDF_STYLE.bold).fontSize(8.5);
      const lw = doc.widthOfString(label) + 6;
      doc.roundedRect(x - lw / 2, ly - 1.5, lw, 12, 2).fill('#ffffff');
      doc.fillColor(PDF_STYLE.ink).text(label, x - 20, ly, { width: 40, align: 'center', lineBreak: false });
    }
    const label = ctx.clean(truncate(oneLine(p.stageTitle), 40));
    doc.font(PDF_STYLE.regular).fontSize(8).fillColor(PDF_STYLE.ink).text(label, x - step / 2 + 2, plot.y + plot.h + 8, {
      width: step - 4,
      height: 22,
      align: 'center',
      ellipsis: true,
    });
    doc
      .fontSize(7)
      .fillColor(PDF_STYLE.muted)
      .text(p.count === 0 ? 'no data' : `n = ${p.count}`, x - step / 2 + 2, plot.y + plot.h + 32, { width: step - 4, align: 'center', lineBreak: false });
  });
  doc.x = left;
  doc.y = top + height;
}

function stages(ctx: PdfContext, s: Summary): void {
  const { doc } = ctx;
  heading(ctx, 'The journey, stage by stage', 100);
  for (const st of s.stages) {
    const e = st.emotion;
    subheading(ctx, `${st.position}. ${st.title}`, 70);
    const bits = [`Emotion ${emotionText(e.mean)} (${emotionWord(e.mean)}, n = ${e.count})`];
    for (const m of st.metrics) bits.push(`${m.metric}: ${metricText(m.value, m.unit)}`);
    paragraph(ctx, bits.join('   ·   '), { size: 8.5, color: PDF_STYLE.muted });
    doc.moveDown(0.3);
    const rows: string[][] = [];
    for (const cell of st.lanes) {
      if (!STAGE_SECTION_KINDS.includes(cell.laneKind)) continue;
      for (const n of cell.notes) {
        rows.push([
          cell.laneTitle,
          displayText(n.text) + (n.momentOfTruth ? ' ★' : '') + (n.emotion !== null ? ` (${emotionText(n.emotion)})` : ''),
          authorText(n.authorName, n.authorRole, n.department),
        ]);
      }
    }
    table(
      ctx,
      [
        { header: 'Lane', weight: 1.4, bold: true },
        { header: 'Note', weight: 5 },
        { header: 'Written by', weight: 2.4 },
      ],
      rows,
      'No notes in this stage.',
      { continued: `${st.position}. ${st.title}` },
    );
  }
}

/** The journey map on a landscape page of its own, scaled to fit. */
function mapPage(ctx: PdfContext, s: Summary, fonts: FontFiles): void {
  const { doc } = ctx;
  doc.addPage({ size: 'A4', layout: 'landscape', margins: { top: 40, bottom: 60, left: 40, right: 40 } });
  doc.font(PDF_STYLE.bold).fontSize(15).fillColor(PDF_STYLE.ink).text('The journey map', doc.page.margins.left, doc.page.margins.top);
  doc.moveDown(0.4);
  const top = doc.y;
  // About 300 dpi across a landscape A4 page is plenty; a bigger picture only costs time and memory.
  const png = renderPng(s, { fonts, maxWidthPx: PDF_MAP_MAX_WIDTH_PX });
  doc.image(png, doc.page.margins.left, top, { fit: [contentWidth(doc), doc.page.height - doc.page.margins.bottom - top], align: 'center' });
}

/** Page footers, written after layout (bufferPages) so each shows "page N of M". */
function footers(ctx: PdfContext, s: Summary): void {
  const { doc } = ctx;
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const savedBottom = doc.page.margins.bottom;
    // Writing inside the bottom margin would otherwise make pdfkit start a new page.
    doc.page.margins.bottom = 0;
    const y = doc.page.height - 38;
    const left = doc.page.margins.left;
    const width = contentWidth(doc);
    doc
      .font(PDF_STYLE.regular)
      .fontSize(7.5)
      .fillColor(PDF_STYLE.muted)
      .text(ctx.clean(`${truncate(s.title, 90)} · Journeyroom`), left, y, { width: width - 80, lineBreak: false, height: 10, ellipsis: true });
    doc.text(`Page ${i + 1 - range.start} of ${range.count}`, left + width - 80, y, { width: 80, align: 'right', lineBreak: false });
    doc.page.margins.bottom = savedBottom;
  }
}
