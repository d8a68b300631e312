/** A transcript as plain text for a grader to read: who said what, tool calls and results in order. */
import type { Transcript } from '../../contracts/result.js';

/**
 * One line (or paragraph) per message: `USER:`, `ASSISTANT:`, `ASSISTANT CALLS name(args)`,
 * `TOOL name:`; system messages are left out (the grader judges the exchange, not its setup).
 * A simulated user's closing message (with its stop phrase) ends the text.
 */
export function transcriptText(t: Transcript): string {
  const lines: string[] = [];
  for (const m of t.messages) {
    if (m.role === 'user') lines.push(`USER: ${m.content}`);
    else if (m.role === 'assistant') {
      if (m.content.trim() !== '') lines.push(`ASSISTANT: ${m.content}`);
      for (const c of m.tool_calls ?? []) lines.push(`ASSISTANT CALLS ${c.name}(${c.arguments})`);
    } else if (m.role === 'tool') lines.push(`TOOL ${m.name ?? ''}: ${m.content}`);
  }
  const final = t.simulation?.final;
  if (final !== undefined) lines.push(`USER: ${final}`);
  return lines.join('\n\n');
}
