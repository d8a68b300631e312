/**
 * qeval's vitest matchers on a model's answer. Deterministic assertions score at once; the
 * model-graded one replays its grader call from __cassettes__/greeting.test.json (recorded
 * against qeval's loopback simulator by `npm run record:examples`).
 *
 * The matchers are added by vitest.config.ts's setup file; the type import types them.
 *
 *   npx vitest run --root examples/vitest
 */
import type {} from 'qeval/vitest';
import { describe, expect, it } from 'vitest';

const answer = 'Bonjour Ana, je suis ravi de te saluer et je te souhaite une excellente journée !';

describe('greeting in French', () => {
  it('names Ana and stays short', async () => {
    await expect(answer).toPass(
      [
        { type: 'icontains', value: 'ana' },
        { type: 'length', max: 25, unit: 'words' },
      ],
      { lang: 'fr' },
    );
  });

  it('is in French, not English', async () => {
    await expect(answer).toMatchLanguage('fr');
    await expect(answer).not.toMatchLanguage('en');
  });

  it('is warm and polite, as a grader model judges it', async () => {
    await expect(answer).toPass(
      { type: 'llm-rubric', value: 'The reply greets Ana warmly and politely, in French.' },
      { lang: 'fr', prompt: 'Greet Ana in French and wish her a good day.' },
    );
  });
});
