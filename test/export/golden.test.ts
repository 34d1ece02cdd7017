// Golden tests: every text format of every fixture board must match its stored expected output exactly;
// the PDF is compared by its extracted text. Regenerate with UPDATE_GOLDEN=1 after an intended change.
import { describe, expect, it } from 'vitest';
import { buildSummary } from '../../shared/board/summary.js';
import { renderExport, type ExportFormat } from '../../server/export/index.js';
import { FIXTURE_BOARDS, loadSummaryInput } from '../fixtures/load.js';
import { golden, pdfToText } from './helpers.js';

const TEXT_FORMATS: ExportFormat[] = ['md', 'csv', 'json', 'html', 'svg'];

describe.each(FIXTURE_BOARDS)('golden exports of the %s board', (name) => {
  const input = loadSummaryInput(name);
  const summary = buildSummary(input);

  it.each(TEXT_FORMATS)('%s matches the golden file', async (format) => {
    const { body } = await renderExport(format, { snapshot: input.board, summary });
    expect(typeof body).toBe('string');
    expect(body).toBe(golden(`${name}.${format}`, body as string));
  });

  it('pdf text matches the golden file', async () => {
    const { body } = await renderExport('pdf', { snapshot: input.board, summary });
    const text = await pdfToText(body as Buffer);
    expect(text).toBe(golden(`${name}.pdf.txt`, text));
  });
});
