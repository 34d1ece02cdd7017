// The export entry point: formats, content types, file names and Content-Disposition.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readBoard } from '../../shared/board/snapshot.js';
import { buildSummary } from '../../shared/board/summary.js';
import { addNote, initBoard, laneIds, linkCause, setOwnerDepartment, setVotes, stageIds } from '../../shared/board/write.js';
import {
  EXPORT_CONTENT_TYPES,
  EXPORT_FORMATS,
  ExportError,
  contentDisposition,
  exportFileName,
  isExportFormat,
  renderExport,
  slugify,
  type ExportFormat,
} from '../../server/export/index.js';
import { loadSummaryInput } from '../fixtures/load.js';
import { pdfToText } from './helpers.js';

const input = loadSummaryInput('workshop');
const summary = buildSummary(input);

describe('renderExport', () => {
  it('renders every format with its content type and file name', async () => {
    for (const format of EXPORT_FORMATS) {
      const result = await renderExport(format, { snapshot: input.board, summary });
      expect(result.contentType).toBe(EXPORT_CONTENT_TYPES[format]);
      expect(result.fileName).toBe(`invoicing-journey-q4-workshop-2026-11-20.${format}`);
      expect(result.body.length).toBeGreaterThan(100);
      if (['md', 'csv', 'json', 'html', 'svg'].includes(format)) expect(result.contentType).toMatch(/; charset=utf-8$/);
    }
  });

  it('makes a real PNG', async () => {
    const { body } = await renderExport('png', { snapshot: input.board, summary });
    const png = body as Buffer;
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.readUInt32BE(16)).toBeGreaterThan(1000);
  });

  it('refuses an unknown format with a typed error', async () => {
    expect(isExportFormat('exe')).toBe(false);
    await expect(renderExport('exe' as ExportFormat, { snapshot: input.board, summary })).rejects.toBeInstanceOf(ExportError);
  });
});

describe('file names', () => {
  it('slugifies to ASCII', () => {
    expect(slugify('Invoicing journey — Q4 workshop')).toBe('invoicing-journey-q4-workshop');
    expect(slugify('Ærøskøbing Zoë café')).toBe('r-sk-bing-zoe-cafe');
    expect(slugify('日本語')).toBe('journey');
    expect(slugify('../../etc/passwd')).toBe('etc-passwd');
    expect(slugify('a'.repeat(200))).toHaveLength(60);
  });

  it('names a checkpoint export after the checkpoint and its date', () => {
    const cp = buildSummary({ ...input, checkpoint: { id: 'cp-1', name: 'After voting', createdAt: Date.UTC(2026, 10, 21) } });
    expect(exportFileName(cp, 'pdf')).toBe('invoicing-journey-q4-workshop-after-voting-2026-11-21.pdf');
  });

  it('builds an RFC 6266 Content-Disposition with an ASCII fallback', () => {
    expect(contentDisposition('report.pdf')).toBe(`attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`);
    expect(contentDisposition('Zoë "x" 日本.pdf')).toBe(
      `attachment; filename="Zoe _x_ __.pdf"; filename*=UTF-8''Zo%C3%AB%20%22x%22%20%E6%97%A5%E6%9C%AC.pdf`,
    );
    expect(contentDisposition("it's (1).csv", 'inline')).toBe(`inline; filename="it's (1).csv"; filename*=UTF-8''it%27s%20%281%29.csv`);
  });
});

describe('a board written through write.ts, read with readBoard, exported in every format', () => {
  it('carries the persona and the top pain into md, html and pdf', async () => {
    const doc = new Y.Doc();
    initBoard(doc, { title: 'Café onboarding', createdAt: Date.UTC(2026, 0, 5), persona: { name: 'Renée Ødegård' } });
    const [s1, s2] = stageIds(doc);
    const pains = laneIds(doc)[4]!;
    const who = { id: 'p1', name: 'Ana', role: 'stakeholder' as const, department: 'Billing' };
    addNote(doc, { id: 'cause', stageId: s1!, laneId: pains, text: 'Invoice wording is unclear', author: who, createdAt: 1 });
    addNote(doc, { id: 'top', stageId: s2!, laneId: pains, text: 'Customers call to ask what they pay for', author: who, createdAt: 2 });
    linkCause(doc, 'top', 'cause');
    setOwnerDepartment(doc, 'top', 'Support');
    setVotes(doc, 'top', 'p1', 2);
    setVotes(doc, 'top', 'p2', 1);
    const snapshot = readBoard(doc);
    const built = buildSummary({ board: snapshot, generatedAt: Date.UTC(2026, 0, 6, 10) });
    const md = (await renderExport('md', { snapshot, summary: built })).body as string;
    const html = (await renderExport('html', { snapshot, summary: built })).body as string;
    const pdf = (await renderExport('pdf', { snapshot, summary: built })).body as Buffer;
    for (const text of [md, html, await pdfToText(pdf)]) {
      expect(text).toContain('Renée Ødegård');
      expect(text).toContain('Customers call to ask what they pay for');
      expect(text).toContain('Invoice wording is unclear');
    }
    expect((await renderExport('csv', { snapshot, summary: built })).fileName).toBe('cafe-onboarding-2026-01-06.csv');
  });
});
