/**
 * The font every raster/PDF export embeds: DejaVu Sans from the `dejavu-fonts-ttf` npm package (Latin,
 * Greek, Cyrillic and many symbols; no CJK). Characters the font lacks are replaced by a visible
 * placeholder, checked with fontkit's hasGlyphForCodePoint, so nothing renders as an invisible gap.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import * as fontkit from 'fontkit';

/** Shown instead of a character the embedded font cannot draw (a white square, which DejaVu has). */
export const MISSING_GLYPH = '\u25A1';

/** Paths of the regular and bold TTF files. */
export interface FontFiles {
  regular: string;
  bold: string;
}

/** The DejaVu Sans files shipped by the dejavu-fonts-ttf package. */
export function defaultFontFiles(): FontFiles {
  const require = createRequire(import.meta.url);
  const dir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  return { regular: path.join(dir, 'DejaVuSans.ttf'), bold: path.join(dir, 'DejaVuSans-Bold.ttf') };
}

/** Something that can tell whether a code point has a glyph (fontkit's Font does). */
export interface GlyphCoverage {
  hasGlyphForCodePoint(codePoint: number): boolean;
}

/** Opens a TTF for coverage checks. */
export function openCoverage(file: string): GlyphCoverage {
  const font = fontkit.openSync(file);
  if (!('hasGlyphForCodePoint' in font)) throw new Error(`${file}: a font collection, expected a single font`);
  return font;
}

/**
 * Returns a function that replaces every character the font lacks by MISSING_GLYPH (a run of
 * consecutive missing characters, e.g. a CJK sentence, keeps one placeholder per character). Control
 * characters other than line breaks and tabs are dropped; variation selectors and joiners are dropped
 * silently as they draw nothing anyway.
 */
export function glyphFilter(coverage: GlyphCoverage): (text: string) => string {
  const cache = new Map<number, boolean>();
  const has = (cp: number): boolean => {
    let known = cache.get(cp);
    if (known === undefined) {
      known = coverage.hasGlyphForCodePoint(cp);
      cache.set(cp, known);
    }
    return known;
  };
  return (text: string): string => {
    let out = '';
    for (const ch of text) {
      const cp = ch.codePointAt(0) ?? 0;
      if (ch === '\n' || ch === '\t') out += ch;
      else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) continue;
      else if (cp === 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f)) continue;
      else out += has(cp) ? ch : MISSING_GLYPH;
    }
    return out;
  };
}
