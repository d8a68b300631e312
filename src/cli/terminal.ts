/**
 * Everything the CLI prints goes through here. Control characters are made visible, so nothing a
 * model, a suite or a gateway wrote (an ESC sequence, an OSC title or link, a DCS query, a bare
 * CR) can move the cursor, clear the screen or set a title in a terminal or a CI log. Tabs and
 * newlines stay. The live progress bar is the one writer that uses the terminal's own codes.
 */

/** C0 controls as their Unicode pictures (ESC as ␛), DEL as ␡, C1 controls as `\x9b`. */
export function visible(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => {
    const code = c.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    if (code === 0x7f) return '\u2421';
    return `\\x${code.toString(16)}`;
  });
}

export function stdout(text: string): void {
  process.stdout.write(visible(text));
}

export function stderr(text: string): void {
  process.stderr.write(visible(text));
}

export function write(out: NodeJS.WritableStream, text: string): void {
  out.write(visible(text));
}
