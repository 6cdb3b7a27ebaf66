import type { Redactor } from '../http/redact.js';
import type { Transport } from '../http/types.js';

/** What every provider factory gets from the CLI: effects come in here, never from globals. */
export interface ProviderDeps {
  transport: Transport;
  redactor: Redactor;
  now: () => Date;
  /** Unique per call; signatures carry it so a replayed request is refused. */
  nonce: () => string;
  debug?: ((line: string) => void) | undefined;
}
