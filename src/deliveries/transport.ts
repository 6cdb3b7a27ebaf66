import { createUndiciTransport } from '../http/transport.js';
import type { Transport } from '../http/types.js';

/**
 * The transport that sends to a hook's URL (`hooks test`) or relays to `--forward-to` (`listen`):
 * the injected one when Deps has it, else undici with an overall deadline and a response cap.
 * Not the providers' client: no auth step, no retries (a test delivery is sent once).
 */
export function deliveryTransport(injected: Transport | undefined, options: { timeoutMs?: number; maxResponseBytes?: number } = {}): Transport {
  return injected ?? createUndiciTransport({ timeoutMs: options.timeoutMs ?? 30_000, maxResponseBytes: options.maxResponseBytes ?? 1024 * 1024 });
}
