/**
 * A tool mock's table (SPEC §10): keys are `name=value` pairs joined by `,` (`city=Paris`,
 * `city=Paris,unit=c`) or `*` for any other call. A call matches a key when every pair equals
 * the argument of that name (strings as they are, other values as JSON); the key with the most
 * pairs wins, then `*`.
 */

/** A parsed key: `*`, or its pairs in order. */
export type MockKey = { kind: 'any' } | { kind: 'args'; pairs: Array<[name: string, value: string]> };

/** A `,` that starts another `name=` pair: values may hold commas (`city=Paris, France`). */
const pairSeparator = /,\s*(?=[A-Za-z_][\w.-]*\s*=)/;
const pairPattern = /^([A-Za-z_][\w.-]*)\s*=(.*)$/s;

/** Parses a key; a string saying what is wrong when it is neither `*` nor `name=value` pairs. */
export function parseMockKey(key: string): MockKey | string {
  if (key.trim() === '*') return { kind: 'any' };
  const pairs: Array<[string, string]> = [];
  for (const part of key.split(pairSeparator)) {
    const m = pairPattern.exec(part.trim());
    if (!m) return `mock key "${key}" is not "*" nor name=value pairs joined by ","`;
    pairs.push([m[1]!, m[2]!.trim()]);
  }
  const names = pairs.map(([n]) => n);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice !== undefined) return `mock key "${key}" names ${twice} twice`;
  return { kind: 'args', pairs };
}

function argText(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value.trim() : JSON.stringify(value);
}

/** The table's result for these arguments: `{ value }`, or undefined when no key matches. */
export function lookupMock(
  table: Record<string, unknown>,
  args: Record<string, unknown>,
): { value: unknown; key: string } | undefined {
  let best: { value: unknown; key: string; pairs: number } | undefined;
  let fallback: { value: unknown; key: string } | undefined;
  for (const [key, value] of Object.entries(table)) {
    const parsed = parseMockKey(key);
    if (typeof parsed === 'string') continue;
    if (parsed.kind === 'any') {
      fallback ??= { value, key };
      continue;
    }
    const ok = parsed.pairs.every(([name, want]) => argText(args[name]) === want);
    if (ok && (!best || parsed.pairs.length > best.pairs)) best = { value, key, pairs: parsed.pairs.length };
  }
  return best ? { value: best.value, key: best.key } : fallback;
}
