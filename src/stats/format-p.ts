/**
 * Formats a p-value for people: three decimals, "< 0.001" below that, never "0" (a p-value is
 * never exactly zero and printing 0 invites the wrong reading).
 */
export function formatPValue(p: number): string {
  if (p < 0.001) return '< 0.001';
  if (p >= 0.9995) return '1';
  return p.toFixed(3);
}
