/** How a stage metric reads on the board: `1,240 calls/month`, `71%`, `4.2/5` (numbers in the reader's locale). */
import type { StageMetric } from '../../../shared/session/schema.js';

const numberFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

/** The value with its unit; `%` and units starting with `/` are written without a space. */
export function metricValueText(value: number, unit: string): string {
  const number = numberFormat.format(value);
  const u = unit.trim();
  if (!u) return number;
  return u === '%' || u.startsWith('/') ? `${number}${u}` : `${number} ${u}`;
}

/** The whole metric as one phrase for screen readers and tooltips: `Contact volume: 1,240 calls/month`. */
export function metricText(metric: StageMetric): string {
  return `${metric.metric}: ${metricValueText(metric.value, metric.unit)}`;
}
