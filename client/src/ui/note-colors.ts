/**
 * Note colours: one per department (a stable hash for free-text departments), a distinct one for
 * customers and one for the facilitator. Pale backgrounds with a strong accent stripe; text stays the
 * default dark colour (contrast above 12:1 on every background). Colour is never the only cue: notes also
 * print the author's department or role.
 */
import { DEPARTMENTS } from '../../../shared/board/schema.js';
import type { MemberRole } from '../../../shared/protocol.js';

export interface NoteColor {
  /** legend label: the department, "Customer" or "Facilitator" */
  label: string;
  background: string;
  accent: string;
}

/** Accessible pairs (background, accent); accents reach at least 4.5:1 on white. */
const PALETTE = [
  ['#dbeafe', '#1d4ed8'],
  ['#dcfce7', '#15803d'],
  ['#ede9fe', '#6d28d9'],
  ['#ffedd5', '#c2410c'],
  ['#ccfbf1', '#0f766e'],
  ['#fce7f3', '#be185d'],
  ['#e0e7ff', '#4338ca'],
  ['#ecfccb', '#4d7c0f'],
  ['#cffafe', '#0e7490'],
  ['#fee2e2', '#b91c1c'],
] as const;

const CUSTOMER: NoteColor = { label: 'Customer', background: '#fff1a8', accent: '#8a6100' };
const FACILITATOR: NoteColor = { label: 'Facilitator', background: '#eceef1', accent: '#3f4653' };
const NO_DEPARTMENT = 'No department';

/** FNV-1a over UTF-16 code units: stable across browsers and sessions. */
function hash(value: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    h ^= value.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function normalise(department: string): string {
  return department.trim().toLowerCase();
}

/** Palette slot of a department: suggested departments get fixed distinct slots, others a hash. */
function slot(department: string): number {
  const known = DEPARTMENTS.findIndex((d) => d.toLowerCase() === normalise(department));
  return (known >= 0 ? known : hash(normalise(department))) % PALETTE.length;
}

/** The colour of a note by its author's role and department. */
export function noteColor(role: MemberRole, department: string): NoteColor {
  if (role === 'customer') return CUSTOMER;
  if (role === 'facilitator' && !department.trim()) return FACILITATOR;
  const label = department.trim() || NO_DEPARTMENT;
  const [background, accent] = PALETTE[slot(label)] ?? PALETTE[0];
  return { label, background, accent };
}

/**
 * The distinct legend entries for a set of authors, customers first, then by label. The workspace asks on
 * every change of a board of thousands of notes by a handful of departments: each distinct role and
 * department is coloured once.
 */
export function legendEntries(authors: Iterable<{ role: MemberRole; department: string }>): NoteColor[] {
  const distinct = new Map<MemberRole, Set<string>>();
  for (const { role, department } of authors) {
    let departments = distinct.get(role);
    if (!departments) distinct.set(role, (departments = new Set()));
    departments.add(department);
  }
  const byLabel = new Map<string, NoteColor>();
  for (const [role, departments] of distinct) {
    for (const department of departments) {
      const color = noteColor(role, department);
      byLabel.set(color.label.toLowerCase(), color);
    }
  }
  return [...byLabel.values()].sort((a, b) => {
    if (a === CUSTOMER || b === CUSTOMER) return a === CUSTOMER ? -1 : 1;
    return a.label.localeCompare(b.label);
  });
}
