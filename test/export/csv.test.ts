// CSV: RFC 4180 quoting, BOM and CRLF, and formula-injection neutralising, checked by parsing the output back.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { buildSummary } from '../../shared/board/summary.js';
import { CSV_BOM, CSV_COLUMNS, neutraliseFormula, quoteField, renderCsv } from '../../server/export/csv.js';
import { loadSummaryInput } from '../fixtures/load.js';

const hostile = renderCsv(buildSummary(loadSummaryInput('hostile')));
const rows: Record<string, string>[] = parse(hostile.slice(CSV_BOM.length), { columns: true, relax_column_count: false });
const byId = (id: string) => rows.find((r) => r.note_id === id)!;

describe('CSV export', () => {
  it('starts with a BOM and a header row, ends rows with CRLF', () => {
    expect(hostile.startsWith(`${CSV_BOM}${CSV_COLUMNS.join(',')}\r\n`)).toBe(true);
    expect(hostile.endsWith('\r\n')).toBe(true);
    // every LF that ends a row is preceded by CR; bare LFs only inside quoted fields
    expect(rows).toHaveLength(9);
  });

  it('neutralises cells that a spreadsheet would run as formulas', () => {
    expect(byId('n3').text).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(byId('n4').text).toBe("'+1");
    expect(byId('n5').text).toBe("'-1");
    expect(byId('n6').text).toBe("'@SUM(A1:A2)");
    expect(byId('n7').text).toBe("'\tindented");
    expect(byId('n8').text).toBe(`'\rcarriage "quoted", comma\nnew line`);
    expect(byId('n1').department).toBe("'=cmd|calc");
    // eslint-disable-next-line no-control-regex
    for (const row of rows) for (const value of Object.values(row)) expect(value).not.toMatch(/^[=+@\t\r\u0000]/);
  });

  it('doubles quotes and quotes fields with separators', () => {
    expect(quoteField('say "hi", then\r\nleave')).toBe('"say ""hi"", then\r\nleave"');
    expect(quoteField('plain')).toBe('plain');
    expect(hostile).toContain('"\'=HYPERLINK(""http://evil.example"",""click"")"');
  });

  it('keeps numbers numeric and carries every field', () => {
    const n7 = byId('n7');
    expect(n7.emotion).toBe('-2');
    expect(byId('n1')).toMatchObject({ votes: '2', raw_votes: '2', moment_of_truth: 'no', lane_kind: 'pains', owner_department: '<i>Ops</i>' });
    expect(byId('n3').moment_of_truth).toBe('yes');
    expect(byId('n1').causes).toMatch(/^<img src=x onerror=alert\(1\)>.*\(<b>Start<\/b> & "go"\)$/);
    expect(byId('n1').created_at).toBe('2026-11-20T09:00:00.000Z');
    expect(byId('n9').text).toContain('顧客はサポートに電話します — Zoë');
  });

  it('neutralises only the dangerous first characters', () => {
    expect(neutraliseFormula('\u0000x')).toBe("'\u0000x");
    expect(neutraliseFormula('a=b')).toBe('a=b');
    expect(neutraliseFormula('')).toBe('');
  });
});
