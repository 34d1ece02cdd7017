/** Exported documents leave out empty attendance and checkpoint sections; the JSON export keeps them (issue 8). */
import { describe, expect, it } from 'vitest';
import { buildSummary } from '../../shared/board/summary.js';
import { renderExport } from '../../server/export/index.js';
import { DEPARTMENT_COLUMNS } from '../../server/export/text.js';
import { loadSummaryInput, type FixtureBoard } from '../fixtures/load.js';
import { pdfToText } from './helpers.js';

async function documents(name: FixtureBoard): Promise<{ md: string; html: string; pdf: string; json: string }> {
  const input = loadSummaryInput(name);
  const summary = buildSummary(input);
  const render = async (format: 'md' | 'html' | 'pdf' | 'json') => (await renderExport(format, { snapshot: input.board, summary })).body;
  return {
    md: (await render('md')).toString(),
    html: (await render('html')).toString(),
    pdf: await pdfToText(Buffer.from(await render('pdf'))),
    json: (await render('json')).toString(),
  };
}

describe('export sections', () => {
  it('an empty board: no "No attendance recorded" or "No checkpoints taken" pages', async () => {
    const { md, html, pdf, json } = await documents('empty');
    for (const text of [md, html, pdf]) {
      expect(text).not.toMatch(/No attendance recorded|No checkpoints taken/);
      expect(text).not.toMatch(/^#* ?Attendance$|<h2>Attendance<\/h2>/m);
      expect(text).not.toMatch(/^#* ?Checkpoints$|<h2>Checkpoints<\/h2>/m);
    }
    const parsed = JSON.parse(json) as { summary: { attendance: { entries: unknown[] }; checkpoints: unknown[] } };
    expect(parsed.summary.attendance.entries).toEqual([]);
    expect(parsed.summary.checkpoints).toEqual([]);
  });

  it('a board with attendance keeps the section, and the department table speaks plainly', async () => {
    const { md, html, pdf } = await documents('workshop');
    expect(md).toMatch(/^## Attendance$/m);
    expect(html).toContain('<h2>Attendance</h2>');
    expect(md).toContain(`| ${DEPARTMENT_COLUMNS.join(' | ')} |`);
    expect(pdf).toMatch(/Pain points it\s+Pain points it\s+Pain points it\s+Votes on those/);
  });
});
