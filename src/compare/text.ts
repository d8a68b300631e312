/** The comparison as the terminal shows it: regressions first, then fixes, new, removed, errors, the verdict last. */
import type { Comparison, TestRef } from '../contracts/comparison.js';
import { testFile } from '../contracts/result.js';

/** Lines per list on a terminal; the files have everything. */
const TEXT_LIMIT = 30;

function list<T extends TestRef>(title: string, items: readonly T[], line: (t: T) => string): string[] {
  if (items.length === 0) return [];
  const shown = items.slice(0, TEXT_LIMIT).map((t) => `  ${line(t)}`);
  const hidden = items.length - shown.length;
  return [`${title} (${items.length}):`, ...shown, ...(hidden > 0 ? [`  … and ${hidden} more`] : []), ''];
}

/** Plain text for stdout, ending with the verdict line. */
export function comparisonText(c: Comparison): string {
  const out: string[] = [
    ...list(
      'Regressions (pass → fail)',
      c.regressions,
      (t) => `✗ ${t.key}  ${testFile(t)}:${t.line}${t.reason ? `  ${t.reason}` : ''}`,
    ),
    ...list('Fixes (fail → pass)', c.fixes, (t) => `✓ ${t.key}`),
    ...list('New tests (only in B)', c.added, (t) => `+ ${t.key}`),
    ...list('Removed tests (only in A)', c.removed, (t) => `- ${t.key}`),
    ...list(
      'Errors and skips (left out)',
      c.errors,
      (e) => `! ${e.key} [${e.side.toUpperCase()}] ${e.status}: ${e.message}`,
    ),
  ];
  const lang = c.by_lang.filter((g) => g.significant);
  if (lang.length > 0) {
    out.push(
      'Languages that changed significantly (Holm-corrected):',
      ...lang.map(
        (g) => `  ${g.name}: ${(g.delta_pp ?? 0).toFixed(1)} pp, p = ${g.p_adjusted.toPrecision(2)}`,
      ),
      '',
    );
  }
  const p = c.pairwise;
  if (p) {
    const sig = p.by_lang.filter((g) => g.significant);
    out.push(
      `Pairwise (grader ${p.judge}, both orders): ${p.overall.b_wins} wins, ${p.overall.ties} ties, ${p.overall.a_wins} losses for ${c.sides.b.label}`,
      ...p.by_lang.map(
        (g) =>
          `  ${g.name}: ${g.b_wins}/${g.ties}/${g.a_wins}, sign test p = ${g.p.toPrecision(2)}, Holm p = ${g.p_adjusted.toPrecision(2)}${g.significant ? ' — significant' : ''}`,
      ),
      ...(sig.length === 0 && p.by_lang.length > 0
        ? ['  no language differs significantly (Holm-corrected)']
        : []),
      p.verdict,
      '',
    );
  }
  for (const w of c.warnings) out.push(`warning: ${w}`);
  const { a, b } = c.sides;
  out.push(
    `${a.label}: ${a.passed}/${a.n} passed · ${b.label}: ${b.passed}/${b.n} passed · ${c.pairs.regressions} regressions, ${c.pairs.fixes} fixes`,
    c.verdict.text,
  );
  return `${out.join('\n')}\n`;
}
