/**
 * Tool calls of an answer, whole or streamed, in one normalised shape: `{ id, name, arguments }`.
 * The wire nests name and arguments under `function` (FACTS.md, the OpenAPI file's
 * `message.tool_calls` and `delta.tool_calls`); `arguments` stays the string the model generated,
 * valid JSON or not — judging it is the tool loop's business.
 */
import type { ToolCall } from '../contracts/chat.js';

interface WireCall {
  index?: unknown;
  id?: unknown;
  type?: unknown;
  function?: { name?: unknown; arguments?: unknown };
}

/** A `message.tool_calls` list as {@link ToolCall}s; entries that are not objects are dropped. */
export function normaliseToolCalls(raw: unknown[]): ToolCall[] {
  const out: ToolCall[] = [];
  raw.forEach((item, i) => {
    if (item === null || typeof item !== 'object') return;
    const w = item as WireCall;
    out.push({
      id: typeof w.id === 'string' && w.id !== '' ? w.id : `call_${i}`,
      name: typeof w.function?.name === 'string' ? w.function.name : '',
      arguments: argumentsText(w.function?.arguments),
    });
  });
  return out;
}

/** Some gateways send arguments as an object; the contract is the JSON text. */
function argumentsText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return '';
  return JSON.stringify(value);
}

/**
 * Streamed `delta.tool_calls` folded by `index`: the id and name come once (or are repeated
 * whole, which the OpenAPI file allows), the arguments come in pieces to concatenate.
 */
export class ToolCallAssembler {
  private readonly calls = new Map<number, { id: string; name: string; arguments: string }>();

  get size(): number {
    return this.calls.size;
  }

  push(delta: unknown): void {
    if (delta === null || typeof delta !== 'object') return;
    const d = delta as WireCall;
    const index = typeof d.index === 'number' ? d.index : 0;
    let call = this.calls.get(index);
    if (!call) {
      call = { id: '', name: '', arguments: '' };
      this.calls.set(index, call);
    }
    if (typeof d.id === 'string' && d.id !== '') call.id = d.id;
    const name = d.function?.name;
    // A name sent again whole on a later chunk is a repeat, not a piece.
    if (typeof name === 'string' && name !== call.name) call.name += name;
    const args = d.function?.arguments;
    if (typeof args === 'string') call.arguments += args;
    else if (args !== undefined && args !== null) call.arguments += JSON.stringify(args);
  }

  /** The calls in index order; a call whose id never came gets `call_<index>`. */
  result(): ToolCall[] {
    return [...this.calls.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([index, c]) => ({ id: c.id || `call_${index}`, name: c.name, arguments: c.arguments }));
  }
}
