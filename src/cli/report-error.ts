/** The one place an error becomes a message and an exit code (every command, and each run of --watch). */
import { CommanderError } from 'commander';
import { ExitCode, formatDiagnostic, InternalError, QevalError, ValidationError } from '../errors.js';
import { stderr } from './terminal.js';

/** Prints a known error as one clear message; an unknown one as a bug with its stack. */
export function reportError(err: unknown): number {
  if (err instanceof CommanderError) {
    if (
      err.code === 'commander.helpDisplayed' ||
      err.code === 'commander.version' ||
      err.code === 'commander.help'
    ) {
      return ExitCode.ok;
    }
    // commander already printed its message.
    return ExitCode.invalidInput;
  }
  if (err instanceof ValidationError) {
    for (const d of err.diagnostics) stderr(`${formatDiagnostic(d)}\n`);
    stderr(`qeval: ${err.message}\n`);
    return err.exitCode;
  }
  if (err instanceof QevalError && !(err instanceof InternalError)) {
    stderr(`qeval: ${err.message}\n`);
    return err.exitCode;
  }
  stderr('qeval: internal error (this is a bug; please report it with the trace below)\n');
  stderr(`${(err as Error)?.stack ?? String(err)}\n`);
  return ExitCode.internal;
}
