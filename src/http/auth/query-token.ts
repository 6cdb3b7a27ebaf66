/**
 * Credentials carried as a URL query parameter, e.g. Codeup v3's `AccessToken`. It must run before
 * any signing step, because the signature covers the final query string.
 */

import type { Secret } from '../../model/secret.js';
import type { AuthStep, HttpRequest } from '../types.js';

export function createQueryTokenAuth(param: string, token: Secret, label: string): AuthStep {
  const apply = (request: HttpRequest): void => {
    request.url.searchParams.set(param, token.reveal());
  };
  return {
    name: label,
    authorize: async (request) => apply(request),
    preview: apply, // the URL is printed with secrets() scrubbed
    secrets: () => (token.isEmpty ? [] : [token.reveal()]),
  };
}
