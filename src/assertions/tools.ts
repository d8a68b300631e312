/**
 * The tools family (SPEC §10): assertions over the calls a case's model made — every call of the
 * case, or of one user turn with `turn: N` — read from the transcript (or, for a case without a
 * tool loop, from its one answer), and over the conversation's length.
 */
import type { ToolCall } from '../contracts/chat.js';
import type { TranscriptToolCall } from '../contracts/result.js';
import { compileSchema, describeSchemaErrors } from './json-schema-compiler.js';
import { optionalNumber, stringList, thresholdOf } from './options.js';
import { binary, fmt, scored } from './outcome.js';
import type { AssertionContext, AssertionFactory } from './types.js';
import { AssertionOptionsError } from './types.js';

/** The calls the model made, in order: of one turn when `turn` is set, else of the whole case. */
export function callsOf(ctx: AssertionContext, turn: number | undefined): TranscriptToolCall[] {
  const t = ctx.transcript;
  if (!t) return turn === undefined || turn === 1 ? (ctx.response.tool_calls ?? []).map(withArgs) : [];
  return t.messages
    .filter((m) => m.role === 'assistant' && (turn === undefined || m.turn === turn))
    .flatMap((m) => m.tool_calls ?? []);
}

function withArgs(call: ToolCall): TranscriptToolCall {
  try {
    return { ...call, args: JSON.parse(call.arguments) as unknown };
  } catch {
    return { ...call };
  }
}

/** Whether `actual` has every member of `expected`, recursively (arrays element by element). */
export function isSubset(expected: unknown, actual: unknown): boolean {
  if (expected === null || typeof expected !== 'object') return expected === actual;
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) &&
      expected.length === actual.length &&
      expected.every((e, i) => isSubset(e, actual[i]))
    );
  }
  if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
  const a = actual as Record<string, unknown>;
  return Object.entries(expected).every(([k, v]) => Object.hasOwn(a, k) && isSubset(v, a[k]));
}

function turnOf(options: Parameters<AssertionFactory>[0]): number | undefined {
  return optionalNumber(options, 'turn');
}

function names(calls: TranscriptToolCall[]): string {
  return calls.length === 0 ? 'no tool' : calls.map((c) => c.name).join(', ');
}

export const toolCall: AssertionFactory = (options) => {
  const name = options.name;
  if (typeof name !== 'string' || name === '') {
    throw new AssertionOptionsError(`${options.type}: \`name\` (the tool) is required`);
  }
  const args = options.args;
  const schema = options.args_schema;
  if (args !== undefined && (args === null || typeof args !== 'object' || Array.isArray(args))) {
    throw new AssertionOptionsError(`${options.type}: \`args\` must be an object`);
  }
  const validate =
    schema !== undefined && schema !== null && typeof schema === 'object'
      ? compileSchema(schema as Record<string, unknown>)
      : undefined;
  const turn = turnOf(options);
  const wanted = `${name}${args !== undefined ? ` with ${JSON.stringify(args)}` : ''}${validate ? ' with args matching args_schema' : ''}`;
  return (_output, ctx) => {
    const calls = callsOf(ctx, turn);
    const same = calls.filter((c) => c.name === name);
    const where = turn === undefined ? '' : ` in turn ${turn}`;
    if (same.length === 0) return binary(false, `no call to ${name}${where}; called: ${names(calls)}`);
    let why = '';
    for (const c of same) {
      if (args !== undefined && !isSubset(args, c.args)) {
        why = `${name} was called with ${c.arguments}, not ${JSON.stringify(args)}`;
        continue;
      }
      if (validate && !validate(c.args)) {
        why = `${name} was called with ${c.arguments}: ${describeSchemaErrors(validate)}`;
        continue;
      }
      return binary(true, `called ${name} with ${c.arguments}${where}`);
    }
    return binary(false, `no call to ${wanted}${where}: ${why}`);
  };
};

function counts(list: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const x of list) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
}

/** Members the two multisets share. */
function overlap(a: string[], b: string[]): number {
  const cb = counts(b);
  let n = 0;
  for (const [k, v] of counts(a)) n += Math.min(v, cb.get(k) ?? 0);
  return n;
}

export const toolCalls: AssertionFactory = (options) => {
  const expected = stringList(options);
  const order = options.order ?? 'strict';
  if (order !== 'strict' && order !== 'any') {
    throw new AssertionOptionsError(`${options.type}: \`order\` must be strict or any`);
  }
  const turn = turnOf(options);
  return (_output, ctx) => {
    const called = callsOf(ctx, turn).map((c) => c.name);
    const same =
      order === 'strict'
        ? called.length === expected.length && called.every((n, i) => n === expected[i])
        : called.length === expected.length && overlap(called, expected) === expected.length;
    const shown = (l: string[]) => (l.length === 0 ? '(none)' : l.join(' → '));
    return binary(
      same,
      `called ${shown(called)}; expected ${order === 'any' ? 'in any order ' : ''}${shown(expected)}`,
    );
  };
};

export const toolCallF1: AssertionFactory = (options) => {
  const expected = stringList(options);
  const threshold = thresholdOf(options, 1);
  const turn = turnOf(options);
  return (_output, ctx) => {
    const called = callsOf(ctx, turn).map((c) => c.name);
    const hit = overlap(called, expected);
    const precision = called.length === 0 ? 0 : hit / called.length;
    const recall = hit / expected.length;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return scored(
      f1,
      threshold,
      `tool-call F1 ${fmt(f1)} (precision ${fmt(precision)}, recall ${fmt(recall)}; called ${called.join(', ') || 'none'})`,
    );
  };
};

export const turns: AssertionFactory = (options) => {
  const min = optionalNumber(options, 'min');
  const max = optionalNumber(options, 'max');
  return (_output, ctx) => {
    const n = ctx.transcript?.turns ?? 1;
    const ok = (min === undefined || n >= min) && (max === undefined || n <= max);
    const bounds = [min !== undefined ? `min ${min}` : '', max !== undefined ? `max ${max}` : '']
      .filter(Boolean)
      .join(', ');
    return binary(ok, `${n} user turn${n === 1 ? '' : 's'} (${bounds})`);
  };
};
