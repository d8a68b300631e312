/** Per-language and per-tag deltas, with McNemar within each group and Holm across groups. */

import type { GroupDelta } from '../contracts/comparison.js';
import { holm } from '../stats/holm.js';
import { mcnemarExact } from '../stats/mcnemar.js';

/** Adjusted p-values below this make a group's change significant. */
export const ALPHA = 0.05;

/** One paired, judged test as the group tables count it. */
export interface JudgedPair {
  aPass: boolean;
  bPass: boolean;
  /** b − a, when both sides have a score. */
  scoreDelta: number | null;
}

/** Collects pairs per group name (a language, a tag). */
export class GroupDeltas {
  private readonly groups = new Map<
    string,
    { n: number; aPassed: number; bPassed: number; reg: number; fix: number; sd: number; sn: number }
  >();

  add(name: string, pair: JudgedPair): void {
    let g = this.groups.get(name);
    if (!g) {
      g = { n: 0, aPassed: 0, bPassed: 0, reg: 0, fix: 0, sd: 0, sn: 0 };
      this.groups.set(name, g);
    }
    g.n++;
    if (pair.aPass) g.aPassed++;
    if (pair.bPass) g.bPassed++;
    if (pair.aPass && !pair.bPass) g.reg++;
    if (!pair.aPass && pair.bPass) g.fix++;
    if (pair.scoreDelta !== null) {
      g.sd += pair.scoreDelta;
      g.sn++;
    }
  }

  /** The groups sorted by name, each with its McNemar p and the Holm-adjusted p across all of them. */
  finish(): GroupDelta[] {
    const names = [...this.groups.keys()].sort();
    const rows = names.map((name): GroupDelta => {
      const g = this.groups.get(name)!;
      const a = g.n > 0 ? g.aPassed / g.n : null;
      const b = g.n > 0 ? g.bPassed / g.n : null;
      return {
        name,
        n: g.n,
        a_pass_rate: a,
        b_pass_rate: b,
        delta_pp: a !== null && b !== null ? (b - a) * 100 : null,
        mean_score_delta: g.sn > 0 ? g.sd / g.sn : null,
        regressions: g.reg,
        fixes: g.fix,
        p: mcnemarExact(g.reg, g.fix).p,
        p_adjusted: 1,
        significant: false,
      };
    });
    return adjustAcrossGroups(rows);
  }
}

/** Sets each group's Holm-adjusted p across all the groups given, and whether it is significant. */
export function adjustAcrossGroups<T extends { p: number; p_adjusted: number; significant: boolean }>(
  rows: T[],
): T[] {
  const adjusted = holm(rows.map((r) => r.p));
  rows.forEach((r, i) => {
    r.p_adjusted = adjusted[i]!;
    r.significant = r.p_adjusted < ALPHA;
  });
  return rows;
}
