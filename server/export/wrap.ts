/** Approximate text wrapping for SVG, where the renderer does not wrap: width in "units" (1 = a Latin glyph, 2 = a wide CJK glyph). */

/** True for East Asian wide/fullwidth code points and emoji, which take about two Latin widths. */
function isWide(codePoint: number): boolean {
  return (
    (codePoint >= 0x1100 && codePoint <= 0x115f) ||
    (codePoint >= 0x2e80 && codePoint <= 0xa4cf) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0xfe30 && codePoint <= 0xfe4f) ||
    (codePoint >= 0xff00 && codePoint <= 0xff60) ||
    (codePoint >= 0xffe0 && codePoint <= 0xffe6) ||
    (codePoint >= 0x1f300 && codePoint <= 0x1faff) ||
    (codePoint >= 0x20000 && codePoint <= 0x3fffd)
  );
}

/** Display width of a string in units. */
export function textUnits(text: string): number {
  let units = 0;
  for (const ch of text) units += isWide(ch.codePointAt(0) ?? 0) ? 2 : 1;
  return units;
}

/**
 * Wraps `text` into at most `maxLines` lines of at most `maxUnits` units, breaking at spaces when it can
 * and inside long words (or CJK runs) when it must. When text is left over, the last line ends with `…`.
 */
export function wrapText(text: string, maxUnits: number, maxLines: number): string[] {
  const lines: string[] = [];
  const paragraphs = text.replace(/\r\n?/g, '\n').split('\n');
  let truncated = false;
  outer: for (const paragraph of paragraphs) {
    const words = paragraph.split(/[ \t]+/).filter((w) => w !== '');
    let line = '';
    for (const word of words) {
      const candidate = line === '' ? word : `${line} ${word}`;
      if (textUnits(candidate) <= maxUnits) {
        line = candidate;
        continue;
      }
      if (line !== '') {
        lines.push(line);
        line = '';
        if (lines.length >= maxLines) {
          truncated = true;
          break outer;
        }
      }
      // The word alone is too long: split it by width.
      let piece = '';
      for (const ch of word) {
        if (textUnits(piece + ch) > maxUnits) {
          lines.push(piece);
          piece = '';
          if (lines.length >= maxLines) {
            truncated = true;
            break outer;
          }
        }
        piece += ch;
      }
      line = piece;
    }
    if (line !== '') {
      if (lines.length >= maxLines) {
        truncated = true;
        break;
      }
      lines.push(line);
    }
  }
  if (truncated && lines.length > 0) {
    const last = lines[lines.length - 1] ?? '';
    let cut = Array.from(last);
    while (cut.length > 0 && textUnits(`${cut.join('')}…`) > maxUnits) cut = cut.slice(0, -1);
    lines[lines.length - 1] = `${cut.join('').trimEnd()}…`;
  }
  return lines;
}
