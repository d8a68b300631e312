/**
 * judge-check.json, and `judge_check` in report.json: how far a report's graders agree with
 * themselves when they grade the same stored answer again, and with each other. Public,
 * versioned contract (snake_case, only ever extended).
 */

/** The version of this shape. */
export const JUDGE_CHECK_VERSION = 1 as const;

/** Below this self-agreement (kappa) a rubric is flagged as noise. */
export const SELF_AGREEMENT_FLOOR = 0.8;

/** A grader that agrees with itself less than the floor (identical verdicts, kappa null, agree fully). */
export function isNoise(self: { kappa: number | null }): boolean {
  return self.kappa !== null && self.kappa < SELF_AGREEMENT_FLOOR;
}

/** A kappa with its bootstrap interval. */
export interface Agreement {
  /** `fleiss` over the samples (self-agreement, or three or more graders), `cohen` for two graders. */
  method: 'fleiss' | 'cohen';
  /**
   * Null when every verdict was the same (kappa is undefined there: there is nothing to agree on
   * by chance; `observed` is then 1).
   */
  kappa: number | null;
  /** 95% percentile bootstrap interval over the items; null when too few items vary. */
  low: number | null;
  high: number | null;
  /** Share of agreeing pairs of verdicts. */
  observed: number;
  /** Items rated: stored answers (self-agreement) or answer × sample (between graders). */
  items: number;
}

/** One grader's agreement with itself over the samples. */
export interface SelfAgreement extends Agreement {
  model: string;
  /** Share of its verdicts that passed. */
  pass_rate: number;
}

/** The agreement of a group of verdicts: one assertion, or one language. */
export interface AgreementGroup {
  self: SelfAgreement[];
  /** Between the graders of a vote; null with one grader. */
  between: Agreement | null;
  /** Some grader agrees with itself less than {@link SELF_AGREEMENT_FLOOR}: "this rubric is noise". */
  flagged: boolean;
}

/** One model-graded assertion of a test, over the test's stored answers. */
export interface JudgeCheckAssertion extends AgreementGroup {
  suite: string;
  test_id: string;
  /** The assertion's position in the test's `assert` list. */
  index: number;
  type: string;
  name?: string;
  /** The rubric or reference as the first answer's case rendered it. */
  value: string;
}

export interface JudgeCheckLanguage extends AgreementGroup {
  /** The cases' language, `none` for cases without one. */
  lang: string;
}

/** judge-check.json. */
export interface JudgeCheck {
  version: typeof JUDGE_CHECK_VERSION;
  /** How many times each stored answer was graded (sample 0 is the run's own grading). */
  samples: number;
  floor: number;
  assertions: JudgeCheckAssertion[];
  languages: JudgeCheckLanguage[];
  /** Answers × assertions left out of the statistics because a grader call failed in some sample. */
  errors: number;
}
