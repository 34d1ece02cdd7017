/**
 * The server bundle holds a subset of mime-db (scripts/mime-db-subset.mjs). mime-types, the one package that reads
 * it, must answer exactly as over the full table: every type's extension, charset and Content-Type, and every
 * extension's type (where several types claim one, the winner depends on `source`).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { mimeDbSubset, type MimeEntry } from '../../scripts/mime-db-subset.mjs';

const require = createRequire(import.meta.url);

interface MimeTypes {
  lookup(path: string): string | false;
  extension(type: string): string | false;
  charset(type: string): string | false;
  contentType(type: string): string | false;
}

/** A fresh copy of mime-types whose `require('mime-db')` returns `db`. */
function mimeTypesOver(db: Record<string, unknown>): MimeTypes {
  const file = require.resolve('mime-types');
  const own = createRequire(file);
  const mod = { exports: {} as MimeTypes };
  const load = vm.compileFunction(fs.readFileSync(file, 'utf8'), ['require', 'module', 'exports'], { filename: file });
  load((id: string) => (id === 'mime-db' ? db : own(id)), mod, mod.exports);
  return mod.exports;
}

describe('mime-db subset of the server bundle', () => {
  const full = require('mime-db') as Record<string, MimeEntry>;
  const subset = mimeDbSubset(full);
  const before = mimeTypesOver(full);
  const after = mimeTypesOver(subset);

  it('is smaller: only entries with extensions or a charset', () => {
    expect(Object.keys(subset).length).toBeLessThan(Object.keys(full).length / 2);
    expect(JSON.stringify(subset).length).toBeLessThan(JSON.stringify(full).length / 2);
  });

  it('gives mime-types the same answer for every type and every extension', () => {
    const types = Object.keys(full);
    const extensions = new Set(types.flatMap((type) => full[type]?.extensions ?? []));
    let compared = 0;
    for (const type of [...types, 'text/x-unknown', 'application/x-unknown', 'TEXT/HTML; charset=latin1']) {
      for (const fn of ['extension', 'charset', 'contentType'] as const) {
        expect(after[fn](type), `${fn}(${type})`).toBe(before[fn](type));
        compared++;
      }
    }
    for (const ext of [...extensions, 'unknownext']) {
      expect(after.lookup(`file.${ext}`), ext).toBe(before.lookup(`file.${ext}`));
      expect(after.contentType(ext), ext).toBe(before.contentType(ext));
      compared++;
    }
    expect(compared).toBeGreaterThan(8000);
  });
});
