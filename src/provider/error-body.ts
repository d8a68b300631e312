/** Reading the gateway's error bodies (both styles) and making short snippets of odd bodies. */

const snippetLength = 200;

/**
 * A short, single-line piece of a body for an error message: HTML tags and runs of whitespace
 * removed (a 502 page is mostly markup), cut at {@link snippetLength} characters.
 */
export function snippet(body: string, max = snippetLength): string {
  const looksHtml = /^\s*<(!doctype|html|head|body|\?xml)/i.test(body);
  const text = (
    looksHtml ? body.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' ') : body
  )
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Whether a body is an HTML page rather than JSON (proxies answer 502/504 with one). */
export function isHtml(body: string, contentType: string | null): boolean {
  return (contentType ?? '').includes('text/html') || /^\s*<(!doctype|html)/i.test(body);
}

/**
 * The message of an error body in either of the gateway's styles:
 * `{message, path, requestId, statusCode, timestamp}` (message may be a list of validation
 * errors) or OpenAI's `{error: {message, type}}` (or `{error: "text"}`). Falls back to a snippet.
 */
export function errorMessage(body: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return snippet(body);
  }
  const fromValue = (v: unknown): string | undefined => {
    if (typeof v === 'string' && v.trim() !== '') return v.trim();
    if (Array.isArray(v)) {
      const parts = v.map(fromValue).filter((s): s is string => s !== undefined);
      return parts.length > 0 ? parts.join('; ') : undefined;
    }
    if (v !== null && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      return fromValue(o.message) ?? fromValue(o.error) ?? fromValue(o.detail);
    }
    return undefined;
  };
  const message = fromValue(parsed);
  return message === undefined ? snippet(body) : snippet(message, 400);
}
