/** Test helpers for exports: golden files (UPDATE_GOLDEN=1 rewrites them) and PDF text extraction with poppler's pdftotext. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Folder of the expected outputs. */
export const GOLDEN_DIR = fileURLToPath(new URL('../fixtures/golden/', import.meta.url));

/** True when the run should rewrite golden files instead of comparing. */
export const UPDATE_GOLDEN = process.env.UPDATE_GOLDEN === '1';

/** Reads the golden file, or writes it first when UPDATE_GOLDEN=1 (or it does not exist yet and we are updating). */
export function golden(name: string, actual: string): string {
  const file = path.join(GOLDEN_DIR, name);
  if (UPDATE_GOLDEN) writeFileSync(file, actual);
  if (!existsSync(file)) throw new Error(`golden file ${name} is missing: run UPDATE_GOLDEN=1 npx vitest run test/export`);
  return readFileSync(file, 'utf8');
}

/** Extracts the text of a PDF with `pdftotext -layout` (Debian package poppler-utils). */
export function pdfToText(pdf: Buffer): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'jr-pdf-'));
  try {
    const file = path.join(dir, 'in.pdf');
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error('pdftotext not found: install poppler-utils (apt-get install poppler-utils)');
    throw error;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Document info of a PDF as printed by `pdfinfo`, as a key -> value map. */
export function pdfInfo(pdf: Buffer): Record<string, string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'jr-pdf-'));
  try {
    const file = path.join(dir, 'in.pdf');
    writeFileSync(file, pdf);
    const out = execFileSync('pdfinfo', ['-isodates', file], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
    return Object.fromEntries(
      out
        .split('\n')
        .map((line) => /^([^:]+):\s*(.*)$/.exec(line))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => [m[1] ?? '', m[2] ?? '']),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
