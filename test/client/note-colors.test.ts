/** Note colours: fixed for customers and facilitators, stable per department, one legend entry per colour label. */
import { describe, expect, it } from 'vitest';
import { DEPARTMENTS } from '../../shared/board/schema.js';
import { legendEntries, noteColor } from '../../client/src/ui/note-colors.js';

describe('noteColor', () => {
  it('gives customers and department-less facilitators their own colours', () => {
    expect(noteColor('customer', 'Sales').label).toBe('Customer');
    expect(noteColor('facilitator', '  ').label).toBe('Facilitator');
    expect(noteColor('facilitator', 'Support').label).toBe('Support');
  });

  it('keeps one colour per department whatever its case or spaces, distinct for the suggested ones', () => {
    const first = DEPARTMENTS[0] ?? '';
    expect(noteColor('stakeholder', ` ${first.toUpperCase()} `)).toMatchObject({ background: noteColor('stakeholder', first).background });
    const suggested = new Set(DEPARTMENTS.slice(0, 10).map((d) => noteColor('stakeholder', d).background));
    expect(suggested.size).toBe(Math.min(DEPARTMENTS.length, 10));
    expect(noteColor('stakeholder', 'Legal & Compliance')).toMatchObject({ label: 'Legal & Compliance', background: noteColor('stakeholder', 'legal & compliance').background });
    expect(noteColor('stakeholder', '').label).toBe('No department');
  });
});

describe('legendEntries', () => {
  it('lists each colour once, customers first, then by label', () => {
    const entries = legendEntries([
      { role: 'stakeholder', department: 'Zeta' },
      { role: 'customer', department: '' },
      { role: 'stakeholder', department: 'alpha' },
      { role: 'stakeholder', department: 'Alpha' },
      { role: 'customer', department: 'ignored' },
    ]);
    expect(entries.map((e) => e.label)).toEqual(['Customer', 'Alpha', 'Zeta']);
  });
});
