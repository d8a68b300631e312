import { describe, expect, it } from 'vitest';
import { SseChunkError, SseEventTooLarge, SseParser, StreamAccumulator } from '../../../src/provider/sse.js';

const chunk = (delta: object, extra: object = {}) =>
  JSON.stringify({
    object: 'chat.completion.chunk',
    model: 'qwen-max',
    choices: [{ index: 0, delta, finish_reason: null }],
    ...extra,
  });

describe('SseParser', () => {
  it('joins events split anywhere across network chunks, with CRLF and comments', () => {
    const text = `: keep-alive\r\ndata: ${chunk({ content: 'Hel' })}\r\n\r\ndata: ${chunk({ content: 'lo' })}\n\ndata: [DONE]\n\n`;
    const p = new SseParser();
    const out: string[] = [];
    for (let i = 0; i < text.length; i += 7) out.push(...p.feed(text.slice(i, i + 7)));
    out.push(...p.end());
    expect(out).toEqual([chunk({ content: 'Hel' }), chunk({ content: 'lo' }), '[DONE]']);
  });
  it('keeps a last event that has no blank line after it, and multi-line data', () => {
    const p = new SseParser();
    expect(p.feed('data: a\ndata: b\n\nevent: x\ndata: c')).toEqual(['a\nb']);
    expect(p.end()).toEqual(['c']);
  });
});

describe('SseParser limits', () => {
  it('refuses a line that never ends once it passes the event limit, and nothing before', () => {
    const p = new SseParser(1000);
    expect(p.feed(`data: ${'x'.repeat(900)}`)).toEqual([]);
    expect(() => p.feed('x'.repeat(200))).toThrow(SseEventTooLarge);
  });
  it('counts an event over all its data lines, and starts again after each event', () => {
    const p = new SseParser(1000);
    const line = `data: ${'y'.repeat(300)}\n`;
    expect(p.feed(line.repeat(3))).toEqual([]);
    expect(p.feed('\n')).toEqual([Array(3).fill('y'.repeat(300)).join('\n')]);
    expect(p.feed(line.repeat(3))).toEqual([]);
    expect(() => p.feed(line)).toThrow(/larger than/);
  });
  it('joins a line split across many small feeds (CR and LF in different feeds too)', () => {
    const p = new SseParser();
    const out: string[] = [];
    for (const c of 'data: abc\r') out.push(...p.feed(c));
    out.push(...p.feed('\n\r\n'));
    expect(out).toEqual(['abc']);
  });
});

describe('StreamAccumulator', () => {
  it('folds deltas, finish reason, the final usage chunk and meta cost', () => {
    const acc = new StreamAccumulator();
    expect(acc.push(chunk({ role: 'assistant', content: '' }))).toBe(false);
    expect(acc.push(chunk({ content: '你好' }))).toBe(true);
    expect(acc.push(chunk({ content: '，世界' }))).toBe(true);
    acc.push(
      JSON.stringify({
        model: 'qwen-max-2025-01-25',
        choices: [{ index: 0, delta: {}, finish_reason: 'length' }],
      }),
    );
    acc.push(
      JSON.stringify({
        choices: [],
        usage: { prompt_tokens: 5, completion_tokens: 3 },
        meta: { usage: { usd_spent: 0.0002 } },
      }),
    );
    acc.push('[DONE]');
    expect(acc.done).toBe(true);
    expect(acc.result()).toMatchObject({
      output: '你好，世界',
      finish_reason: 'length',
      model: 'qwen-max-2025-01-25',
      usage: { prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 },
      usd_spent: 0.0002,
      chunks: 5,
    });
  });
  it('assembles streamed tool calls by index', () => {
    const acc = new StreamAccumulator();
    acc.push(
      chunk({
        tool_calls: [
          { index: 0, id: 'call_1', type: 'function', function: { name: 'get_', arguments: '{"ci' } },
        ],
      }),
    );
    acc.push(chunk({ tool_calls: [{ index: 0, function: { name: 'weather', arguments: 'ty":"Paris"}' } }] }));
    expect(acc.result().tool_calls).toEqual([
      { id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
    ]);
  });
  it('reports an error chunk and rejects a payload that is not JSON', () => {
    const acc = new StreamAccumulator();
    acc.push(JSON.stringify({ error: { message: 'overloaded' } }));
    expect(acc.result().error).toBe('overloaded');
    expect(() => acc.push('{"choices": [')).toThrow(SseChunkError);
  });
});
