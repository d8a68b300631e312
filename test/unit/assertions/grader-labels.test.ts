/**
 * The built-in grader prompts per language on a labelled set: test/fixtures/grader-labels/<lang>.yaml
 * holds 20 answers per language (a rubric, an answer, whether it should pass). Each answer is
 * graded by `llm-rubric` with the case's `lang`, through the client and the cassette
 * test/fixtures/grader-labels/__cassettes__/grader-labels.json.
 *
 * That cassette was RECORDED AGAINST THE LOOPBACK SIMULATOR, NOT THE REAL API (its `note` says so):
 * the simulator's stand-in grader passes an answer when it contains the label's `key` term. So
 * this test holds the plumbing — each language gets its own prompt, the calls replay from the
 * cassette (a prompt that changes is a miss, and fails here), and every verdict parses into the
 * labelled pass/fail — and cannot measure how well a real grader follows these prompts.
 *
 * Re-record (against the simulator): QEVAL_RECORD_GRADER_LABELS=1 npx vitest run test/unit/assertions/grader-labels.test.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileAssertion } from '../../../src/assertions/compile.js';
import { graderPhrases } from '../../../src/assertions/graders/grader-phrases.js';
import { llmRubricPrompt } from '../../../src/assertions/graders/llm-rubric-prompt.js';
import {
  builtInGraderPrompt,
  graderPromptLanguages,
} from '../../../src/assertions/graders/localized-prompts.js';
import { graderTemplate } from '../../../src/assertions/graders/templates.js';
import type { GradeFn } from '../../../src/assertions/types.js';
import { type CassetteTransport, openCassettes, simulatorNote } from '../../../src/cassette/transport.js';
import { createClient } from '../../../src/provider/client.js';
import type { ChatClient } from '../../../src/provider/types.js';
import { type SimRequestBody, type Simulator, startSimulator } from '../../utils/simulator.js';
import { context, spec } from './helpers.js';

interface Label {
  rubric: string;
  answer: string;
  pass: boolean;
  key: string;
}

const dir = fileURLToPath(new URL('../../fixtures/grader-labels/', import.meta.url));
const labels: Record<string, Label[]> = Object.fromEntries(
  readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => [
      f.replace('.yaml', ''),
      (yaml.load(readFileSync(join(dir, f), 'utf8')) as { labels: Label[] }).labels,
    ]),
);
const keyOfRubric = new Map(Object.values(labels).flatMap((ls) => ls.map((l) => [l.rubric, l.key] as const)));
const recording = process.env.QEVAL_RECORD_GRADER_LABELS === '1';

function between(text: string, tag: string): string {
  return text.split(`<${tag}>\n`)[1]?.split(`\n</${tag}>`)[0] ?? '';
}

/** The simulator's stand-in grader: passes an answer that states its rubric's key term. */
function simulatedGrader(body: SimRequestBody) {
  const prompt = String(body.messages.at(-1)?.content ?? '');
  const key = keyOfRubric.get(between(prompt, 'rubric'));
  const pass = key !== undefined && between(prompt, 'answer').includes(key);
  const reason = pass ? `simulated: states "${key}"` : 'simulated: lacks the key term';
  return {
    content: JSON.stringify({ reason, pass, score: pass ? 1 : 0 }),
    usage: { prompt_tokens: 50, completion_tokens: 12 },
  };
}

let sim: Simulator | undefined;
let cassettes: CassetteTransport;
let client: ChatClient;

beforeAll(async () => {
  sim = recording ? await startSimulator({ respond: simulatedGrader }) : undefined;
  const baseUrl = sim?.url ?? 'http://127.0.0.1:9/v1';
  cassettes = await openCassettes({
    mode: recording ? 'record' : 'replay',
    suites: [{ name: 'grader-labels', file: join(dir, 'grader-labels.yaml') }],
    baseUrl,
    note: simulatorNote,
    rerecordHint: 'QEVAL_RECORD_GRADER_LABELS=1 npx vitest run test/unit/assertions/grader-labels.test.ts',
  });
  client = createClient({
    baseUrl,
    timeoutMs: 5000,
    retries: 0,
    concurrency: 8,
    prices: {},
    transport: cassettes,
  });
});

afterAll(async () => {
  await cassettes?.close();
  await sim?.close();
});

describe('built-in grader prompts per language', () => {
  it('exist for the 12 example languages, and a regional tag falls back to its language', () => {
    for (const lang of ['zh', 'en', 'ar', 'es', 'fr', 'de', 'ru', 'ja', 'ko', 'hi', 'pt', 'vi'])
      expect(graderPromptLanguages).toContain(lang);
    expect(builtInGraderPrompt('llm-rubric', 'pt-BR')).toBe(builtInGraderPrompt('llm-rubric', 'pt'));
    expect(builtInGraderPrompt('factuality', 'zh-Hans')).toContain('专家回答');
    // A language without prompts of its own gets the English one, which names the language.
    expect(builtInGraderPrompt('llm-rubric', 'sw')).toBe(llmRubricPrompt);
    expect(builtInGraderPrompt('llm-rubric', null)).toBe(llmRubricPrompt);
  });

  it('compile, and ask for the reply shape grader-answer.ts reads, in every language', () => {
    for (const lang of graderPromptLanguages) {
      const vars = { input: 'Q', output: 'O', rubric: 'R', reference: 'F', lang };
      const rubric = graderTemplate(builtInGraderPrompt('llm-rubric', lang))(vars);
      const fact = graderTemplate(builtInGraderPrompt('factuality', lang))(vars);
      expect(rubric, lang).toMatch(/\{"reason": "<[^>]+>", "pass": <[^>]+>, "score": <[^>]+>\}$/);
      expect(fact, lang).toMatch(/\{"reason": "<[^>]+>", "category": "<A, B, C, D [^>]+ E>"\}$/);
      // JSON mode needs the word in the prompt.
      expect(rubric, lang).toContain('JSON');
      expect(fact, lang).toContain('JSON');
    }
  });

  it('has at least 20 labelled answers per language, both verdicts represented', () => {
    expect(Object.keys(labels).sort()).toEqual([...graderPromptLanguages].sort());
    for (const [lang, ls] of Object.entries(labels)) {
      expect(ls.length, lang).toBeGreaterThanOrEqual(20);
      expect(new Set(ls.map((l) => l.pass)), lang).toEqual(new Set([true, false]));
    }
  });

  for (const lang of Object.keys(labels).sort()) {
    it(`${lang}: sends its own prompt and holds the labelled verdicts (replayed; recorded against the simulator)`, async () => {
      const intro =
        lang === 'en'
          ? llmRubricPrompt.split('\n')[0]!
          : graderPhrases[lang as keyof typeof graderPhrases].rubricIntro;
      const verdicts = await Promise.all(
        labels[lang]!.map(async (label, i) => {
          const sent: string[] = [];
          const grade: GradeFn = (req) => {
            sent.push(String(req.messages[0]!.content));
            return client.complete(
              { model: req.model, messages: req.messages, ...(req.params ?? {}) },
              { caseId: `grader-labels/${lang}/${i}`, sample: 0, purpose: 'grader', suite: 'grader-labels' },
            );
          };
          const outcome = await compileAssertion(spec('llm-rubric', { value: label.rubric }))(
            label.answer,
            context({ lang, grade }),
          );
          expect(sent).toHaveLength(1);
          expect(sent[0]!.startsWith(intro), `${lang} #${i} prompt`).toBe(true);
          return outcome.pass;
        }),
      );
      expect(verdicts).toEqual(labels[lang]!.map((l) => l.pass));
    });
  }
});
