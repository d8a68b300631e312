/**
 * Levenshtein edit distance (insert, delete, substitute, each cost 1) between two sequences,
 * in O(n·m) time and O(min(n, m)) memory. Callers pass graphemes so `é` and `👍🏽` count as one.
 */
export function levenshtein(a: readonly string[], b: readonly string[]): number {
  // Common prefix and suffix never change the distance; skipping them makes near-matches cheap.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  let s = a.slice(start, endA);
  let t = b.slice(start, endB);
  if (s.length < t.length) [s, t] = [t, s];
  if (t.length === 0) return s.length;
  let prev = new Int32Array(t.length + 1);
  let curr = new Int32Array(t.length + 1);
  for (let j = 0; j <= t.length; j++) prev[j] = j;
  for (let i = 1; i <= s.length; i++) {
    curr[0] = i;
    const si = s[i - 1];
    for (let j = 1; j <= t.length; j++) {
      const sub = prev[j - 1]! + (si === t[j - 1] ? 0 : 1);
      const del = prev[j]! + 1;
      const ins = curr[j - 1]! + 1;
      curr[j] = Math.min(sub, del, ins);
    }
    [prev, curr] = [curr, prev];
  }
  return prev[t.length]!;
}
