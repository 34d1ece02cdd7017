/** Test helpers for exports: golden files (UPDATE_GOLDEN=1 rewrites them) and PDF text extraction with pdf.js. */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
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

/**
 * Extracts the text of a PDF with pdf.js (Mozilla's pdfjs-dist, pure JavaScript, so `npm test` needs no system
 * package): text runs are grouped into lines by their position, pages separated by a form feed.
 */
export async function pdfToText(pdf: Buffer): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const lines: { y: number; parts: { x: number; text: string }[] }[] = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str === '') continue;
        const x = item.transform[4] as number;
        const y = item.transform[5] as number;
        let line = lines.find((l) => Math.abs(l.y - y) < 2);
        if (!line) {
          line = { y, parts: [] };
          lines.push(line);
        }
        line.parts.push({ x, text: item.str });
      }
      lines.sort((a, b) => b.y - a.y);
      pages.push(
        lines
          .map((l) =>
            l.parts
              .sort((a, b) => a.x - b.x)
              .map((p) => p.text)
              .join(' ')
              .replace(/ {2,}/g, ' ')
              .trimEnd(),
          )
          .join('\n'),
      );
    }
    return pages.join('\n\f\n');
  } finally {
    await doc.destroy();
  }
}

/** Document info of a PDF (Title, Author, CreationDate as ISO, JavaScript yes/no), read with pdf.js. */
export async function pdfInfo(pdf: Buffer): Promise<Record<string, string>> {
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, verbosity: 0 }).promise;
  try {
    const { info } = (await doc.getMetadata()) as unknown as { info: Record<string, unknown> };
    const raw = typeof info.CreationDate === 'string' ? info.CreationDate : '';
    const m = /^D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})/.exec(raw);
    const javascript = await doc.getJSActions();
    return {
      Title: String(info.Title ?? ''),
      Author: String(info.Author ?? ''),
      CreationDate: m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z` : raw,
      JavaScript: javascript && Object.keys(javascript).length > 0 ? 'yes' : 'no',
    };
  } finally {
    await doc.destroy();
  }
}
