/**
 * The shared comparison fixture: 50 tests in en/zh/ar. A (qwen-max): t0–t39 pass, t40–t49 fail.
 * B (qwen-max-2025-01-25) fails t0–t9 (10 regressions) and passes t40, t41 (2 fixes). Plus t50:
 * an error in B; t60 only in B; t61 only in A. `hostile` puts markup into ids and reasons.
 */
import type { CaseResult, CaseStatus } from '../../../src/contracts/result.js';
import { makeCase } from './make-case.js';

const LANGS = ['en', 'zh', 'ar'] as const;

export const HOSTILE = '<img src=x onerror="alert(1)">|`**{{x}}**';

export function scenario(options: { hostile?: boolean } = {}): { a: CaseResult[]; b: CaseResult[] } {
  const a: CaseResult[] = [];
  const b: CaseResult[] = [];
  for (let i = 0; i < 50; i++) {
    const lang = LANGS[i % 3]!;
    const tags = i % 2 === 0 ? ['even'] : ['odd'];
    const id = options.hostile && i === 0 ? `t0${HOSTILE}` : `t${i}`;
    const sa: CaseStatus = i < 40 ? 'pass' : 'fail';
    const sb: CaseStatus = i < 10 ? 'fail' : i < 42 ? 'pass' : 'fail';
    const reason = options.hostile ? `missing ${HOSTILE}` : 'missing "refund"';
    a.push(makeCase({ test_id: id, lang, tags, status: sa, model: 'qwen-max' }));
    b.push(
      makeCase({
        test_id: id,
        lang,
        tags,
        status: sb,
        model: 'qwen-max-2025-01-25',
        assertions: sb === 'fail' ? [{ type: 'contains', weight: 1, pass: false, score: 0, reason }] : [],
      }),
    );
  }
  a.push(makeCase({ test_id: 't50', status: 'pass', model: 'qwen-max' }));
  b.push(makeCase({ test_id: 't50', status: 'error', model: 'qwen-max-2025-01-25' }));
  b.push(makeCase({ test_id: 't60', status: 'pass', model: 'qwen-max-2025-01-25' }));
  a.push(makeCase({ test_id: 't61', status: 'pass', model: 'qwen-max' }));
  return { a, b };
}
