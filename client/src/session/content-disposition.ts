/** Reads the download file name out of a `Content-Disposition` header (pure, so it is unit-tested in Node). */

/**
 * The file name of a `Content-Disposition` header: `filename*=UTF-8''…` (RFC 5987) first, then
 * `filename="…"`; path separators and control characters removed; undefined when absent.
 */
export function fileNameFromDisposition(header: string | null): string | undefined {
  if (!header) return undefined;
  let name: string | undefined;
  const extended = /filename\*\s*=\s*([^;]+)/i.exec(header)?.[1]?.trim();
  if (extended) {
    const match = /^([\w-]+)'[^']*'(.*)$/.exec(extended);
    if (match?.[2] !== undefined && match[1]?.toLowerCase() === 'utf-8') {
      try {
        name = decodeURIComponent(match[2]);
      } catch {
        name = undefined; // a malformed escape: fall back to the plain filename
      }
    }
  }
  if (!name) {
    const plain = /filename\s*=\s*("((?:[^"\\]|\\.)*)"|[^;\s]+)/i.exec(header);
    name = plain ? (plain[2] !== undefined ? plain[2].replace(/\\(.)/g, '$1') : plain[1]) : undefined;
  }
  // eslint-disable-next-line no-control-regex
  const clean = name?.replace(/[/\\\u0000-\u001f\u007f]/g, '_').trim();
  return clean ? clean : undefined;
}
