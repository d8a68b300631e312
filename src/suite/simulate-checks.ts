/**
 * What `validate` checks of `simulate:` (SPEC §10) beyond its schema: a simulated user writes
 * every user turn, so the test gives no user message of its own; `goal-met` judges a user's
 * goal, so it needs a test with `simulate:` or a scripted `conversation` with a `goal`.
 */
import { parseAssertionType } from '../catalog/assertions.js';
import type { BuiltSuite, BuiltTest } from './build.js';
import type { BuildContext } from './build-context.js';

/** Runs the checks; findings are pushed to ctx.diags. */
export function checkSimulations(built: BuiltSuite, ctx: BuildContext): void {
  const reported = new Set<string>();
  for (const t of built.tests) {
    if (t.simulateKeys) checkGoalPlace(t, t.simulateKeys, ctx);
    if (t.simulateKeys && t.spec.simulate) checkOwnTurns(t, ctx);
    if (t.spec.simulate) {
      checkTurnBounds(t, t.spec.simulate.max_turns, ctx);
      continue;
    }
    if (t.spec.goal !== undefined && t.simulateKeys?.includes('conversation')) continue;
    for (const a of t.spec.assert) {
      if (parseAssertionType(a.type)?.base !== 'goal-met') continue;
      const path = ctx.assertionPaths.get(a);
      if (!path) continue;
      const d = ctx.locator.diag(
        [...path, 'type'],
        `goal-met judges whether a user reached its goal: test "${t.spec.id}" has no \`simulate: { persona, goal }\` and no \`goal\` beside a \`conversation\``,
      );
      const key = `${d.line}:${d.col}`;
      if (reported.has(key)) continue;
      reported.add(key);
      ctx.diags.push(d);
    }
  }
}

/** A test's own `goal` belongs to a scripted conversation; a simulated user's is in `simulate.goal`. */
function checkGoalPlace(t: BuiltTest, keys: string[], ctx: BuildContext): void {
  if (!keys.includes('goal')) return;
  const message = keys.includes('simulate')
    ? "a simulated user's goal goes in `simulate.goal`, not beside it"
    : keys.includes('conversation')
      ? undefined
      : '`goal` says what the user of a scripted `conversation` wants; this test has no `conversation` (for a simulated user, use `simulate: { goal }`)';
  if (message !== undefined) ctx.diags.push(ctx.locator.diag([...t.path!, 'goal'], message, { part: 'key' }));
}

/** A simulated test's own prompt, user messages or scripted turns: the simulated user writes those. */
function checkOwnTurns(t: BuiltTest, ctx: BuildContext): void {
  const keys = t.simulateKeys ?? [];
  const { messages } = t.spec;
  const userMessage = (list: Array<{ role: string }>) => list.some((m) => m.role !== 'system');
  const ownUser =
    messages !== undefined &&
    (Array.isArray(messages) ? userMessage(messages) : Object.values(messages).some(userMessage));
  const what = keys.includes('prompt')
    ? 'prompt'
    : keys.includes('conversation')
      ? 'conversation'
      : ownUser
        ? 'messages'
        : undefined;
  if (what === undefined) return;
  ctx.diags.push(
    ctx.locator.diag(
      [...t.path!, what],
      `the simulated user writes every user turn: a test with \`simulate:\` gives no \`${what}\`${what === 'messages' ? ' other than system messages' : ''} (its system prompt goes in \`system:\` or a system message)`,
      { part: 'key' },
    ),
  );
}

/** A `turns: { min }` above `max_turns` can never pass: a dialogue that long fails first. */
function checkTurnBounds(t: BuiltTest, maxTurns: number, ctx: BuildContext): void {
  for (const a of t.spec.assert) {
    if (parseAssertionType(a.type)?.base !== 'turns' || typeof a.min !== 'number' || a.min <= maxTurns)
      continue;
    const path = ctx.assertionPaths.get(a);
    if (!path) continue;
    ctx.diags.push(
      ctx.locator.diag(
        [...path, 'min'],
        `turns: min ${a.min} is more than simulate.max_turns (${maxTurns}), so this assertion can never pass`,
        { severity: 'warning' },
      ),
    );
  }
}
