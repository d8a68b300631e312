/**
 * The answers of one test's language cases (same suite, test, model, variant and sample), for
 * the assertions that compare a case with its siblings (`consistent`, `similar` with `lang`).
 * Every case publishes its output (or null: an error, a skip) once; a sibling's outputs resolve
 * when all of them have (the run publishes null for the cases it never started).
 */
import { comparesLanguages } from '../assertions/meaning.js';
import type { Case } from '../contracts/case.js';

const groupOf = (c: Case): string =>
  `${c.suite}\u0000${c.test_id}\u0000${c.model}\u0000${c.variant ?? ''}\u0000${c.sample}`;

interface Group {
  expected: number;
  outputs: Record<string, string | null>;
  done: Promise<Record<string, string | null>>;
  resolve: (outputs: Record<string, string | null>) => void;
  /** What the group's cases worked out once for all of them, by key. */
  shared: Map<string, Promise<unknown>>;
}

export class SiblingBoard {
  private readonly groups = new Map<string, Group>();

  /**
   * Groups only the tests with an assertion that compares languages: no other case waits for its
   * siblings, and no other answer is kept here for the length of the run.
   */
  constructor(cases: readonly Case[]) {
    const langs = new Map<string, Set<string>>();
    for (const c of cases) {
      if (c.lang === null || !c.assertions.some(comparesLanguages)) continue;
      const k = groupOf(c);
      const set = langs.get(k) ?? new Set<string>();
      langs.set(k, set);
      set.add(c.lang);
    }
    for (const [k, set] of langs) {
      let resolve!: Group['resolve'];
      const done = new Promise<Record<string, string | null>>((r) => {
        resolve = r;
      });
      this.groups.set(k, { expected: set.size, outputs: {}, done, resolve, shared: new Map() });
    }
  }

  /** Records a case's output; the first word counts. */
  publish(c: Case, output: string | null): void {
    const g = c.lang === null ? undefined : this.groups.get(groupOf(c));
    if (!g || Object.hasOwn(g.outputs, c.lang!)) return;
    g.outputs[c.lang!] = output;
    if (Object.keys(g.outputs).length === g.expected) g.resolve(g.outputs);
  }

  /**
   * `make()` once per key for all the language cases of the case's test: a question two of them
   * ask (the pivot's case and a language's case ask the grader the same comparison) is asked once,
   * by whichever asks first. Outside a group, `make()` itself.
   */
  shared<T>(c: Case, key: string, make: () => Promise<T>): Promise<T> {
    const g = c.lang === null ? undefined : this.groups.get(groupOf(c));
    if (!g) return make();
    let p = g.shared.get(key) as Promise<T> | undefined;
    if (!p) {
      p = make();
      g.shared.set(key, p);
    }
    return p;
  }

  /** The outputs of the case's test in every language, its own included, once all are known. */
  outputs(c: Case): Promise<Record<string, string | null>> {
    const g = c.lang === null ? undefined : this.groups.get(groupOf(c));
    return g ? g.done : Promise.resolve(c.lang === null ? {} : { [c.lang]: null });
  }
}
