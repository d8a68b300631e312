/**
 * The statistics of `qeval judge-check`, from the verdicts it collected: each grader's
 * agreement with itself over the samples (Fleiss' kappa, the samples as raters of an answer) and
 * the graders' agreement with each other (Cohen's kappa for two, Fleiss' for more, each answer ×
 * sample an item). Pure: verdicts in, numbers out.
 */
import {
  type Agreement,
  type AgreementGroup,
  isNoise,
  type SelfAgreement,
} from '../contracts/judge-check.js';
import type { BootstrapOptions } from '../stats/bootstrap.js';
import { cohenKappa, fleissKappa, type KappaEstimate } from '../stats/kappa.js';

/** One grading of one item (a stored answer under one assertion) in one sample. */
export interface Grading {
  item: string;
  sample: number;
  /** Each grader's verdict; null when the grading failed (the item is then left out). */
  verdicts: Array<{ model: string; pass: boolean }> | null;
}

function agreement(method: Agreement['method'], k: KappaEstimate): Agreement {
  return {
    method,
    kappa: k.kappa,
    low: k.interval?.low ?? null,
    high: k.interval?.high ?? null,
    observed: k.observed,
    items: k.items,
  };
}

/** Items in order of first appearance, each with its verdicts by sample and model. */
function byItem(gradings: readonly Grading[]): Map<string, Map<number, Map<string, boolean>>> {
  const items = new Map<string, Map<number, Map<string, boolean>>>();
  const failed = new Set<string>();
  for (const g of gradings) {
    if (g.verdicts === null) failed.add(g.item);
    const samples = items.get(g.item) ?? new Map<number, Map<string, boolean>>();
    items.set(g.item, samples);
    samples.set(g.sample, new Map((g.verdicts ?? []).map((v) => [v.model, v.pass])));
  }
  for (const item of failed) items.delete(item);
  return items;
}

/**
 * The agreement of a group of gradings, every item graded `samples` times. Items with a failed
 * grading are left out; a group is flagged when some grader's self-agreement is below
 * {@link SELF_AGREEMENT_FLOOR} (a kappa left undefined by identical verdicts is full agreement).
 */
export function agreementOf(
  gradings: readonly Grading[],
  samples: number,
  options: BootstrapOptions = {},
): AgreementGroup {
  const items = [...byItem(gradings).values()].filter((s) => s.size === samples);
  const models = [...new Set(items.flatMap((s) => [...s.values()].flatMap((v) => [...v.keys()])))];
  const self: SelfAgreement[] = models.map((model) => {
    const ratings = items
      .map((s) => [...s.values()].map((v) => v.get(model)))
      .filter((r): r is boolean[] => r.every((v) => v !== undefined));
    const passes = ratings.flat().filter(Boolean).length;
    return {
      model,
      ...agreement('fleiss', fleissKappa(ratings, options)),
      pass_rate: ratings.length ? passes / (ratings.length * samples) : 0,
    };
  });
  let between: Agreement | null = null;
  if (models.length >= 2) {
    const rows = items.flatMap((s) => [...s.values()].map((v) => models.map((m) => v.get(m))));
    const full = rows.filter((r): r is boolean[] => r.every((v) => v !== undefined));
    between =
      models.length === 2
        ? agreement(
            'cohen',
            cohenKappa(
              full.map((r) => r[0]!),
              full.map((r) => r[1]!),
              options,
            ),
          )
        : agreement('fleiss', fleissKappa(full, options));
  }
  const flagged = self.some(isNoise);
  return { self, between, flagged };
}
