/** How a note is named in labels and announcements: its first 40 characters on one line, quoted; who wrote it. */
import type { Note } from '../../../shared/board/schema.js';

/** `“first 40 characters…”`, or `empty note`. */
export function noteExcerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (!line) return 'empty note';
  return line.length > 40 ? `“${line.slice(0, 40)}…”` : `“${line}”`;
}

/** Who wrote the note, as its card says it: `Ana, Billing`; a customer's `Sam, Customer · Retail`. */
export function noteByline(note: Pick<Note, 'authorName' | 'authorRole' | 'department'>): string {
  return `${note.authorName}, ${noteDepartment(note)}`;
}

/** The card's second line: a stakeholder's department, or the role and the department of anyone else. */
export function noteDepartment(note: Pick<Note, 'authorRole' | 'department'>): string {
  const roleLabel = note.authorRole === 'customer' ? 'Customer' : note.authorRole === 'facilitator' ? 'Facilitator' : '';
  return note.authorRole === 'stakeholder' ? note.department || 'No department' : [roleLabel, note.department].filter(Boolean).join(' · ');
}
