/** The HTML report's judge-check section, from a report's `judge_check`. */
import { isNoise, type JudgeCheck } from '../contracts/judge-check.js';
import {
  assertionLabel,
  formatKappa,
  type JudgeCheckRow,
  judgeCheckTables,
  NOISE_FLAG,
} from './judge-check.js';

export interface JudgeView {
  samples: number;
  floor: number;
  flag: string;
  /** The flagged assertions: label, rubric, the noisy graders' self-agreement. */
  flagged: Array<{ label: string; value: string; self: string }>;
  tables: Array<{ title: string; rows: JudgeCheckRow[] }>;
}

export function judgeView(jc: JudgeCheck | undefined): JudgeView | null {
  if (!jc) return null;
  return {
    samples: jc.samples,
    floor: jc.floor,
    flag: NOISE_FLAG,
    flagged: jc.assertions
      .filter((a) => a.flagged)
      .map((a) => ({
        label: assertionLabel(a),
        value: a.value,
        self: a.self
          .filter(isNoise)
          .map((s) => `${s.model} κ ${formatKappa(s)}`)
          .join('; '),
      })),
    tables: judgeCheckTables(jc),
  };
}
