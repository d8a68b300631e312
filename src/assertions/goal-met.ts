/**
 * `goal-met` (SPEC §10): a grader model reads the whole transcript of a `simulate:` test and
 * judges whether the simulated user's goal was reached. Graded like `llm-rubric` (same client,
 * cassettes, `grader:` options, JSON verdict); a case without a simulated user is an evaluation
 * error (validation refuses such a suite first).
 */
import { goalMetPrompt } from './graders/goal-met-prompt.js';
import { requirePassFail } from './graders/grader-answer.js';
import { transcriptText } from './graders/transcript-text.js';
import { graded } from './model-graded.js';
import { AssertionEvaluationError } from './types.js';

export const goalMet = graded({
  name: 'goal-met',
  defaultPrompt: goalMetPrompt,
  variables: () => (ctx) => {
    const sim = ctx.case.simulate;
    if (!sim || !ctx.transcript) {
      throw new AssertionEvaluationError(
        'goal-met: the test has no simulated user (`simulate: { persona, goal }`), so there is no goal to judge',
      );
    }
    return {
      goal: sim.goal,
      persona: sim.persona,
      transcript: transcriptText(ctx.transcript),
      turns: ctx.transcript.turns,
      ended: ctx.transcript.simulation?.ended ?? '',
    };
  },
  judge: requirePassFail,
});
