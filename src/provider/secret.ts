/** The placeholder that replaces the key wherever it would otherwise be written or shown. */
export const redacted = '[REDACTED]';

let formsOf: { secret: string; forms: string[] } | undefined;

/**
 * Every way the key may be written back to us: as it is, escaped inside a JSON string,
 * URL-encoded, and in base64 (standard and URL-safe). Base64 inside a longer blob (a Basic
 * credential, a token wrapping the key) depends on where the key starts, so the key is encoded at
 * each of the three byte offsets and only the characters its own bits decide are kept.
 * Very short secrets have no forms: replacing a two-letter "key" everywhere would mangle the text
 * and protect nothing.
 */
export function secretForms(secret: string | undefined): string[] {
  if (!secret || secret.length < 4) return [];
  if (formsOf?.secret === secret) return formsOf.forms;
  const forms = new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)]);
  const bytes = Buffer.from(secret, 'utf8');
  for (let shift = 0; shift < 3; shift++) {
    const padded = Buffer.concat([Buffer.alloc(shift), bytes]);
    // Characters [from, to) hold only bits of the key: six bits a character.
    const from = Math.ceil((shift * 8) / 6);
    const to = Math.floor(((shift + bytes.length) * 8) / 6);
    for (const alphabet of ['base64', 'base64url'] as const) {
      const piece = padded.toString(alphabet).slice(from, to);
      if (piece.length >= 8) forms.add(piece);
    }
  }
  // Longest first, so a form is replaced whole before a shorter one inside it is looked for.
  formsOf = { secret, forms: [...forms].sort((a, b) => b.length - a.length) };
  return formsOf.forms;
}

/** Replaces every occurrence of the secret, in each of its {@link secretForms}, in `text`. */
export function scrubSecret(text: string, secret: string | undefined): string {
  let out = text;
  for (const form of secretForms(secret)) {
    if (out.includes(form)) out = out.split(form).join(redacted);
  }
  return out;
}

/** A deep copy of a JSON value with the secret replaced in every string (keys included). */
export function scrubValue<T>(value: T, secret: string | undefined): T {
  if (secretForms(secret).length === 0) return value;
  if (typeof value === 'string') return scrubSecret(value, secret) as T;
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, secret)) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[scrubSecret(k, secret)] = scrubValue(v, secret);
  return out as T;
}
