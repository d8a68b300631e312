import { NotYetAvailableError } from '../../errors.js';

/** `qeval run` — filled in by a later issue. */
export async function execute(..._args: unknown[]): Promise<number> {
  throw new NotYetAvailableError('qeval run');
}
