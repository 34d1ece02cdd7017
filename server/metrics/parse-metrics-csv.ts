/**
 * Parses a CSV of stage metrics (`stage,metric,value[,unit]`, e.g. "Get help,Contact volume,1240,calls/month")
 * into metrics per stage. All-or-nothing: any bad row makes the whole import fail with a list of
 * line-numbered errors, so nothing partial is ever stored.
 */
import { parse } from 'csv-parse/sync';
import { stageMetricSchema, type StageMetric } from '../../shared/session/schema.js';
import type { Stage } from '../../shared/board/schema.js';

/** Limits of one import. */
export const METRICS_LIMITS = { bytes: 256 * 1024, rows: 1000, metricsPerStage: 12 } as const;

export interface MetricsLineError {
  /** 1-based line in the uploaded file */
  line: number;
  message: string;
}

export type MetricsParseResult =
  | { ok: true; metrics: Record<string, StageMetric[]>; rows: number }
  | { ok: false; errors: MetricsLineError[] };

const HEADER = ['stage', 'metric', 'value'];

/** Accepts "1240", "1 240", "1,240.5", "87%", "4.2"; returns null for anything else. */
function parseNumber(raw: string): { value: number; unit: string } | null {
  const trimmed = raw.trim();
  const percent = trimmed.endsWith('%');
  const body = (percent ? trimmed.slice(0, -1) : trimmed).replace(/[\s\u00a0]/g, '');
  if (!/^[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.test(body)) return null;
  const value = Number(body.replace(/,/g, ''));
  return Number.isFinite(value) ? { value, unit: percent ? '%' : '' } : null;
}

/**
 * Matches rows to stages by title (case- and space-insensitive) or by id. A first row that reads
 * `stage,metric,value[,unit]` is taken as the header. Rows of a stage replace that stage's metrics.
 */
export function parseMetricsCsv(text: string, stages: readonly Stage[]): MetricsParseResult {
  if (Buffer.byteLength(text, 'utf8') > METRICS_LIMITS.bytes) {
    return { ok: false, errors: [{ line: 0, message: `the file is larger than ${METRICS_LIMITS.bytes / 1024} KiB` }] };
  }
  let records: { record: string[]; line: number }[];
  try {
    records = (
      parse(text.replace(/^\uFEFF/, ''), {
        bom: true,
        relax_column_count: true,
        // Files edited on several systems mix line endings; auto-detection would pick only the first kind.
        record_delimiter: ['\r\n', '\n', '\r'],
        skip_empty_lines: true,
        trim: true,
        info: true,
        max_record_size: 4096,
      }) as unknown as { record: string[]; info: { lines: number } }[]
    ).map((entry) => ({ record: entry.record, line: entry.info.lines }));
  } catch (error) {
    const line = typeof (error as { lines?: unknown }).lines === 'number' ? (error as { lines: number }).lines : 0;
    return { ok: false, errors: [{ line, message: `not valid CSV: ${(error as Error).message.replace(/^Invalid [^:]*: /, '')}` }] };
  }
  const first = records[0]?.record.map((cell) => cell.toLowerCase());
  if (first && HEADER.every((name, i) => first[i] === name)) records.shift();
  if (records.length === 0) return { ok: false, errors: [{ line: 1, message: 'no metric rows: expected stage,metric,value[,unit]' }] };
  if (records.length > METRICS_LIMITS.rows) {
    return { ok: false, errors: [{ line: 0, message: `at most ${METRICS_LIMITS.rows} rows per import` }] };
  }

  const byTitle = new Map(stages.map((s) => [s.title.trim().toLowerCase().replace(/\s+/g, ' '), s.id]));
  const byId = new Set(stages.map((s) => s.id));
  const metrics: Record<string, StageMetric[]> = {};
  const errors: MetricsLineError[] = [];
  for (const { record, line } of records) {
    const [stageCell = '', metricCell = '', valueCell = '', unitCell = ''] = record;
    if (record.length < 3 || record.length > 4) {
      errors.push({ line, message: `expected 3 or 4 columns (stage,metric,value[,unit]), found ${record.length}` });
      continue;
    }
    const key = stageCell.toLowerCase().replace(/\s+/g, ' ');
    const stageId = byTitle.get(key) ?? (byId.has(stageCell) ? stageCell : undefined);
    if (!stageId) {
      errors.push({ line, message: `unknown stage "${stageCell.slice(0, 80)}" (stages: ${stages.map((s) => s.title).join(', ')})` });
      continue;
    }
    const number = parseNumber(valueCell);
    if (!number) {
      errors.push({ line, message: `value "${valueCell.slice(0, 40)}" is not a number` });
      continue;
    }
    const parsed = stageMetricSchema.safeParse({ metric: metricCell, value: number.value, unit: unitCell || number.unit });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      errors.push({ line, message: `${issue?.path.join('.') || 'row'}: ${issue?.message ?? 'invalid'}` });
      continue;
    }
    const list = (metrics[stageId] ??= []);
    const existing = list.findIndex((m) => m.metric.toLowerCase() === parsed.data.metric.toLowerCase());
    if (existing >= 0) {
      errors.push({ line, message: `metric "${parsed.data.metric}" appears twice for stage "${stageCell}"` });
      continue;
    }
    if (list.length >= METRICS_LIMITS.metricsPerStage) {
      errors.push({ line, message: `at most ${METRICS_LIMITS.metricsPerStage} metrics per stage` });
      continue;
    }
    list.push(parsed.data);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, metrics, rows: records.length };
}
