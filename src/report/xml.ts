/** XML 1.0 text helpers for the JUnit reporter. */

// Everything XML 1.0 does not allow in a document: C0 controls except tab/LF/CR, lone
// surrogates, U+FFFE and U+FFFF. Model output can contain any of them.
const FORBIDDEN = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Escapes text for an XML attribute value or element content, dropping forbidden characters. */
export function xmlEscape(text: string): string {
  return text.replace(FORBIDDEN, '').replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/**
 * Escapes an attribute value: like `xmlEscape`, and also keeps newlines and tabs, which an
 * XML parser would otherwise normalise to spaces.
 */
export function xmlAttr(text: string): string {
  return xmlEscape(text).replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

/** Cuts text to at most `max` characters (by code point), marking the cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = Array.from(text.slice(0, max + 1))
    .slice(0, -1)
    .join('');
  return `${cut}… (${text.length - cut.length} more characters)`;
}
