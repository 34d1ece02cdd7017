/** Escaping for HTML and SVG (XML) output: every user string goes through escapeXml, in text and in attributes. */

// XML 1.0 forbids these code points even as character references; HTML parsers mangle them too.
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Drops code points that XML cannot carry (control characters, lone surrogates, U+FFFE/U+FFFF). */
export function stripInvalidXml(text: string): string {
  return text.replace(INVALID_XML, '');
}

/** Escapes `& < > " '` (and drops invalid code points): safe in element content and quoted attributes. */
export function escapeXml(text: string): string {
  return stripInvalidXml(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
