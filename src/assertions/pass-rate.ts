/**
 * The one rule for a test across its `repeat` samples: it passes when passing ÷ judged samples
 * (pass + fail; errors and skips are not evidence about the model) reaches `pass_rate`. No
 * judged sample, no pass. Dependency-free so the runner's exit verdict and the comparison can
 * share it without loading the assertion registry.
 */
export function meetsPassRate(passed: number, judged: number, passRate: number): boolean {
  if (judged === 0) return false;
  // A tolerance so 4 of 5 meets 0.8 despite binary floating point.
  return passed / judged >= passRate - 1e-12;
}
