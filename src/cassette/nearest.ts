/**
 * Explaining a miss: the nearest recorded request for the same test and what changed, field by
 * field ("messages[1].content", "temperature"), so a reviewer sees why the recording no longer
 * applies. Only misses pay for this; hits never get here.
 */
import type { ChatMessage, GatewayRequest } from '../contracts/chat.js';
import { canonicalJson, firstMessageOf } from './key.js';
import type { CassetteEntry } from './types.js';

/** What the search reads of an entry. */
export type NearCandidate = Pick<CassetteEntry, 'purpose' | 'case_id' | 'sample' | 'request'> & {
  /** `canonicalJson(request.messages[0])`, when computed once ahead of many searches. */
  firstMessage?: string;
};

export interface FieldDiff {
  field: string;
  recorded: string;
  now: string;
}

/** At most this many entries are compared when nothing narrows the search. */
const scanLimit = 500;
const valueWidth = 70;

/** The case id without its `#sample` suffix: what a test's samples share. */
export function caseBase(caseId: string): string {
  const hash = caseId.lastIndexOf('#');
  return hash < 0 ? caseId : caseId.slice(0, hash);
}

/** Per-field differences between a recorded request (and sample) and the current one. */
export function diffRequests(
  recorded: GatewayRequest,
  recordedSample: number,
  current: GatewayRequest,
  sample: number,
): FieldDiff[] {
  const out: FieldDiff[] = [];
  const push = (field: string, a: unknown, b: unknown) => {
    if (canonicalJson(a) === canonicalJson(b)) return;
    const [ra, rb] = pair(a, b);
    out.push({ field, recorded: ra, now: rb });
  };
  push('model', recorded.model, current.model);
  const ma: ChatMessage[] = Array.isArray(recorded.messages) ? recorded.messages : [];
  const mb: ChatMessage[] = Array.isArray(current.messages) ? current.messages : [];
  for (let i = 0; i < Math.max(ma.length, mb.length); i++) {
    const a = ma[i];
    const b = mb[i];
    if (!a || !b) {
      push(`messages[${i}]`, a, b);
      continue;
    }
    for (const k of union(a, b))
      push(
        `messages[${i}].${k}`,
        (a as unknown as Record<string, unknown>)[k],
        (b as unknown as Record<string, unknown>)[k],
      );
  }
  for (const k of union(recorded, current)) {
    if (k === 'model' || k === 'messages') continue;
    push(k, recorded[k], current[k]);
  }
  if (recordedSample !== sample)
    out.push({ field: 'sample', recorded: String(recordedSample), now: String(sample) });
  return out;
}

/**
 * The recorded entry closest to a request that missed: among entries of the same test (case id
 * without the sample), else of the same model and first message, else of the same purpose, the
 * one with the fewest differing fields.
 */
export function nearestEntry<E extends NearCandidate>(
  entries: Iterable<E>,
  request: GatewayRequest,
  sample: number,
  caseId: string | undefined,
  purpose: string | undefined,
): { entry: E; diff: FieldDiff[] } | undefined {
  const base = caseId === undefined ? undefined : caseBase(caseId);
  const firstMessage = firstMessageOf(request);
  const tiers: E[][] = [[], [], []];
  let scanned = 0;
  for (const e of entries) {
    if (purpose !== undefined && e.purpose !== purpose) continue;
    if (base !== undefined && caseBase(e.case_id) === base) tiers[0]!.push(e);
    else if (
      e.request.model === request.model &&
      (e.firstMessage ?? firstMessageOf(e.request)) === firstMessage
    )
      tiers[1]!.push(e);
    else if (scanned < scanLimit) tiers[2]!.push(e);
    scanned++;
  }
  const tier = tiers.find((t) => t.length > 0);
  if (!tier) return undefined;
  let best: { entry: E; diff: FieldDiff[] } | undefined;
  for (const entry of tier) {
    const diff = diffRequests(entry.request, entry.sample, request, sample);
    if (!best || diff.length < best.diff.length) best = { entry, diff };
  }
  return best;
}

/** The lines of a diff, indented, for an error message. */
export function formatDiff(diff: FieldDiff[]): string[] {
  if (diff.length === 0) return ['  (same request; the recording is for another key version)'];
  return diff.map((d) => `  ${d.field}: ${d.recorded} → ${d.now}`);
}

function union(a: object, b: object): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
}

/** Both values shown around their first difference, so a change deep in a long prompt is visible. */
function pair(a: unknown, b: unknown): [string, string] {
  const sa = a === undefined ? '(absent)' : JSON.stringify(a);
  const sb = b === undefined ? '(absent)' : JSON.stringify(b);
  if (sa.length <= valueWidth && sb.length <= valueWidth) return [sa, sb];
  let p = 0;
  while (p < sa.length && p < sb.length && sa[p] === sb[p]) p++;
  const start = Math.max(0, p - 20);
  return [clip(sa, start), clip(sb, start)];
}

function clip(s: string, start: number): string {
  const body = s.slice(start, start + valueWidth);
  return `${start > 0 ? '…' : ''}${body}${start + valueWidth < s.length ? '…' : ''}`;
}
