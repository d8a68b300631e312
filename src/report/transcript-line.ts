/**
 * A transcript on one line, for the text reports (JUnit failure text, summary.md):
 * `step 1 → get_weather({"city":"Paris"}) → {"temp_c":18}; step 2 → "It is 18 °C"`.
 * A conversation's user turns are shown too (`turn 2 user "Tomorrow at 8pm."`; a simulated user's
 * as `simulated user`, and how its dialogue ended).
 */
import type { Transcript, TranscriptMessage } from '../contracts/result.js';

/** The most of one text (a message, arguments, a result) the line keeps. */
const PIECE = 120;

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  return chars.length > PIECE ? `${chars.slice(0, PIECE).join('')}…` : flat;
}

/** JSON written compactly; any other text as it is. */
function compact(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return text;
  }
}

function callsPart(m: TranscriptMessage, results: Map<string, TranscriptMessage>): string {
  return (m.tool_calls ?? [])
    .map((tc) => {
      const args = tc.args !== undefined ? JSON.stringify(tc.args) : tc.arguments;
      const r = results.get(tc.id);
      const result = r ? ` → ${r.error ? `error: ${clip(r.error)}` : clip(compact(r.content))}` : '';
      return `${tc.name}(${clip(args)})${result}`;
    })
    .join(', ');
}

/** The transcript as one line: steps in order, with user turns when there is more than one. */
export function transcriptLine(t: Transcript): string {
  const results = new Map<string, TranscriptMessage>();
  for (const m of t.messages) if (m.role === 'tool' && m.tool_call_id) results.set(m.tool_call_id, m);
  const parts: string[] = [];
  for (const m of t.messages) {
    if (m.role === 'user' && t.turns > 1)
      parts.push(
        `turn ${m.turn} ${m.simulated ? 'simulated user' : 'user'} ${JSON.stringify(clip(m.content))}`,
      );
    if (m.role !== 'assistant') continue;
    const said = m.content.trim() ? JSON.stringify(clip(m.content)) : '';
    const calls = callsPart(m, results);
    parts.push(`step ${m.step ?? '?'} → ${[calls, said].filter(Boolean).join(', ') || '""'}`);
  }
  if (t.stopped) parts.push(`stopped: ${t.stopped}`);
  if (t.simulation) parts.push(`dialogue ended: ${t.simulation.ended}`);
  return parts.join('; ');
}
