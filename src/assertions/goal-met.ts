/**
 * `goal-met` (SPEC §10): a grader model reads the whole transcript of a `simulate:` test (or of a
 * scripted conversation with a `goal`) and judges whether the user's goal was reached. Graded like `llm-rubric` (same client,
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
  defaultPrompt: () => goalMetPrompt,
  variables: () => (ctx) => {
    const sim = ctx.case.simulate;
    const goal = sim?.goal ?? ctx.case.goal;
    if (goal === undefined || !ctx.transcript) {
      throw new AssertionEvaluationError(
        'goal-met: the test has neither a simulated user (`simulate: { persona, goal }`) nor a conversation with a `goal`, so there is no goal to judge',
      );
    }
    return {
      goal,
      persona: sim?.persona ?? '',
      transcript: transcriptText(ctx.transcript),
      turns: ctx.transcript.turns,
      ended: ctx.transcript.simulation?.ended ?? '',
    };
  },
  judge: requirePassFail,
});
