import type { Sourced } from '../config/resolve.js';
import { UsageError } from '../errors.js';

/** A resolved endpoint as a URL; `what` names it in the error, with where the value came from. */
export function endpointUrl(endpoint: Sourced<string>, what: string): URL {
  try {
    return new URL(endpoint.value);
  } catch {
    throw new UsageError(`${what} (${endpoint.source}): "${endpoint.value}" is not a URL`);
  }
}
