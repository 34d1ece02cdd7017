/** PDF sections for follow-ups and action items: "since the last session" (top) and "actions by department". */
import type { Summary } from '../../shared/board/summary.js';
import { sinceLines } from '../../shared/board/summary-since.js';
import { actionDetails, sourceLines } from './action-text.js';
import { heading, paragraph, PDF_STYLE, subheading, table, type PdfContext } from './pdf-layout.js';

/** SUM-SINCE-1: the short section at the top of a follow-up's summary; nothing for a first session. */
export function sinceSectionPdf(ctx: PdfContext, s: Summary): void {
  if (!s.since) return;
  heading(ctx, 'Since the last session', 90);
  paragraph(ctx, `Session ${s.since.position} of this journey series; the previous one was “${s.since.previous.title}”.`, { size: 9.5, color: PDF_STYLE.muted });
  ctx.doc.moveDown(0.2);
  for (const line of sinceLines(s.since)) paragraph(ctx, `• ${line}`, { size: 10 });
}

/** SUM-ACT-1: one table per owning department with status, owner, due date and source notes. */
export function actionsSectionPdf(ctx: PdfContext, s: Summary): void {
  heading(ctx, 'Actions by department');
  if (s.actions.total === 0) {
    paragraph(ctx, 'No actions agreed yet.', { color: PDF_STYLE.muted });
    return;
  }
  for (const group of s.actions.groups) {
    subheading(ctx, group.department);
    table(
      ctx,
      [
        { header: 'Action', weight: 3, bold: true },
        { header: 'Status, owner, due', weight: 2 },
        { header: 'Source notes', weight: 4 },
      ],
      group.actions.map((a) => [
        a.description.trim() ? `${a.title}\n${a.description.trim()}` : a.title,
        actionDetails(a),
        sourceLines(a).map((l) => `• ${l}`).join('\n') || '—',
      ]),
      '',
      { continued: group.department },
    );
  }
}
