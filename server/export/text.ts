/**
 * Wording and number/date formatting shared by every export format, so a date or an emotion reads the
 * same in Markdown, HTML and PDF. Dates are shown in UTC (the export has no viewer time zone).
 */
import type { LaneKind } from '../../shared/board/schema.js';
import type { MemberRole } from '../../shared/protocol.js';
import { NO_DEPARTMENT_LABEL, noteLabel, type Summary } from '../../shared/board/summary.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** `YYYY-MM-DD` (UTC); '' for a missing or invalid time. */
export function isoDate(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '';
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** Full ISO 8601 timestamp (UTC) for machine-readable cells; '' when invalid. */
export function isoDateTime(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '';
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString();
}

/** `20 November 2026` (UTC); '—' when unknown. */
export function longDate(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '—';
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return '—';
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()] ?? ''} ${d.getUTCFullYear()}`;
}

/** `20 November 2026, 09:05 UTC`; '—' when unknown. */
export function longDateTime(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '—';
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return '—';
  return `${longDate(ms)}, ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())} UTC`;
}

/** `20 Nov 2026 09:05` (UTC) for table cells; '—' when unknown. */
export function shortDateTime(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '—';
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return '—';
  return `${d.getUTCDate()} ${(MONTHS[d.getUTCMonth()] ?? '').slice(0, 3)} ${d.getUTCFullYear()} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
}

/** `1 h 05 min` / `12 min` for connected time. */
export function duration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  const h = Math.floor(minutes / 60);
  return h > 0 ? `${h} h ${pad2(minutes % 60)} min` : `${minutes} min`;
}

/** Emotion mean with a sign: `+1.5`, `0`, `−2` (true minus sign); '—' when there is none. */
export function emotionText(mean: number | null): string {
  if (mean === null) return '—';
  const fixed = Number.isInteger(mean) ? String(Math.abs(mean)) : Math.abs(mean).toFixed(2).replace(/0$/, '');
  return mean > 0 ? `+${fixed}` : mean < 0 ? `\u2212${fixed}` : '0';
}

/** Words for the -2..2 scale. */
export function emotionWord(value: number | null): string {
  if (value === null) return 'no data';
  if (value <= -1.5) return 'very negative';
  if (value <= -0.5) return 'negative';
  if (value < 0.5) return 'neutral';
  if (value < 1.5) return 'positive';
  return 'very positive';
}

/** A note's text for display (trimmed, or a label for empty notes). */
export function displayText(text: string): string {
  return noteLabel(text);
}

/** Department for display: '' reads as "Unassigned". */
export function departmentText(department: string): string {
  return department.trim() === '' ? NO_DEPARTMENT_LABEL : department;
}

/** Human label of an author role. */
export function roleText(role: MemberRole): string {
  return role === 'customer' ? 'Customer' : role === 'facilitator' ? 'Facilitator' : 'Stakeholder';
}

/** "Maja Kovač (customer)" / "Ana Ruiz (Support)". */
export function authorText(name: string, role: MemberRole, department: string): string {
  const who = name.trim() || 'Anonymous';
  if (role === 'stakeholder') return department.trim() ? `${who} (${department.trim()})` : `${who} (stakeholder)`;
  return `${who} (${role})`;
}

/** Lane kinds shown in the stage-by-stage section, in this order; pains and opportunities have their own sections. */
export const STAGE_SECTION_KINDS: readonly LaneKind[] = ['doing', 'thinking', 'feeling', 'touchpoints', 'custom'];

/** A metric value with its unit: `1240 calls/month`, `3.1/5`, `4.5 %`. */
export function metricText(value: number, unit: string): string {
  const v = Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
  if (unit === '') return v;
  return unit.startsWith('/') || unit === '%' ? `${v}${unit === '%' ? ' %' : unit}` : `${v} ${unit}`;
}

/** Collapses whitespace and line breaks into single spaces (for one-line contexts). */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Cuts `text` to at most `max` characters (code points), ending with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, Math.max(0, max - 1)).join('').trimEnd()}…`;
}

/**
 * The document's date line, in parts: workshop dates (from attendance) or board creation, generation
 * time, and the checkpoint when the export is of one. Unknown dates are left out rather than shown as '—'.
 */
export function documentDates(s: Summary): string[] {
  const parts: string[] = [];
  const first = s.dates.firstAttendanceAt;
  const last = s.dates.lastAttendanceAt;
  if (first !== null && last !== null) {
    parts.push(isoDate(first) === isoDate(last) ? `Workshop ${longDate(first)}` : `Workshop ${longDate(first)} – ${longDate(last)}`);
  } else if (s.dates.boardCreatedAt !== null) {
    parts.push(`Board created ${longDate(s.dates.boardCreatedAt)}`);
  }
  parts.push(`generated ${longDateTime(s.dates.generatedAt)}`);
  if (s.checkpoint) parts.push(`checkpoint “${s.checkpoint.name}” of ${longDateTime(s.checkpoint.createdAt)}`);
  return parts;
}
