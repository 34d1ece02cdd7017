/** How a note is named in labels: its excerpt, and the byline of its card and of the outline's light items. */
import { describe, expect, it } from 'vitest';
import { noteByline, noteDepartment, noteExcerpt } from '../../client/src/ui/note-excerpt.js';

describe('note labels', () => {
  it('quotes the first 40 characters of the text on one line', () => {
    expect(noteExcerpt('  the invoice\n is   unclear ')).toBe('“the invoice is unclear”');
    expect(noteExcerpt('x'.repeat(41))).toBe(`“${'x'.repeat(40)}…”`);
    expect(noteExcerpt(' \n ')).toBe('empty note');
  });

  it("says a stakeholder's department, and the role of anyone else", () => {
    expect(noteByline({ authorName: 'Ana', authorRole: 'stakeholder', department: 'Billing' })).toBe('Ana, Billing');
    expect(noteByline({ authorName: 'Ana', authorRole: 'stakeholder', department: '' })).toBe('Ana, No department');
    expect(noteByline({ authorName: 'Sam', authorRole: 'customer', department: 'Retail' })).toBe('Sam, Customer · Retail');
    expect(noteDepartment({ authorRole: 'customer', department: '' })).toBe('Customer');
    expect(noteDepartment({ authorRole: 'facilitator', department: 'CX' })).toBe('Facilitator · CX');
  });
});
