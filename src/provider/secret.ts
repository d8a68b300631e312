/** The placeholder that replaces the key wherever it would otherwise be written or shown. */
export const redacted = '[REDACTED]';

/**
 * Replaces every occurrence of `secret` in `text`. Very short secrets are left alone: replacing
 * a two-letter "key" everywhere would mangle the text and protect nothing.
 */
export function scrubSecret(text: string, secret: string | undefined): string {
  if (!secret || secret.length < 4 || !text.includes(secret)) return text;
  return text.split(secret).join(redacted);
}
