/**
 * One error base class for everything qeval reports to a user. Each error carries a stable
 * `code` and the process exit code the CLI uses for it (SPEC §4). Errors are handled once, at
 * the CLI boundary: a `QevalError` prints its message; anything else is a bug and prints a stack.
 */
import type { Diagnostic } from './contracts/diagnostic.js';
export class QevalError extends Error {
  readonly code: string;
  readonly exitCode: number;
  constructor(message: string, options: { code: string; exitCode: number; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = options.code;
    this.exitCode = options.exitCode;
  }
}

/** Exit codes of SPEC §4. */
export const ExitCode = {
  ok: 0,
  failures: 1,
  invalidInput: 2,
  incomplete: 3,
  /** A bug in qeval. */
  internal: 70,
  interrupted: 130,
} as const;

/** Formats a diagnostic as `file:line:col  path  message (did you mean x?)`. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = `${d.file}:${d.line}:${d.col}`;
  const path = d.path === '' ? '(document)' : d.path;
  const hint = d.suggestion ? ` (did you mean ${d.suggestion}?)` : '';
  const prefix = d.severity === 'warning' ? 'warning: ' : '';
  return `${where}  ${path}  ${prefix}${d.message}${hint}`;
}

/** Bad input from the user: usage, suite, config or cassette file. Exit 2. */
export class InputError extends QevalError {
  constructor(message: string, code = 'E_INPUT', cause?: unknown) {
    super(message, { code, exitCode: ExitCode.invalidInput, cause });
  }
}

/** One or more diagnostics in one or more input files. Exit 2. */
export class ValidationError extends InputError {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[]) {
    const errors = diagnostics.filter((d) => d.severity !== 'warning');
    const files = new Set(errors.map((d) => d.file));
    super(
      `${errors.length} error${errors.length === 1 ? '' : 's'} in ${files.size} file${files.size === 1 ? '' : 's'}`,
      'E_VALIDATION',
    );
    this.diagnostics = diagnostics;
  }
}

/** A cassette file that cannot be read or does not have the expected shape. Exit 2. */
export class CassetteFileError extends InputError {
  constructor(message: string, cause?: unknown) {
    super(message, 'E_CASSETTE_FILE', cause);
  }
}

/** 401/403 from the gateway: the whole run stops at once. Exit 3 (incomplete). */
export class AuthError extends QevalError {
  readonly status: number;
  constructor(message: string, status: number) {
    super(message, { code: 'E_AUTH', exitCode: ExitCode.incomplete });
    this.status = status;
  }
}

/** A feature a later release fills in. Exit 2. */
export class NotYetAvailableError extends InputError {
  constructor(what: string) {
    super(`${what} is not yet available in this version of qeval`, 'E_NOT_YET');
  }
}

/** An invariant of qeval broke: a bug, not a user's mistake. Exit 70; the CLI prints its stack. */
export class InternalError extends QevalError {
  constructor(message: string, cause?: unknown) {
    super(message, { code: 'E_INTERNAL', exitCode: ExitCode.internal, cause });
  }
}

/**
 * A file system refusal (full disk, no permission, read-only, a path through a file) as an input
 * error naming the file: exit 2, not "a bug". With `folder` (what the folder is), the refusal was
 * to make that folder.
 */
export function ioError(err: unknown, path: string, folder?: string): unknown {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) return err;
  const why: Record<string, string> = {
    ENOSPC: 'the disk is full',
    EDQUOT: 'the disk quota is used up',
    EACCES: 'permission denied',
    EPERM: 'not permitted',
    EROFS: 'the file system is read-only',
    ENOTDIR: 'a part of the path is a file, not a folder',
    EISDIR: 'it is a folder',
    ENOENT: 'a folder on the path does not exist and cannot be made',
  };
  return new InputError(
    folder
      ? `cannot make ${folder} ${path}: ${why[code] ?? code} (${code})`
      : `cannot write ${path}: ${why[code] ?? code} (${code}); the previous file, if any, is left as it was`,
    'E_IO',
    err,
  );
}
