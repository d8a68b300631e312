import type { CaseResult } from '../contracts/result.js';

/** Error cases of one kind: how many, and the first, whose message says why. */
export interface ErrorCause {
  kind: string;
  count: number;
  first: CaseResult;
}

/**
 * The error cases grouped by kind, most frequent first: one outage is one line, not forty. The
 * terminal summary and the pull-request comment both list them.
 */
export function errorCauses(cases: Iterable<CaseResult>): ErrorCause[] {
  const byKind = new Map<string, ErrorCause>();
  for (const c of cases) {
    if (c.status !== 'error') continue;
    const kind = c.error?.kind ?? 'internal';
    const cause = byKind.get(kind);
    if (cause) cause.count++;
    else byKind.set(kind, { kind, count: 1, first: c });
  }
  return [...byKind.values()].sort((a, b) => b.count - a.count);
}
