import type { ProviderErrorKind } from '../contracts/chat.js';
import { QevalError } from '../errors.js';

/** A call that produced no usable response. The runner turns it into an `error` case. */
export class ProviderError extends QevalError {
  readonly kind: ProviderErrorKind;
  readonly status?: number;
  /** A short piece of the body, for HTML pages and broken JSON. */
  readonly snippet?: string;
  constructor(
    kind: ProviderErrorKind,
    message: string,
    extra: { status?: number; snippet?: string; cause?: unknown } = {},
  ) {
    super(message, {
      code: `E_PROVIDER_${kind.toUpperCase().replace(/-/g, '_')}`,
      exitCode: 3,
      cause: extra.cause,
    });
    this.kind = kind;
    if (extra.status !== undefined) this.status = extra.status;
    if (extra.snippet !== undefined) this.snippet = extra.snippet;
  }
}
