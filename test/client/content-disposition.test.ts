/** The export download's file name comes from Content-Disposition, as the server writes it, and is made safe. */
import { describe, expect, it } from 'vitest';
import { fileNameFromDisposition } from '../../client/src/session/content-disposition.js';
import { contentDisposition } from '../../server/export/index.js';

describe('fileNameFromDisposition', () => {
  it('reads the UTF-8 name the server sends, accents and all', () => {
    expect(fileNameFromDisposition(contentDisposition('Café journey 2026-11-23.pdf'))).toBe('Café journey 2026-11-23.pdf');
    expect(fileNameFromDisposition(contentDisposition('顧客ジャーニー (v2).md', 'inline'))).toBe('顧客ジャーニー (v2).md');
  });

  it('falls back to the plain filename, quoted or not', () => {
    expect(fileNameFromDisposition('attachment; filename="board \\"A\\".csv"')).toBe('board "A".csv');
    expect(fileNameFromDisposition('attachment; filename=board.json')).toBe('board.json');
    expect(fileNameFromDisposition(`attachment; filename="plain.pdf"; filename*=UTF-8''%E0%A4%A`)).toBe('plain.pdf');
  });

  it('drops path separators and control characters, and answers undefined when there is no name', () => {
    expect(fileNameFromDisposition(`attachment; filename*=UTF-8''..%2F..%2Fetc%2Fpasswd`)).toBe('.._.._etc_passwd');
    expect(fileNameFromDisposition('attachment; filename="a\\\\b\u0007.md"')).toBe('a_b_.md');
    expect(fileNameFromDisposition('attachment')).toBeUndefined();
    expect(fileNameFromDisposition(null)).toBeUndefined();
    expect(fileNameFromDisposition('attachment; filename=""')).toBeUndefined();
  });
});
