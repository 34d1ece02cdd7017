/**
 * What of mime-db goes into the server bundle. express reaches mime-db only through mime-types, which reads three
 * fields of an entry: `extensions` (the extension maps it builds at load), `charset` (the charset it adds to a
 * Content-Type) and `source` (which type wins when several claim an extension). An entry with neither extensions
 * nor a charset never changes one of its answers: `charset()` falls back to the text/* rule for a type it does not
 * find, as it does for an entry without a charset. So the bundle keeps the 1,042 of 2,522 entries that have one,
 * with those three fields: the JSON parsed at every start shrinks from 160 kB to 70 kB, and so do the objects it
 * leaves in the idle process (docs/benchmarks.md). test/build/mime-db-subset.test.ts runs mime-types over both.
 */

/** The packages allowed to import mime-db in the bundle: they must read no other field (see above). */
export const MIME_DB_READERS = ['mime-types'];

/**
 * @param {Record<string, { source?: string; charset?: string; extensions?: string[]; compressible?: boolean }>} db
 * @returns {Record<string, { source?: string; charset?: string; extensions?: string[] }>}
 */
export function mimeDbSubset(db) {
  /** @type {Record<string, { source?: string; charset?: string; extensions?: string[] }>} */
  const subset = {};
  for (const [type, entry] of Object.entries(db)) {
    if (!entry.extensions && !entry.charset) continue;
    /** @type {{ source?: string; charset?: string; extensions?: string[] }} */
    const kept = {};
    if (entry.source !== undefined) kept.source = entry.source;
    if (entry.charset !== undefined) kept.charset = entry.charset;
    if (entry.extensions !== undefined) kept.extensions = entry.extensions;
    subset[type] = kept;
  }
  return subset;
}
