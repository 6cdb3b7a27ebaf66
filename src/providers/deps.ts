import { createHttpClient, type HttpClient } from '../http/client.js';
import type { Redactor } from '../http/redact.js';
import type { RetryOptions } from '../http/retry.js';
import type { AuthStep, Transport } from '../http/types.js';
import type { Bounds } from '../model/bounds.js';

/** What every provider factory gets from the CLI: effects come in here, never from globals. */
export interface ProviderDeps {
  transport: Transport;
  redactor: Redactor;
  now: () => Date;
  /** Unique per call; signatures carry it so a replayed request is refused. */
  nonce: () => string;
  debug?: ((line: string) => void) | undefined;
  /** Where tokens obtained by logging in are kept between runs; without it they live in memory only. */
  cache?: TokenCacheDeps | undefined;
  /** --retries with the injected sleep, jitter source, clock and Ctrl-C signal; absent: no retries. */
  retry?: RetryOptions | undefined;
  /** One line for the user on stderr, e.g. that a create which seemed to fail had in fact worked. */
  notice?: ((line: string) => void) | undefined;
  /** The bounds on listings and discovery (model/bounds.ts); absent: the defaults. */
  bounds?: Bounds | undefined;
}

/** A directory plus owner-only file access (see Deps.writeFile), for the IAM token cache. */
export interface TokenCacheDeps {
  dir: string;
  readFile(path: string, options?: { ownedOnly?: boolean }): Promise<string | undefined>;
  writeFile(path: string, text: string, options?: { ownedOnly?: boolean }): Promise<void>;
}

/** The HTTP client an adapter talks through: its endpoint and auth, everything else from deps. */
export function clientFor(deps: ProviderDeps, endpoint: URL, auth: AuthStep): HttpClient {
  return createHttpClient({ baseUrl: endpoint, auth, transport: deps.transport, redactor: deps.redactor, debug: deps.debug, retry: deps.retry });
}
