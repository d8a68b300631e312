/**
 * A tolerant reading of `report.comparison` (written by the compare module, typed `unknown` in
 * the report contract) for the Markdown summary: the verdict and the regressed cases, whatever
 * else the comparison carries.
 */

/** One regressed test as the summary lists it. */
export interface RegressionLine {
  label: string;
  detail: string;
}

/** What the Markdown summary shows of a comparison. */
export interface ComparisonGlance {
  verdict: string | null;
  regressions: RegressionLine[];
  fixes: number | null;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

function regressionLine(item: unknown): RegressionLine {
  if (typeof item === 'string') return { label: item, detail: '' };
  if (typeof item !== 'object' || item === null) return { label: String(item), detail: '' };
  const o = item as Record<string, unknown>;
  const label =
    str(o.id) ??
    str(o.key) ??
    [str(o.suite), str(o.test_id), str(o.lang) ? `[${o.lang}]` : null, str(o.variant)]
      .filter(Boolean)
      .join(' ');
  const reason = str(o.reason) ?? str(o.message) ?? '';
  const file = str(o.data_file) ?? str(o.suite_file);
  const line = typeof o.line === 'number' ? `:${o.line}` : '';
  return {
    label: label || '(unnamed)',
    detail: [reason, file ? `${file}${line}` : ''].filter(Boolean).join(' — '),
  };
}

/** Reads what it can; null when there is no comparison. */
export function glanceComparison(comparison: unknown): ComparisonGlance | null {
  if (comparison === undefined || comparison === null || typeof comparison !== 'object') return null;
  const c = comparison as Record<string, unknown>;
  const verdictObj = c.verdict;
  const verdict =
    str(verdictObj) ??
    (typeof verdictObj === 'object' && verdictObj !== null
      ? str((verdictObj as Record<string, unknown>).text ?? (verdictObj as Record<string, unknown>).line)
      : null) ??
    str(c.headline);
  const list = Array.isArray(c.regressions) ? c.regressions : [];
  const fixes = Array.isArray(c.fixes) ? c.fixes.length : typeof c.fixes === 'number' ? c.fixes : null;
  return { verdict, regressions: list.map(regressionLine), fixes };
}
