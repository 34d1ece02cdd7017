// PDF: the text comes back out (pdf.js) with the persona and the top pain point;
// Unicode that the embedded font lacks is replaced visibly; metadata is set; no active content.
import { describe, expect, it } from 'vitest';
import { buildSummary } from '../../shared/board/summary.js';
import { MISSING_GLYPH, defaultFontFiles, glyphFilter, openCoverage } from '../../server/export/fonts.js';
import { renderPdf } from '../../server/export/pdf.js';
import { loadSummaryInput } from '../fixtures/load.js';
import { pdfInfo, pdfToText } from './helpers.js';

describe('PDF export', () => {
  it('contains the persona, the top pain point and its root cause', async () => {
    const summary = buildSummary(loadSummaryInput('workshop'));
    const pdf = await renderPdf(summary, { includeMap: false });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = await pdfToText(pdf);
    expect(text).toContain('Persona: Maja Kovač');
    const top = summary.pains[0]!;
    expect(top.note.text).toBe('Waited 40 minutes on the phone for a billing question');
    expect(text).toContain('Top pain points');
    expect(text).toContain('1. Waited 40 minutes on the phone for a billing question');
    expect(text).toContain('CSV import rejects accented names like "Zoë"');
    expect(text).toMatch(/Support cannot see invoices, must/);
    expect(text).toMatch(/Page 1 of \d/);
  });

  it('sets metadata from the summary and carries no active content', async () => {
    const summary = buildSummary(loadSummaryInput('workshop'));
    const pdf = await renderPdf(summary, { includeMap: false });
    const info = await pdfInfo(pdf);
    expect(info.Title).toBe('Invoicing journey — Q4 workshop');
    expect(info.Author).toBe('Journeyroom');
    expect(info.CreationDate).toBe('2026-11-20T12:05:00Z');
    expect(info.JavaScript).toBe('no');
    const raw = pdf.toString('latin1');
    for (const key of ['/JavaScript', '/JS ', '/OpenAction', '/Launch', '/AA ', '/URI', '/EmbeddedFile']) expect(raw).not.toContain(key);
  });

  it('renders accents, replaces CJK with a visible placeholder, and keeps markup as text', async () => {
    const summary = buildSummary(loadSummaryInput('hostile'));
    const pdf = await renderPdf(summary);
    const text = await pdfToText(pdf);
    expect(text).toContain('Zoë, Ærøskøbing, Ελληνικά,');
    expect(text).toContain('Кириллица');
    expect(text).toContain('<script>alert(1)</script>');
    expect(text).toContain(MISSING_GLYPH.repeat(7));
    expect(text).not.toContain('日本語');
  });

  it('survives a very long note and many stages without splitting rows', async () => {
    const input = loadSummaryInput('workshop');
    const long = `${'Lorem ipsum dolor sit amet '.repeat(70)}END`;
    const board = { ...input.board, notes: input.board.notes.map((n) => (n.id === 'x5' ? { ...n, text: long } : n)) };
    const pdf = await renderPdf(buildSummary({ ...input, board }), { includeMap: false });
    const text = await pdfToText(pdf);
    expect(text).toContain('Lorem ipsum');
    expect(text).toContain('Maja Kovač');
  });
});

describe('glyphFilter', () => {
  it('keeps what DejaVu Sans draws and replaces the rest', () => {
    const filter = glyphFilter(openCoverage(defaultFontFiles().regular));
    expect(filter('Zoë Ελληνικά Кириллица')).toBe('Zoë Ελληνικά Кириллица');
    expect(filter('日本')).toBe(`${MISSING_GLYPH}${MISSING_GLYPH}`);
    expect(filter('a\u0000b\u0007c\nd')).toBe('abc\nd');
  });
});
