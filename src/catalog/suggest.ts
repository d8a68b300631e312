/**
 * "Did you mean …" for misspelt keys, types, parameters and variables: the closest candidate
 * by edit distance, when it is close enough to be a plausible typo.
 */

/**
 * Edit distance with adjacent transpositions (optimal string alignment: `nmae` → `name` is 1),
 * with an early exit once a whole row exceeds `max`.
 */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, before[j - 2]! + 1);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    before = prev;
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * The candidate closest to `input`, or undefined when none is within a third of its length
 * (at least 1, at most 3 edits). Case and `-`/`_` differences count as near misses.
 */
export function suggest(input: string, candidates: Iterable<string>): string | undefined {
  const norm = (s: string) => s.toLowerCase().replace(/[-_]/g, '');
  const wanted = norm(input);
  const max = Math.min(3, Math.max(1, Math.floor(input.length / 3)));
  let best: string | undefined;
  let bestDist = max + 1;
  for (const c of candidates) {
    if (c === input) continue;
    const d = norm(c) === wanted ? 0 : editDistance(wanted, norm(c), max);
    if (d < bestDist) {
      best = c;
      bestDist = d;
    }
  }
  return best;
}

/** `a, b, c` — or the first `max` items and "… (N more)" for long lists. */
export function listOf(items: readonly string[], max = 12): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} … (${items.length - max} more)`;
}
