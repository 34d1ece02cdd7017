import { describe, expect, it } from 'vitest';
import { parseMetricsCsv } from './parse-metrics-csv.js';

const stages = [
  { id: 's-discover', title: 'Discover', order: 'a0' },
  { id: 's-help', title: 'Get help', order: 'a1' },
];

describe('parseMetricsCsv', () => {
  it('parses rows with a header, units, thousands separators and percentages', () => {
    const result = parseMetricsCsv(
      '\uFEFFstage,metric,value,unit\r\nGet help,Contact volume,"1,240",calls/month\nget  HELP,CSAT,87%\nDiscover,Churn,4.5,%\n',
      stages,
    );
    expect(result).toEqual({
      ok: true,
      rows: 3,
      metrics: {
        's-help': [
          { metric: 'Contact volume', value: 1240, unit: 'calls/month' },
          { metric: 'CSAT', value: 87, unit: '%' },
        ],
        's-discover': [{ metric: 'Churn', value: 4.5, unit: '%' }],
      },
    });
  });

  it('reports every bad row by line and stores nothing', () => {
    const result = parseMetricsCsv(
      ['stage,metric,value', 'Get help,Calls,12', 'Nowhere,Calls,3', 'Discover,Visits,lots', 'Discover,,3', 'Get help,Calls,13', 'Discover'].join('\n'),
      stages,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.line)).toEqual([3, 4, 5, 6, 7]);
    expect(result.errors[0]!.message).toMatch(/unknown stage "Nowhere"/);
    expect(result.errors[1]!.message).toMatch(/not a number/);
    expect(result.errors[3]!.message).toMatch(/appears twice/);
    expect(result.errors[4]!.message).toMatch(/3 or 4 columns/);
  });

  it('refuses empty input, broken quoting and oversized files with a clear message', () => {
    expect(parseMetricsCsv('', stages)).toMatchObject({ ok: false, errors: [{ message: expect.stringMatching(/no metric rows/) }] });
    expect(parseMetricsCsv('Get help,"Calls,12\n', stages)).toMatchObject({ ok: false, errors: [{ message: expect.stringMatching(/not valid CSV/) }] });
    expect(parseMetricsCsv('x'.repeat(300 * 1024), stages)).toMatchObject({ ok: false, errors: [{ message: expect.stringMatching(/larger than/) }] });
  });

  it('does not treat formulas or huge numbers as values', () => {
    const result = parseMetricsCsv('Get help,Calls,=1+1\nGet help,Other,1e400\n', stages);
    expect(result.ok).toBe(false);
  });
});
