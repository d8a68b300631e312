import { describe, expect, it } from 'vitest';
import { agreementOf, type Grading } from '../../../src/run/judge-agreement.js';

/** Gradings of `items` answers over `samples` samples; `verdict` gives each grader's pass. */
function gradings(
  items: number,
  samples: number,
  models: string[],
  verdict: (item: number, sample: number, model: string) => boolean,
): Grading[] {
  const out: Grading[] = [];
  for (let i = 0; i < items; i++) {
    for (let s = 0; s < samples; s++) {
      out.push({
        item: `c${i}`,
        sample: s,
        verdicts: models.map((model) => ({ model, pass: verdict(i, s, model) })),
      });
    }
  }
  return out;
}

describe('agreementOf', () => {
  it('a grader that repeats itself has self-agreement 1 and is not flagged', () => {
    const g = agreementOf(
      gradings(6, 3, ['a'], (i) => i % 2 === 0),
      3,
    );
    expect(g.self).toEqual([
      expect.objectContaining({ model: 'a', method: 'fleiss', kappa: 1, items: 6, pass_rate: 0.5 }),
    ]);
    expect(g.between).toBeNull();
    expect(g.flagged).toBe(false);
  });

  it('identical verdicts everywhere leave kappa undefined: full agreement, not flagged', () => {
    const g = agreementOf(
      gradings(4, 3, ['a'], () => true),
      3,
    );
    expect(g.self[0]).toMatchObject({ kappa: null, observed: 1 });
    expect(g.flagged).toBe(false);
  });

  it('a grader that alternates within an answer is flagged', () => {
    const g = agreementOf(
      gradings(6, 4, ['a'], (_, s) => s % 2 === 0),
      4,
    );
    expect(g.self[0]!.kappa!).toBeLessThan(0.8);
    expect(g.flagged).toBe(true);
  });

  it("two graders: Cohen's kappa; three: Fleiss'", () => {
    const two = agreementOf(
      gradings(6, 2, ['a', 'b'], (i, _s, m) => (m === 'a' ? i < 3 : i < 2)),
      2,
    );
    expect(two.between).toMatchObject({ method: 'cohen', items: 12 });
    expect(two.between!.kappa!).toBeCloseTo(2 / 3, 5);
    const three = agreementOf(
      gradings(6, 2, ['a', 'b', 'c'], (i) => i < 3),
      2,
    );
    expect(three.between).toMatchObject({ method: 'fleiss', kappa: 1 });
  });

  it('leaves out an answer whose grading failed in some sample', () => {
    const all = gradings(5, 3, ['a'], (i) => i < 2);
    all[4] = { ...all[4]!, verdicts: null };
    expect(agreementOf(all, 3).self[0]!.items).toBe(4);
  });
});
