/**
 * A test's `simulate:` (SPEC §10): a simulated user with a persona and a goal writes the user
 * turns. Read here (persona and goal are templates, or `file://` texts), checked in
 * `simulate-checks.ts`, played in `src/run/simulate.ts`.
 */
import type { CaseSimulation } from '../contracts/case.js';
import type { BuildContext } from './build-context.js';
import type { PathSeg } from './document-path.js';
import type { TemplateSite } from './template-site.js';
import { textOrRef } from './test-parts.js';

/** User turns a simulated user may write when `max_turns` is not given. */
export const defaultMaxTurns = 6;

/** The persona when a test gives only a goal. */
export const defaultPersona = 'A user of this assistant';

/** The schema of `simulate:`, for the suite's JSON Schema. */
export const simulateSchema = {
  description:
    'a simulated user (a model) writes the user turns until it says [GOAL MET] or [GIVE UP]; past max_turns the case fails',
  type: 'object',
  required: ['goal'],
  additionalProperties: false,
  properties: {
    persona: {
      type: 'string',
      minLength: 1,
      description: 'who the simulated user is and how they write (a template, or file://)',
    },
    goal: {
      type: 'string',
      minLength: 1,
      description: 'what the simulated user wants from the assistant (a template, or file://)',
    },
    max_turns: {
      type: 'integer',
      minimum: 1,
      maximum: 50,
      description: `user turns before the case fails (default ${defaultMaxTurns})`,
    },
    model: {
      type: 'string',
      minLength: 1,
      description: "the simulated user's model (default: the grader model)",
    },
  },
} as const;

/**
 * Reads a test's `simulate` (at document path `path`); undefined when it is not an object or has
 * no goal (the schema reports both). Persona and goal stay templates, rendered per case.
 */
export async function buildSimulation(
  ctx: BuildContext,
  raw: unknown,
  path: PathSeg[],
  sites: TemplateSite[],
): Promise<CaseSimulation | undefined> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const r = raw as Record<string, unknown>;
  const goal = await textOrRef(ctx, r.goal, [...path, 'goal'], 'simulate goal', sites);
  if (goal === undefined || goal.trim() === '') return undefined;
  const persona = await textOrRef(ctx, r.persona, [...path, 'persona'], 'simulate persona', sites);
  const sim: CaseSimulation = {
    persona: persona !== undefined && persona.trim() !== '' ? persona : defaultPersona,
    goal,
    max_turns:
      typeof r.max_turns === 'number' && Number.isInteger(r.max_turns) && r.max_turns >= 1
        ? r.max_turns
        : defaultMaxTurns,
  };
  if (typeof r.model === 'string' && r.model !== '') sim.model = r.model;
  return sim;
}
