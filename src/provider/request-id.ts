/**
 * `X-Client-Request-Id` allows 1–128 of `[A-Za-z0-9._:-]` (FACTS.md). Case ids contain `/` and
 * `#`, so they map to `:` and `.`; anything else becomes `_`.
 */
export function sanitiseRequestId(caseId: string): string {
  const id = caseId.slice(0, 128);
  if (id === '') return 'qeval';
  return id.replace(/[^A-Za-z0-9._:-]/g, (c) => (c === '/' ? ':' : c === '#' ? '.' : '_'));
}
