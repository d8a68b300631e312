/** compare.md: the comparison for a pull-request comment. Leads with the verdict and the regressions. */
import type { Comparison } from '../contracts/comparison.js';
import type { PairwiseView } from './pairwise-view.js';
import {
  type ChangedRow,
  type ComparisonView,
  comparisonView,
  type GroupRow,
  type ListView,
} from './view.js';

/** Rows per list in Markdown: a PR comment should stay readable. */
const MD_LIMIT = 50;

/** Makes text safe inside a Markdown table cell or line: no HTML, no cell breaks, no emphasis. */
export function mdEscape(text: string): string {
  return text
    .replace(/\r?\n/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|#])/g, '\\$1');
}

function code(text: string): string {
  // A code span cannot hold its own backticks; escape-free otherwise, so ids read as written.
  return text.includes('`') ? mdEscape(text) : `\`${text.replace(/\|/g, '\\|')}\``;
}

function table(head: string[], rows: string[][]): string[] {
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ];
}

function more<T>(list: ListView<T>, shown: number): string[] {
  const hidden = list.more + Math.max(0, list.rows.length - shown);
  return hidden > 0 ? [``, `… and ${hidden} more (see compare.json).`] : [];
}

function changed(title: string, list: ListView<ChangedRow>): string[] {
  const rows = list.rows.slice(0, MD_LIMIT);
  if (rows.length === 0) return [`### ${title}`, '', 'None.', ''];
  return [
    `### ${title} (${list.rows.length + list.more})`,
    '',
    ...table(
      ['test', 'where', 'A', 'B', 'why'],
      rows.map((r) => [code(r.key), code(r.where), r.a, r.b, mdEscape(r.reason)]),
    ),
    ...more(list, MD_LIMIT),
    '',
  ];
}

function groups(title: string, rows: GroupRow[]): string[] {
  if (rows.length === 0) return [];
  return [
    `### ${title}`,
    '',
    ...table(
      ['', 'tests', 'A', 'B', 'Δ pass rate', 'Δ score', 'regr. / fixes', 'p', 'p (Holm)'],
      rows.map((g) => [
        `${code(g.name)}${g.significant ? ' **significant**' : ''}`,
        String(g.n),
        g.a,
        g.b,
        g.delta,
        g.score,
        g.changes,
        g.p,
        g.pAdjusted,
      ]),
    ),
    '',
  ];
}

function oneSided(title: string, list: ComparisonView['added']): string[] {
  if (list.rows.length === 0) return [];
  const rows = list.rows.slice(0, MD_LIMIT);
  return [
    `### ${title}`,
    '',
    ...rows.map((r) => `- ${code(r.key)} — ${r.status}`),
    ...more(list, MD_LIMIT),
    '',
  ];
}

/** `compare --judge`: the verdict, then wins / ties / losses overall and per language. */
export function pairwise(p: PairwiseView | null): string[] {
  if (!p) return [];
  const rows = [p.overall, ...p.byLang];
  return [
    `### Pairwise judgement (grader ${code(p.judge)}, both orders)`,
    '',
    `**${mdEscape(p.verdict)}**`,
    '',
    ...table(
      [
        '',
        'pairs',
        'B wins / ties / losses',
        'B preferred (untied)',
        '95% Wilson CI',
        'sign test p',
        'p (Holm)',
      ],
      rows.map((r) => [
        `${code(r.name)}${r.significant ? ' **significant**' : ''}`,
        String(r.n),
        r.record,
        r.share,
        r.ci,
        r.p,
        r.pAdjusted || '–',
      ]),
    ),
    '',
    'A tie: the grader preferred neither answer, or its preference flipped when the answers swapped places.',
    '',
  ];
}

/** The comparison as Markdown (compare.md). */
export function comparisonMarkdown(c: Comparison): string {
  const v = comparisonView(c);
  const [a, b] = v.sides as [ComparisonView['sides'][number], ComparisonView['sides'][number]];
  const out: string[] = [
    `## qeval compare: ${mdEscape(b.label)} vs ${mdEscape(a.label)}`,
    '',
    `**${mdEscape(v.verdict)}**`,
    '',
    ...v.warnings.map((w) => `> ⚠️ ${mdEscape(w)}`),
    ...(v.warnings.length > 0 ? [''] : []),
    ...table(
      ['side', 'label', 'passed', 'pass rate', '95% Wilson CI', 'mean score'],
      v.sides.map((s) => [s.side, code(s.label), s.passed, s.rate, s.ci, s.meanScore]),
    ),
    '',
    `- Pass-rate difference (B − A): ${v.passDelta}`,
    `- Mean score difference (B − A): ${v.scoreDelta}`,
    `- ${v.mcnemar}`,
    `- ${v.counts.map((x) => `${x.label}: ${x.value}`).join(' · ')}`,
    '',
    ...changed('Regressions (pass → fail)', v.regressions),
    ...changed('Fixes (fail → pass)', v.fixes),
    ...oneSided('New tests (only in B)', v.added),
    ...oneSided('Removed tests (only in A)', v.removed),
  ];
  if (v.errors.rows.length > 0) {
    out.push(
      '### Errors and skips (left out)',
      '',
      ...table(
        ['test', 'side', 'status', 'message'],
        v.errors.rows.slice(0, MD_LIMIT).map((e) => [code(e.key), e.side, e.status, mdEscape(e.message)]),
      ),
      ...more(v.errors, MD_LIMIT),
      '',
    );
  }
  out.push(...pairwise(v.pairwise));
  out.push(...groups('By language (Holm-corrected across languages)', v.byLang));
  out.push(...groups('By tag (Holm-corrected across tags)', v.byTag));
  if (v.flaky.rows.length > 0) {
    out.push(
      '### Flaky tests',
      '',
      ...table(
        ['test', 'A passed', 'B passed'],
        v.flaky.rows.slice(0, MD_LIMIT).map((f) => [code(f.key), f.a, f.b]),
      ),
      ...more(v.flaky, MD_LIMIT),
      '',
    );
  }
  if (v.passAtK) {
    out.push(
      '### pass@k and pass^k',
      '',
      ...table(
        ['k', 'A pass@k', 'B pass@k', 'A pass^k', 'B pass^k'],
        v.passAtK.map((r) => [String(r.k), r.a, r.b, r.aHat, r.bHat]),
      ),
      '',
    );
  }
  return `${out.join('\n').trimEnd()}\n`;
}
