/** How a note is named in labels and announcements: its first 40 characters on one line, quoted. */

/** `“first 40 characters…”`, or `empty note`. */
export function noteExcerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (!line) return 'empty note';
  return line.length > 40 ? `“${line.slice(0, 40)}…”` : `“${line}”`;
}
